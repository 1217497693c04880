import { spawn } from 'node:child_process';
import { onExitThenDrain } from '@slipway/policy-core/node';

export interface ProcessResult {
  /** Exit code; null when the process could not start, was killed or timed out. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why there is no exit code: "not found", "timed out after 30s", "killed by SIGTERM". */
  failure?: string;
}

export interface ProcessOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
}

const MAX_OUTPUT = 1 << 20;
const PIPE_GRACE_MS = 500;

/** Runs an argv list without a shell; never rejects. Output beyond 1 MiB per stream is dropped. */
export function runProcess(argv: readonly string[], opts: ProcessOptions): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const [program, ...args] = argv;
    if (!program) {
      resolve({ code: null, stdout: '', stderr: '', failure: 'empty command' });
      return;
    }
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let done = false;
    const child = spawn(program, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const finish = (result: ProcessResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += d.toString('utf8');
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      const failure = err.code === 'ENOENT' ? `${program}: command not found` : `${program}: ${err.message}`;
      finish({ code: null, stdout, stderr, failure });
    });
    const exited = (code: number | null, signal: NodeJS.Signals | null) => {
      if (timedOut)
        finish({
          code: null,
          stdout,
          stderr,
          failure: `timed out after ${Math.round(opts.timeoutMs / 1000)}s`,
        });
      else if (code === null)
        finish({ code: null, stdout, stderr, failure: `killed by ${signal ?? 'a signal'}` });
      else finish({ code, stdout, stderr });
    };
    // Once the command has exited, its pipes get a moment to drain, no more (`nohup bot &`).
    child.on('exit', () => clearTimeout(timer));
    onExitThenDrain(child, PIPE_GRACE_MS, exited);
  });
}

/**
 * The most telling line of a failed run: git's (or any tool's) first `fatal:`/`error:` line, whose
 * advice follows it on later lines; otherwise the last non-empty stderr line, else stdout's.
 */
export function lastLine(result: ProcessResult): string {
  const lines = (s: string) =>
    s
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const fatal = lines(result.stderr).find((l) => /^(fatal|error): /.test(l));
  return (
    result.failure ??
    fatal ??
    lines(result.stderr).pop() ??
    lines(result.stdout).pop() ??
    `exit code ${result.code}`
  );
}

/** One-line description of why a command failed, e.g. "tar exited with 2: No space left on device". */
export function describeFailure(argv: readonly string[], result: ProcessResult): string {
  if (result.failure && result.code === null)
    return `\`${argv.join(' ')}\` ${result.failure.replace(`${argv[0]}: `, '')}`;
  return `\`${argv.join(' ')}\` exited with ${result.code}: ${lastLine(result)}`;
}
