import { execFile, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, writeSync } from 'node:fs';
import { gitInvocation } from './git-invocation.js';
import { gitStartTime, traceGit } from './git-trace.js';
import { MAX_GIT_OUTPUT, readWhole, unlinkedFile } from './unlinked-output.js';

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
  /**
   * Large output written to a temporary file (unlinked at once) rather than a pipe, read when
   * git exits. A pipe holds 64 KB: git then waits until this process reads, which it cannot do
   * while it is busy compiling modules, so a listing started at start-up would finish only
   * once the start-up does. POSIX only (elsewhere, a pipe as usual). Its `input` is given through
   * a temporary file too, so git reads all of it however busy this process is.
   */
  unpiped?: boolean;
  /** runGitSync only: kill git after this long (a fetch over a network that never answers). */
  timeoutMs?: number;
  /** A bare git directory Slipway made and owns (see GitInvocationOptions.gitDir). */
  gitDir?: string;
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

function firstLine(text: string): string {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('hint:'));
  return (line ?? '').replace(/^(fatal|error): /, '');
}

function toError(args: readonly string[], cwd: string, err: NodeJS.ErrnoException, stderr: string): GitError {
  if (err.code === 'ENOENT') {
    // spawn reports a missing cwd and a missing git binary alike; tell them apart.
    return existsSync(cwd)
      ? new GitError('git was not found on PATH; install git', 'no-git')
      : new GitError(`${cwd} does not exist`, 'missing-dir');
  }
  // "cannot use bare repository": safe.bareRepository refused a directory shaped like one.
  if (/not a git repository|cannot use bare repository/i.test(stderr)) {
    return new GitError(
      `${cwd} is not a git repository; run slipway inside one or pass --repo`,
      'not-a-repo',
      stderr,
    );
  }
  const detail = firstLine(stderr) || err.message.split('\n')[0] || 'unknown error';
  return new GitError(`git ${args[0] ?? ''} failed: ${detail}`, 'failed', stderr);
}

/** Runs git without a shell; resolves with raw stdout bytes. Exit codes outside okCodes reject. */
export function runGit(cwd: string, args: readonly string[], opts: GitOptions = {}): Promise<GitResult> {
  const t0 = gitStartTime();
  if (opts.unpiped && process.platform !== 'win32') return runGitUnpiped(cwd, args, opts, t0);
  const git = gitInvocation(cwd, args, opts);
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      git.args,
      { cwd, encoding: 'buffer', maxBuffer: MAX_GIT_OUTPUT, env: git.env, windowsHide: true },
      (error, stdout, stderrBuf) => {
        const stderr = stderrBuf.toString('utf8');
        traceGit?.(args, t0);
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

function runGitUnpiped(
  cwd: string,
  args: readonly string[],
  opts: GitOptions,
  t0: number,
): Promise<GitResult> {
  let fd: number | undefined;
  let inFd: number | 'ignore' = 'ignore';
  try {
    fd = unlinkedFile();
    if (opts.input !== undefined) {
      inFd = unlinkedFile();
      // Written at offset 0 (pwrite): the file's offset stays at its start, where git reads.
      const bytes = typeof opts.input === 'string' ? Buffer.from(opts.input) : opts.input;
      writeSync(inFd, bytes, 0, bytes.length, 0);
    }
  } catch {
    if (fd !== undefined) closeSync(fd);
    if (inFd !== 'ignore') closeSync(inFd);
    return runGit(cwd, args, { ...opts, unpiped: false });
  }
  const out = fd;
  const git = gitInvocation(cwd, args, opts);
  return new Promise<GitResult>((resolve, reject) => {
    const stderrChunks: Buffer[] = [];
    const child = spawn('git', git.args, {
      cwd,
      env: git.env,
      windowsHide: true,
      stdio: [inFd, out, 'pipe'],
    });
    // git holds its own copy of the input's descriptor now.
    if (inFd !== 'ignore') closeSync(inFd);
    child.stderr?.on('data', (chunk: Buffer) => stderrChunks.push(chunk));
    // A start that fails reports 'error' and may report 'close' as well: the first one answers.
    let finished = false;
    const finish = (error: NodeJS.ErrnoException | undefined, code: number) => {
      if (finished) return;
      finished = true;
      const stderr = Buffer.concat(stderrChunks).toString('utf8');
      let stdout: Buffer = Buffer.alloc(0);
      try {
        if (!error) stdout = readWhole(out);
      } catch (err) {
        error = err as NodeJS.ErrnoException;
      } finally {
        closeSync(out);
      }
      traceGit?.(args, t0);
      if (!error && (code === 0 || opts.okCodes?.includes(code))) return resolve({ stdout, stderr, code });
      const err = error ?? Object.assign(new Error(`git exited with ${code}`), { code });
      reject(toError(args, cwd, err as NodeJS.ErrnoException, stderr));
    };
    child.once('error', (err) => finish(err, -1));
    child.once('close', (code) => finish(undefined, code ?? -1));
  });
}

/** Synchronous twin for the few sync questions (RepoView.readFile-style facts, readBase). */
export function runGitSync(cwd: string, args: readonly string[], opts: GitOptions = {}): GitResult {
  const t0 = gitStartTime();
  const git = gitInvocation(cwd, args, opts);
  try {
    const stdout = execFileSync('git', git.args, {
      cwd,
      maxBuffer: MAX_GIT_OUTPUT,
      env: git.env,
      windowsHide: true,
      input: opts.input,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}),
    });
    traceGit?.(args, t0);
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
