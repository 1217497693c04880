import { runCommand } from '@slipway/policy-core/node';

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

/**
 * Runs an argv list through the deploy layer's one command runner (no shell, its own process
 * group, the timeout stopping everything it started, pipes drained only briefly after it exits)
 * and collects what it wrote: git's answers are read as data, so they are not redacted; each
 * stream keeps at most 1 MiB. Never rejects.
 */
export async function runProcess(argv: readonly string[], opts: ProcessOptions): Promise<ProcessResult> {
  const out = { stdout: '', stderr: '' };
  const r = await runCommand(argv, {
    cwd: opts.cwd,
    env: {},
    baseEnv: opts.env,
    timeoutMs: opts.timeoutMs,
    onOutput: (stream, text) => {
      if (out[stream].length < MAX_OUTPUT) out[stream] += text;
    },
  });
  const { stdout, stderr } = out;
  if (r.notStarted) {
    const failure = r.errorCode === 'ENOENT' ? `${argv[0]}: command not found` : r.detail;
    return { code: null, stdout, stderr, failure };
  }
  if (r.timedOut)
    return { code: null, stdout, stderr, failure: `timed out after ${Math.round(opts.timeoutMs / 1000)}s` };
  if (r.code === null) return { code: null, stdout, stderr, failure: `killed by ${r.signal ?? 'a signal'}` };
  return { code: r.code, stdout, stderr };
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
