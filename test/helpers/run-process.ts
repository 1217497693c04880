import { spawn } from 'node:child_process';

export interface ProcessResult {
  /** The exit code; -1 when a signal ended it. */
  code: number;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer;
}

/**
 * A child process without blocking this test worker. Vitest's worker must answer the runner's
 * RPC within 60 seconds; a synchronous spawn that lasts longer (an `npm install`, a `tsc` build,
 * a pre-commit hook installing its environment, on a loaded machine) keeps it from answering,
 * and the run fails with "Timeout calling onTaskUpdate" although every test passed. Anything
 * that may take more than a few seconds runs through here.
 */
export function runProcess(
  cmd: string,
  args: readonly string[],
  opts: ProcessOptions = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: 'pipe' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    // A child that exits without reading its input (bash running a one-line command) closes
    // the pipe first on a loaded machine: the EPIPE is no failure, its exit code says how it went.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

/** `runProcess` that must succeed: resolves to its stdout, rejects with its output otherwise. */
export async function mustRun(
  cmd: string,
  args: readonly string[],
  opts: ProcessOptions = {},
): Promise<string> {
  const r = await runProcess(cmd, args, opts);
  if (r.code !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}:\n${r.stderr}${r.stdout}`.slice(0, 4000));
  return r.stdout;
}
