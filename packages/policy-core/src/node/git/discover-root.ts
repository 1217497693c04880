import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// Variables that change where git looks for a repository: with any of them set, only git knows.
const DISCOVERY_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
];

/**
 * The work tree containing `dir`, found the way git finds it — the nearest ancestor holding a
 * `.git` directory, or a `.git` file naming one (worktrees, submodules) — without starting git:
 * on a busy machine one process start is 10–30 ms, and every `slipway` run needs the root before
 * anything else can begin. Returns undefined whenever the answer needs git's own judgement:
 * discovery variables, a directory inside a git directory or a bare repository, a crossed
 * file-system boundary, `core.worktree` or `core.bare` in the config, or no repository at all.
 * Like `git rev-parse --show-toplevel`, the answer has symbolic links resolved.
 * @internal
 */
export function discoverRoot(
  dir: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (DISCOVERY_ENV.some((name) => env[name] !== undefined)) return undefined;
  let current: string;
  try {
    current = realpathSync.native(resolve(dir));
  } catch {
    return undefined;
  }
  const device = statSync(current, { throwIfNoEntry: false })?.dev;
  if (device === undefined) return undefined;
  for (;;) {
    if (current.split('/').includes('.git') || looksLikeGitDir(current)) return undefined;
    const dotGit = join(current, '.git');
    const st = statSync(dotGit, { throwIfNoEntry: false });
    if (st?.isDirectory()) return plainRepository(dotGit) ? current : undefined;
    if (st?.isFile()) return linkedGitDir(dotGit) !== undefined ? current : undefined;
    const parent = dirname(current);
    if (parent === current) return undefined;
    if (statSync(parent, { throwIfNoEntry: false })?.dev !== device) return undefined;
    current = parent;
  }
}

/** A bare repository (or a git directory entered by hand): HEAD, objects and refs side by side. */
function looksLikeGitDir(path: string): boolean {
  return ['HEAD', 'objects', 'refs'].every((name) => statSync(join(path, name), { throwIfNoEntry: false }));
}

/** A `.git` directory whose config leaves the work tree where it is. */
export function plainRepository(gitDir: string): boolean {
  if (!isFile(join(gitDir, 'HEAD'))) return false;
  let config: string;
  try {
    config = readFileSync(join(gitDir, 'config'), 'utf8');
  } catch {
    return false;
  }
  // Either key, anywhere in any form: let git itself interpret such a configuration.
  return !/^\s*(worktree|bare\s*=\s*true)\b/im.test(config);
}

/**
 * The directory a `.git` file names (`gitdir: <path>`, as worktrees and submodules have),
 * resolved against the file's own directory; undefined when the file is unreadable or not that.
 */
export function readGitdirFile(dotGit: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(dotGit, 'utf8');
  } catch {
    return undefined;
  }
  const match = /^gitdir: (.+?)\r?\n?$/.exec(text);
  return match?.[1] ? resolve(dirname(dotGit), match[1]) : undefined;
}

/** The git directory a `.git` file names, when it is a real one (holds a HEAD file). */
export function linkedGitDir(dotGit: string): string | undefined {
  const dir = readGitdirFile(dotGit);
  return dir !== undefined && isFile(join(dir, 'HEAD')) ? dir : undefined;
}

export function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
}

/**
 * The work tree's own git directory (where its HEAD is): `.git` itself, or for a linked worktree
 * or submodule the directory its `.git` file names. Undefined whenever git's own judgement is
 * needed, as for discoverRoot.
 */
export function discoverGitDir(
  dir: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const root = discoverRoot(dir, env);
  return root === undefined ? undefined : gitDirOfRoot(root);
}

/** The git directory of the work tree whose top is `root` (as discoverRoot answers it). */
export function gitDirOfRoot(root: string): string | undefined {
  const dotGit = join(root, '.git');
  return statSync(dotGit, { throwIfNoEntry: false })?.isDirectory() ? dotGit : linkedGitDir(dotGit);
}

/**
 * The git directory the work tree at `root` shares with its other worktrees (what `git rev-parse
 * --git-common-dir` answers), read from the file system: `.git` itself, or for a linked worktree
 * the `commondir` its `.git` file leads to. Undefined whenever git's own judgement is needed
 * (discovery variables, anything unusual): ask git then.
 */
export function discoverCommonDir(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (DISCOVERY_ENV.some((name) => env[name] !== undefined)) return undefined;
  const dotGit = join(root, '.git');
  const st = statSync(dotGit, { throwIfNoEntry: false });
  if (st?.isDirectory()) return plainRepository(dotGit) ? dotGit : undefined;
  const gitDir = st?.isFile() ? linkedGitDir(dotGit) : undefined;
  if (gitDir === undefined) return undefined;
  let common: string;
  try {
    common = readFileSync(join(gitDir, 'commondir'), 'utf8').replace(/\r?\n$/, '');
  } catch {
    return gitDir; // a submodule's git directory is its own common directory
  }
  const dir = resolve(gitDir, common);
  return isFile(join(dir, 'HEAD')) ? dir : undefined;
}
