import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { isAscii } from 'node:buffer';
import { join } from 'node:path';
import { pathOutsideRepo } from '../policy/schema/repo-path.js';
import {
  hasGitSegment,
  NO_FOLLOW,
  OPEN_GUARDS,
  type Refused,
  RepoConfinement,
  refused,
  refusalLine,
  specialKind,
} from './repo-confinement.js';

/** A file's text with what identifies that version of it (the FsRepo's remembered texts). */
export interface ReadText {
  ino: number;
  size: number;
  mtimeMs: number;
  text: string;
}

/** A file larger than the reader was told to take: its size, nothing of it read. */
export interface TooLarge {
  tooLarge: number;
}

/**
 * The one reader of repository files: `rel`'s text when it is a regular file inside the
 * repository (repo-confinement.ts says what inside means), why it is refused when it is not (a
 * link leaving the repository, a FIFO, a device, a socket: one line), or undefined when there is
 * no such file (missing, a directory, unreadable).
 *
 * The common case costs what a plain read costs plus one system call: the directory is resolved
 * (once per directory in a CLI run), the file is opened without following a final link and
 * without blocking (a FIFO opens at once), fstat says it is a regular file, and on Linux the
 * open file's own path (/proc/self/fd) says it is where the check said, so a link swapped in
 * between the check and the open is caught. Only a final link costs more: its hops are followed
 * one by one, and the file opened at the end must be the one the last hop named (same inode).
 */
export function readConfined(
  box: RepoConfinement,
  rel: string,
  full: string | Buffer = join(box.root, rel),
  maxBytes = Number.POSITIVE_INFINITY,
): ReadText | Refused | TooLarge | undefined {
  const opened = openConfined(box, rel, full);
  if (opened === undefined || 'refused' in opened) return opened;
  const { fd, st } = opened;
  try {
    if (st.size > maxBytes) return { tooLarge: st.size };
    const bytes = readAll(fd, st.size);
    // ASCII (most migrations) is copied as one-byte characters without decoding (see readText).
    const text = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
    return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, text };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * `readConfined`'s checks without the read: the open file (the caller closes `fd`) with its
 * fstat, for a reader that streams it (the audit log behind `slipway metrics`), else the same
 * refusal or undefined.
 */
export function openConfined(
  box: RepoConfinement,
  rel: string,
  full: string | Buffer = join(box.root, rel),
): { fd: number; st: Stats } | Refused | undefined {
  const outside = pathOutsideRepo(rel);
  if (outside !== undefined)
    return { refused: `${outside}; Slipway does not read it`, fix: 'name a file inside the repository' };
  if (hasGitSegment(rel)) return refused(rel, 'inside the git directory');
  const slash = typeof full === 'string' ? full.lastIndexOf('/') : full.lastIndexOf(0x2f);
  if (slash <= 0) return undefined;
  const dir = box.realDir(typeof full === 'string' ? full.slice(0, slash) : full.subarray(0, slash));
  if (dir === undefined) return undefined;
  if (dir === false)
    return refused(rel, 'below a directory that is a symbolic link leading outside the repository');
  let expected: Stats | undefined;
  let fd: number;
  try {
    // Without O_NOFOLLOW (Windows) a link is seen before the open instead.
    if (!NO_FOLLOW && lstatSync(full).isSymbolicLink()) throw Object.assign(new Error(), { code: 'ELOOP' });
    fd = openSync(full, constants.O_RDONLY | OPEN_GUARDS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A socket cannot be opened as a file: ENXIO.
    if (code === 'ENXIO') return refused(rel, 'a socket');
    if (code !== 'ELOOP') return undefined;
    if (typeof full !== 'string') return refused(rel, 'a symbolic link with a name that is not UTF-8');
    const link = box.followLink(full, rel);
    if (link === undefined || 'refused' in link) return link;
    if (link.st.isDirectory()) return undefined;
    const kind = specialKind(link.st);
    if (kind) return refused(rel, kind);
    expected = link.st;
    try {
      fd = openSync(link.real, constants.O_RDONLY | OPEN_GUARDS);
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ELOOP' ? changedWhileRead(rel) : undefined;
    }
  }
  let keep = false;
  try {
    const st = fstatSync(fd);
    if (expected && (st.ino !== expected.ino || st.dev !== expected.dev)) return changedWhileRead(rel);
    const kind = specialKind(st);
    if (kind) return refused(rel, kind);
    if (!st.isFile()) return undefined;
    if (!box.openedInside(fd)) return refused(rel, 'a symbolic link that leads outside the repository');
    keep = true;
    return { fd, st };
  } catch {
    return undefined;
  } finally {
    if (!keep) closeSync(fd);
  }
}

/**
 * `rel`'s text for a caller outside a repository view (the policy, the deploy record, init's
 * detection): undefined when there is no such file; a refusal throws `RefusedFile` with its one
 * line, for the caller to turn into its own kind of error or finding.
 */
export function readRepoText(root: string, rel: string): string | undefined {
  const read = readConfined(new RepoConfinement(root), rel);
  if (read === undefined) return undefined;
  if ('refused' in read) throw new RefusedFile(refusalLine(read));
  if ('tooLarge' in read) return undefined;
  return read.text;
}

/** A repository file the one reader or the one writer refused; the message is the one line. */
export class RefusedFile extends Error {
  override name = 'RefusedFile';
}

function changedWhileRead(rel: string): Refused {
  return { refused: `${rel} changed while Slipway opened it (a link swapped in?)`, fix: 'run again' };
}

/** Every byte of the open file: `size` as fstat said, and more if it grew meanwhile. */
function readAll(fd: number, size: number): Buffer {
  let buf = Buffer.allocUnsafe(Math.max(size, 0) + 1);
  let len = 0;
  for (;;) {
    if (len === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, len);
      buf = bigger;
    }
    const n = readSync(fd, buf, len, buf.length - len, null);
    if (n === 0) return buf.subarray(0, len);
    len += n;
  }
}
