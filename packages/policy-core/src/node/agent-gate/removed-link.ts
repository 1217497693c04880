import { realpathSync } from 'node:fs';
import type { ShellWrite } from '../../agent-gate/shell/effects.js';
import { lstatOrUndefined, realOf } from './write-target.js';
import { relativeInside } from './relative-inside.js';

/**
 * Whether a removal takes away a link itself, not what it leads to: `rm link`, `rm -rf link`,
 * `unlink link`, `mv link x`, `git rm link`. POSIX rm "shall not traverse directories by
 * following symbolic links ... but shall remove the links themselves" (and GNU rm walks with fts's
 * FTS_PHYSICAL); only a trailing slash (`rm -rf link/`) asks the system to follow the link, and
 * then what it leads to is emptied. A hard link (a file of several names) loses that one name,
 * its contents kept under the others (unlink(2)). `shred -u` overwrites the file before it
 * removes the name: not a link's removal.
 */
export function removesLinkItself(w: ShellWrite, absolute: string): boolean {
  if (!w.deletes || w.slash || w.pattern || w.how.startsWith('shred')) return false;
  const st = lstatOrUndefined(absolute);
  return st !== undefined && (st.isSymbolicLink() || (st.isFile() && st.nlink > 1));
}

/**
 * The repository path a folder written with a trailing slash reaches when its name is a link
 * (`rm -rf link/`): the folder the link leads to; undefined when that is outside the repository.
 * Not a link, or no slash: the path as named (`lexical`).
 */
export function slashTarget(
  w: ShellWrite,
  root: string,
  absolute: string,
  lexical: string | undefined,
): string | undefined {
  if (!w.slash || w.pattern || lstatOrUndefined(absolute)?.isSymbolicLink() !== true) return lexical;
  return relativeInside(realpathSync.native(root), realOf(absolute));
}
