import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { PROCESS_PATH } from '../../agent-gate/process-paths.js';

export { climbs } from '../../agent-gate/shell/context.js';

/**
 * `path` from `cwd` as the file system resolves it: a `..` steps up from the real folder of what
 * precedes it, not from its name. `docs/cur/../db/x.sql` with `docs/cur` a link to `db` is
 * `db/x.sql` to the text and `x.sql`'s folder's parent's `db/x.sql` to the disk: `path.resolve`
 * folds the text, and a write judged there was judged somewhere it does not land. The part
 * past what exists is folded as text (nothing there is a link yet).
 */
export function physicalPath(cwd: string, path: string): string {
  let cur = isAbsolute(path) ? '/' : cwd;
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    cur = part === '..' ? dirname(realOrAsIs(cur)) : join(cur, part);
  }
  return cur;
}

function realOrAsIs(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}

/** How many links are followed before a path is taken for a loop (as the kernel's ELOOP). */
const MAX_HOPS = 40;

/**
 * Whether resolving `abs` goes through a link into /proc or /dev/fd (`ln -s ../../proc/self/cwd
 * p`, made where no repository governs, then a write to `p/x.sql`): a process's own folders,
 * which this process resolves as its own (the gate's working directory), the shell that writes
 * as its own (wherever a `cd` took it).
 */
export function throughProcessLink(abs: string, hops = 0): boolean {
  if (PROCESS_PATH.test(abs)) return true;
  if (hops > MAX_HOPS) return false;
  const parts = abs.split('/').filter((p) => p !== '');
  let cur = '/';
  for (let i = 0; i < parts.length; i++) {
    cur = join(cur, parts[i] as string);
    let target: string;
    try {
      if (!lstatSync(cur).isSymbolicLink()) continue;
      target = readlinkSync(cur);
    } catch {
      return false;
    }
    return throughProcessLink(join(resolve(dirname(cur), target), ...parts.slice(i + 1)), hops + 1);
  }
  return false;
}
