import { readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { relativeInside } from './relative-inside.js';

/**
 * The git directories of the repository at `realRoot` that its own `.git` folder is not: where
 * `.git` is a file (a linked worktree, a submodule, a clone made with `--separate-git-dir`), the
 * folder it names and the common folder that one's `commondir` names. Their hooks and config run
 * programs as `.git/hooks` and `.git/config` would, and the gate's decision log is kept there;
 * a `.git` segment in the path does not find them. Read from disk as git reads them
 * (`gitdir: <path>` relative to the file's folder, `commondir` relative to the git directory),
 * real paths; none where `.git` is a folder or cannot be read.
 */
export function linkedGitDirs(realRoot: string): string[] {
  const gitDir = pointed(join(realRoot, '.git'), /^gitdir: (.+)$/);
  if (gitDir === undefined) return [];
  const common = pointed(join(gitDir, 'commondir'), /^(.+)$/);
  return common === undefined || common === gitDir ? [gitDir] : [gitDir, common];
}

/**
 * Which of the linked git directories of the repository at `realRoot` (linkedGitDirs, read once)
 * holds a real path: the one asked of every path a call writes, whichever front end asks it.
 */
export function linkedGitDirHolding(realRoot: string): (realPath: string) => string | undefined {
  const dirs = linkedGitDirs(realRoot);
  return (realPath) => dirs.find((dir) => relativeInside(dir, realPath) !== undefined);
}

/** The folder a one-line file names (first line, `line`'s group), resolved from the file's folder. */
function pointed(file: string, line: RegExp): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // A folder (EISDIR), nothing there, or unreadable: nothing to add.
    return undefined;
  }
  const named = line.exec(text.split('\n')[0]?.replace(/\r$/, '') ?? '')?.[1];
  if (named === undefined || named === '') return undefined;
  const dir = isAbsolute(named) ? named : resolve(dirname(file), named);
  try {
    return realpathSync.native(dir);
  } catch {
    return dir;
  }
}
