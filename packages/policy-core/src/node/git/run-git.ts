import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A git failure the user can act on: one line, no stack trace needed. `code` tells callers
 * (and the CLI) what kind of problem it was without parsing the message.
 */
export class GitError extends Error {
  constructor(
    message: string,
    readonly code:
      | 'not-a-repo'
      | 'no-git'
      | 'missing-dir'
      | 'unknown-ref'
      | 'empty-repo'
      | 'shallow'
      | 'event'
      | 'failed',
    /** git's own stderr, for `--debug`. */
    readonly stderr = '',
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitOptions {
  /** Bytes written to git's stdin (cat-file --batch and friends). */
  input?: Buffer | string;
  /** Exit codes that are answers rather than failures (e.g. 1 from `merge-base --is-ancestor`). */
  okCodes?: readonly number[];
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

// Fixed options for every git we run: output is bytes (paths may be any bytes), no pager,
// no prompt for credentials, and a buffer big enough for `ls-files -z` of a huge monorepo.
const MAX_BUFFER = 1024 * 1024 * 1024;
const GIT_ENV_OVERRIDES = { GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' };

function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, ...GIT_ENV_OVERRIDES };
}

function firstLine(text: string): string {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  return (line ?? '').replace(/^(fatal|error): /, '');
}

function toError(args: readonly string[], cwd: string, err: NodeJS.ErrnoException, stderr: string): GitError {
  if (err.code === 'ENOENT') {
    // spawn reports a missing cwd and a missing git binary alike; tell them apart.
    return existsSync(cwd)
      ? new GitError('git was not found on PATH; install git', 'no-git')
      : new GitError(`${cwd} does not exist`, 'missing-dir');
  }
  if (/not a git repository/i.test(stderr)) {
    return new GitError(
      `${cwd} is not a git repository; run slipway inside one or pass --repo`,
      'not-a-repo',
      stderr,
    );
  }
  const detail = firstLine(stderr) || err.message.split('\n')[0] || 'unknown error';
  return new GitError(`git ${args[0] ?? ''} failed: ${detail}`, 'failed', stderr);
}

// `SLIPWAY_TRACE_GIT=1` prints each git call and its wall time to stderr: where a slow
// `slipway check` spends its time, without a profiler.
const trace = process.env.SLIPWAY_TRACE_GIT
  ? (args: readonly string[], t0: number) => {
      process.stderr.write(
        `git ${args.join(' ')}  started at ${t0.toFixed(0)} ms, took ${(performance.now() - t0).toFixed(1)} ms\n`,
      );
    }
  : undefined;

/** Runs git without a shell; resolves with raw stdout bytes. Exit codes outside okCodes reject. */
export function runGit(cwd: string, args: readonly string[], opts: GitOptions = {}): Promise<GitResult> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args as string[],
      { cwd, encoding: 'buffer', maxBuffer: MAX_BUFFER, env: gitEnv(), windowsHide: true },
      (error, stdout, stderrBuf) => {
        const stderr = stderrBuf.toString('utf8');
        trace?.(args, t0);
        if (!error) return resolve({ stdout, stderr, code: 0 });
        const code = typeof error.code === 'number' ? error.code : -1;
        if (code >= 0 && opts.okCodes?.includes(code)) return resolve({ stdout, stderr, code });
        reject(toError(args, cwd, error as NodeJS.ErrnoException, stderr));
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    // git may exit before reading all of stdin; that is its answer, not our error.
    child.stdin?.on('error', () => {});
  });
}

/** Synchronous twin for the few sync questions (RepoView.readFile-style facts, readBase). */
export function runGitSync(cwd: string, args: readonly string[], opts: GitOptions = {}): GitResult {
  const t0 = performance.now();
  try {
    const stdout = execFileSync('git', args as string[], {
      cwd,
      maxBuffer: MAX_BUFFER,
      env: gitEnv(),
      windowsHide: true,
      input: opts.input,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    trace?.(args, t0);
    return { stdout, stderr: '', code: 0 };
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { status?: number | null; stdout?: Buffer; stderr?: Buffer };
    const stderr = err.stderr?.toString('utf8') ?? '';
    const code = typeof err.status === 'number' ? err.status : -1;
    if (code >= 0 && opts.okCodes?.includes(code))
      return { stdout: err.stdout ?? Buffer.alloc(0), stderr, code };
    throw toError(args, cwd, err, stderr);
  }
}
