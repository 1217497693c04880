import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { closeSync } from 'node:fs';
import { CAT_FILE_SESSION_ARGS, offerCatFileProcess } from './cat-file-session.js';
import { gitInvocation } from './git-invocation.js';
import { gitStartTime, traceGit } from './git-trace.js';
import { TRACKED_FILES_ARGS } from './tracked-files.js';
import { readWhole, unlinkedFile } from './unlinked-output.js';
import { WORKING_TREE_STATUS_ARGS } from './working-tree-changes.js';

/** The output of the git processes startGitTogether started, each as `runGit` would give it. */
export interface StartedTogether {
  /** `git ls-files` (TRACKED_FILES_ARGS). */
  listing: Promise<Buffer>;
  /** `git status` (WORKING_TREE_STATUS_ARGS). */
  status: Promise<Buffer>;
}

/**
 * The three git processes every agent-gate decision needs — the file listing, `git status` and the
 * cat-file session (offered to the first CatFileSession of `root`) — from ONE process start.
 *
 * Why: each process start blocks this thread until the new process has started (libuv waits for
 * its exec), some 10 ms apiece on a small machine, three times a tool call, and a path-only
 * decision is a few hundred ms in all. Here one `/bin/sh` is started; it starts the listing and
 * the status in the background and then becomes the cat-file session (`exec`), none of which this
 * thread waits for.
 *
 * The shell runs no text of anyone's but this file's: git's arguments (gitInvocation's hardening
 * and repository, the same as any git Slipway starts) are its positional parameters, never parsed
 * as shell words; the fixed commands below are literals. It reads no start-up file (a
 * non-interactive `sh -c`), and ENV, BASH_ENV and exported bash functions are withheld from it (a
 * `/bin/sh` that is bash would define `git` from `BASH_FUNC_git%%`).
 *
 * Outputs go to unlinked temporary files (a pipe would fill while this thread compiles), each
 * command's exit status to a pipe as `l <code>` / `s <code>`. A failure of any kind rejects that
 * output (its user then asks git as usual, which words the error); the session's process failing
 * is its own (CatFileSession starts another). Undefined on Windows (no `/bin/sh`), when the
 * temporary files cannot be made or when Node refuses the start at once: the caller starts the
 * processes one by one.
 */
export function startGitTogether(root: string): StartedTogether | undefined {
  if (process.platform === 'win32') return undefined;
  const outputs: number[] = [];
  try {
    outputs.push(unlinkedFile());
    outputs.push(unlinkedFile());
  } catch {
    for (const fd of outputs) closeSync(fd);
    return undefined;
  }
  const [listingFd, statusFd] = outputs as [number, number];
  const t0 = gitStartTime();
  const git = gitInvocation(root, []);
  let child: ChildProcess;
  try {
    child = spawn('/bin/sh', ['-c', SCRIPT, 'slipway-git', ...git.args], {
      cwd: root,
      env: shellSafe(git.env),
      stdio: ['pipe', 'pipe', 'ignore', listingFd, statusFd, 'pipe'],
      windowsHide: true,
    });
  } catch {
    // A start Node refuses at once (most failures come later, as 'error'): one by one, then.
    closeSync(listingFd);
    closeSync(statusFd);
    return undefined;
  }
  offerCatFileProcess(root, child);
  const codes = exitCodes(child);
  const output = (name: 'l' | 's', fd: number, args: readonly string[]) =>
    codes[name].then((code) => {
      traceGit?.([...args, '(started together)'], t0);
      try {
        if (code !== 0) throw new Error(`git ${args[0]} exited with ${code}`);
        return readWhole(fd);
      } finally {
        closeSync(fd);
      }
    });
  const started = {
    listing: output('l', listingFd, TRACKED_FILES_ARGS),
    status: output('s', statusFd, WORKING_TREE_STATUS_ARGS),
  };
  // Whoever uses an output sees its failure (and then asks git as usual); unused, it is nobody's.
  started.listing.catch(() => {});
  started.status.catch(() => {});
  return started;
}

/** Each background command's exit status, as the shell writes it to fd 5; -1 when it never does. */
function exitCodes(child: ChildProcess): Record<'l' | 's', Promise<number>> {
  const settle: Partial<Record<string, (code: number) => void>> = {};
  const codes = {
    l: new Promise<number>((done) => {
      settle.l = done;
    }),
    s: new Promise<number>((done) => {
      settle.s = done;
    }),
  };
  const never = () => {
    settle.l?.(-1);
    settle.s?.(-1);
  };
  let text = '';
  const pipe = (child.stdio as readonly unknown[])[5] as Readable | null | undefined;
  if (!pipe) {
    never();
    return codes;
  }
  pipe.setEncoding('latin1');
  pipe.on('data', (chunk: string) => {
    text += chunk;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n')) {
      const [name, code] = text.slice(0, nl).split(' ');
      text = text.slice(nl + 1);
      if (name === 'l' || name === 's') settle[name]?.(Number(code));
    }
  });
  pipe.on('error', never);
  pipe.on('close', never);
  child.on('error', never);
  return codes;
}

const words = (args: readonly string[]) => {
  // Fixed literals of this file only: nothing a shell would read as anything but a word.
  for (const a of args) if (!/^[a-z0-9=.-]+$/i.test(a)) throw new Error(`not a plain word: ${a}`);
  return args.join(' ');
};

// fd 3: the listing's output, fd 4: the status's, fd 5: their exit codes. The background lists
// read /dev/null and write nothing to the session's stdout; the session keeps none of fds 3-5.
const SCRIPT = [
  `(git "$@" ${words(TRACKED_FILES_ARGS)} >&3 2>/dev/null </dev/null; echo "l $?" >&5) >/dev/null &`,
  `(git "$@" ${words(WORKING_TREE_STATUS_ARGS)} >&4 2>/dev/null </dev/null; echo "s $?" >&5) >/dev/null &`,
  'exec 3>&- 4>&- 5>&-',
  `exec git "$@" ${words(CAT_FILE_SESSION_ARGS)}`,
].join('\n');

/** `env` without what would make a POSIX shell run something before the script (see above). */
function shellSafe(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (name === 'ENV' || name === 'BASH_ENV' || name.startsWith('BASH_FUNC_')) continue;
    out[name] = value;
  }
  return out;
}
