import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  type Stats,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { pathOutsideRepo } from '../policy/schema/repo-path.js';
import { appendDurable, writeFileAtomic, writeFilesAtomic } from './atomic-write.js';
import { RefusedFile } from './confined-read.js';
import {
  hasGitSegment,
  OPEN_GUARDS,
  RepoConfinement,
  refusalLine,
  refused,
  specialKind,
} from './repo-confinement.js';

/**
 * How a repository file is written: `replace` atomically (old or new, never torn: the record,
 * the baseline, `--fix`), `append` durably in one write (the audit log, the updater's journal),
 * or `create` a file that must not exist yet (`init`, failing with EEXIST).
 */
export type WriteMode = 'replace' | 'append' | 'create';

/**
 * The one writer of repository files: every file Slipway writes in a repository (the deploy
 * record and audit log, the baseline, init's files, `--fix`, the updater's state, the audit's
 * summaries) lands inside its working tree, judged as the one reader judges (repo-confinement.ts):
 * missing directories are made one at a time inside the repository, a link is followed only
 * while every hop stays inside, and a FIFO, a device, a socket or a link that leaves is refused
 * before a byte is written, with `RefusedFile` and its one line. The open file is checked once
 * more before writing (same inode as looked at; on Linux, where it really is), so a link swapped
 * in meanwhile is caught. Errors of the file system (EACCES, EEXIST for `create`, EISDIR) are
 * thrown as they are. Returns the real path written.
 *
 * Files of Slipway's own (the user's cache directory, the git directory's trace and update
 * marker) are not repository content and are written by atomic-write.ts directly.
 */
export function writeRepoFile(root: string, rel: string, text: string, mode: WriteMode = 'replace'): string {
  const { target, expected, check } = confinedTarget(root, rel, mode);
  const flags = constants.O_WRONLY | OPEN_GUARDS;
  if (mode === 'replace') writeFileAtomic(target, text, (fd) => check(fd));
  else if (mode === 'append')
    appendDurable(target, text, flags | constants.O_APPEND | constants.O_CREAT, (fd) => check(fd, expected));
  else createFile(target, text, flags | constants.O_CREAT | constants.O_EXCL, check);
  return target;
}

/**
 * writeRepoFile's `replace` for several files at once (`check --fix`), each judged the same way
 * before any is written, and written by writeFilesAtomic (their fsyncs together). Returns the
 * real paths written.
 */
export async function replaceRepoFiles(
  root: string,
  files: readonly { rel: string; text: string }[],
): Promise<string[]> {
  const planned = files.map((f) => ({ ...confinedTarget(root, f.rel, 'replace'), text: f.text }));
  await writeFilesAtomic(
    planned.map((p) => ({ path: p.target, text: p.text, check: (fd: number) => p.check(fd) })),
  );
  return planned.map((p) => p.target);
}

/**
 * Where a write of `rel` lands, judged before anything is written: inside the repository, through
 * links only while they stay inside, never at a FIFO, a device or a socket; and the look at the
 * open file (`check`) that catches a link swapped in meanwhile.
 */
function confinedTarget(
  root: string,
  rel: string,
  mode: WriteMode,
): { target: string; expected: Stats | undefined; check: (fd: number, same?: Stats) => void } {
  const outside = pathOutsideRepo(rel);
  if (outside) throw new RefusedFile(`${outside}; Slipway writes only inside the repository`);
  if (hasGitSegment(rel)) throw refuse(rel, 'inside the git directory');
  const box = new RepoConfinement(root);
  const dir = dirInside(box, dirname(join(root, rel)), rel);
  let target = join(dir, basename(rel));
  let expected: Stats | undefined;
  const st = lstatSync(target, { throwIfNoEntry: false });
  if (st?.isSymbolicLink()) {
    // Judged in every mode, so that `create` on a committed link (to nothing yet, or outside)
    // says so in one line instead of failing on the name with EEXIST.
    const link = box.followLink(target, rel, 'write to');
    if (link === undefined) throw refuse(rel, 'a symbolic link to nothing');
    if ('refused' in link) throw new RefusedFile(refusalLine(link));
    // `create` never writes through a link: O_EXCL below fails on its name (EEXIST).
    if (mode !== 'create') {
      target = link.real;
      expected = link.st;
    }
  } else if (st) expected = st;
  const kind = expected && specialKind(expected);
  if (kind) throw refuse(rel, kind);
  const check = (fd: number, same?: Stats) => {
    const now = fstatSync(fd);
    const swapped = same !== undefined && (now.ino !== same.ino || now.dev !== same.dev);
    if (swapped || !now.isFile() || !box.openedInside(fd))
      throw new RefusedFile(
        `${rel} changed while Slipway opened it (a link swapped in?); nothing was written; run again`,
      );
  };
  return { target, expected, check };
}

/** `create`: O_EXCL makes any existing entry (a link too) fail with EEXIST. */
function createFile(target: string, text: string, flags: number, check: (fd: number) => void): void {
  const fd = openSync(target, flags, 0o644);
  try {
    try {
      check(fd);
    } catch (err) {
      unlinkSync(target);
      throw err;
    }
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** The real path of `dir`, made (one level at a time, each inside) when it does not exist. */
function dirInside(box: RepoConfinement, dir: string, rel: string): string {
  const real = box.realDir(dir);
  if (real === false)
    throw refuse(rel, 'below a directory that is a symbolic link leading outside the repository');
  if (real !== undefined) return real;
  if (dir === box.root || dirname(dir) === dir)
    throw Object.assign(new Error(`${dir} does not exist`), { code: 'ENOENT' });
  const parent = dirInside(box, dirname(dir), rel);
  const made = `${parent}${sep}${basename(dir)}`;
  try {
    mkdirSync(made);
  } catch (err) {
    // EEXIST: a dangling link or a file in the way; realDir below says which way it resolves.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const after = box.realDir(made);
  if (after === false)
    throw refuse(rel, 'below a directory that is a symbolic link leading outside the repository');
  if (after === undefined) throw refuse(rel, 'below a symbolic link to nothing where a directory should be');
  return after;
}

const refuse = (rel: string, what: string) => new RefusedFile(refusalLine(refused(rel, what, 'write to')));
