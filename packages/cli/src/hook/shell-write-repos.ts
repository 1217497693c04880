import { lstatSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ShellWrite } from '@slipway/policy-core';
import { findRoot, physicalPath } from '@slipway/policy-core/node';
import { writeDir } from './governing-gate.js';

/** The writes of a shell command one repository judges, and a folder to open its gate from. */
export interface RepositoryWrites {
  dir: string;
  writes: ShellWrite[];
}

/**
 * A shell command's writes, each where the file system lands it (a `..` after a link stepped up
 * from where the link leads: physical-path.ts), grouped by the repository that governs it. The
 * session's repository keeps its own and those outside every repository (`/tmp/x`, git's settings
 * in the home folder: its shellWrites reads them). A write into another repository (`> ../B/db/x.sql`,
 * `cd ../B && rm slipway.yaml`, a repository nested in this one) was judged by the session's
 * policy, which found it outside and let it through: that repository's policy judges it now.
 */
export async function writesByRepository(
  writes: readonly ShellWrite[],
  cwd: string,
): Promise<{ own: ShellWrite[]; others: RepositoryWrites[] }> {
  const session = await rootOf(cwd);
  const own: ShellWrite[] = [];
  const others = new Map<string, RepositoryWrites>();
  const roots = new Map<string, string | undefined>();
  for (const written of writes) {
    const w = landed(written, cwd);
    // A path the shell expands (`~/x`) is put to the human by the session's gate.
    if (w.notLiteral !== undefined) {
      own.push(w);
      continue;
    }
    // A folder written whole (`rm -r ../B`, `cp -r x ../B`) is its own repository's to judge,
    // not its parent folder's.
    const target = w.pattern ? staticPart(w.path) : w.path;
    const dir = writeDir(isFolder(resolve(cwd, target)) ? join(target, 'x') : target, cwd);
    if (!roots.has(dir)) roots.set(dir, await rootOf(dir));
    const root = roots.get(dir);
    if (root === undefined || root === session) {
      own.push(w);
      continue;
    }
    const group = others.get(root) ?? { dir, writes: [] };
    group.writes.push(w);
    others.set(root, group);
  }
  return { own, others: [...others.values()] };
}

/** The write at the path the file system reaches, as an absolute path when it climbed. */
function landed(w: ShellWrite, cwd: string): ShellWrite {
  if (w.unfolded === undefined) return w;
  const { unfolded, ...rest } = w;
  return { ...rest, path: physicalPath(cwd, unfolded) };
}

/** The part of a glob before its first pattern character's segment (`db/*.sql` -> `db/x`). */
function staticPart(glob: string): string {
  const at = glob.search(/[*?[{]/);
  if (at === -1) return glob;
  const slash = glob.lastIndexOf('/', at);
  return `${slash === -1 ? '.' : glob.slice(0, slash)}/x`;
}

/** The repository `dir` is in; undefined outside every one. */
async function rootOf(dir: string): Promise<string | undefined> {
  const found = await findRoot(resolve(dir)).catch(() => undefined);
  return found?.isGit ? found.root : undefined;
}

/** A folder itself, not a link to one (a link is judged where it sits, as writeDir does). */
function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
