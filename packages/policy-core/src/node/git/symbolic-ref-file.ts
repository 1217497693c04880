import { lstatSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { discoverCommonDir } from './discover-root.js';

// A branch name git would accept, one or more components. A component starting with a dot is
// never a branch: the reftable backend leaves `ref: refs/heads/.invalid` in HEAD, its refs live elsewhere.
const BRANCH =
  /(?:[^./\0-\x20\x7f~^:?*[\\][^/\0-\x20\x7f~^:?*[\\]*\/)*[^./\0-\x20\x7f~^:?*[\\][^/\0-\x20\x7f~^:?*[\\]*/;
const OBJECT_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?\n?$/;
const TARGET = {
  'refs/heads/': new RegExp(`^ref: refs\\/heads\\/(${BRANCH.source})\\n?$`),
  'refs/remotes/origin/': new RegExp(`^ref: refs\\/remotes\\/origin\\/(${BRANCH.source})\\n?$`),
};

/**
 * What a loose ref's file says of the branch under `prefix` it points at, as `git symbolic-ref`
 * would answer: the branch's name; undefined when the ref is not symbolic (an object id); null
 * when the file does not say plainly (a target outside `prefix`, a name git would shorten or
 * refuse, anything else): ask git.
 */
export function symbolicRefBranch(
  text: string,
  prefix: 'refs/heads/' | 'refs/remotes/origin/',
): string | undefined | null {
  if (OBJECT_ID.test(text)) return undefined;
  const name = TARGET[prefix].exec(text)?.[1];
  return name === undefined || name.endsWith('.lock') || name.includes('..') || name.includes('@{')
    ? null
    : name;
}

/**
 * The branch `refs/remotes/origin/HEAD` names (the remote's default branch, which `git clone`
 * and `git remote set-head` record), read from its file in the git directory the worktrees share
 * (remote-tracking refs are never a worktree's own), as `git symbolic-ref --quiet` answers it,
 * without starting a process. Undefined when git would say there is no such symbolic ref: no
 * loose file (a symbolic ref is never packed, so packed-refs cannot hold one) or a plain one. Null
 * when only git can say: the git directory found by git alone, refs kept in a reftable, a file
 * that is a symbolic link (git's old way to write a symbolic ref), unreadable or unusual.
 */
export function originHeadFromFile(root: string): string | undefined | null {
  const common = discoverCommonDir(root, process.env);
  if (common === undefined || !filesRefStorage(common)) return null;
  const path = join(common, 'refs', 'remotes', 'origin', 'HEAD');
  let text: string;
  try {
    if (!lstatSync(path).isFile()) return null;
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
  return symbolicRefBranch(text, 'refs/remotes/origin/');
}

/** Whether refs are loose files and packed-refs (not a reftable, `extensions.refStorage`). */
function filesRefStorage(common: string): boolean {
  if (statSync(join(common, 'reftable'), { throwIfNoEntry: false }) !== undefined) return false;
  try {
    return !/^\s*refstorage\s*=/im.test(readFileSync(join(common, 'config'), 'utf8'));
  } catch {
    return false;
  }
}
