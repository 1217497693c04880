import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isAscii } from 'node:buffer';

/** A file's text with what identifies that version of it (the FsRepo's remembered texts). */
export interface ReadText {
  ino: number;
  size: number;
  mtimeMs: number;
  text: string;
}

// O_NOFOLLOW: a final symbolic link is not followed (the open fails with ELOOP), so a link
// swapped in after the directory check cannot lead the read elsewhere. O_NONBLOCK: a FIFO
// opens at once instead of waiting for a writer, and is then refused as not a regular file.
// Both are absent on Windows, where the flags are 0 and the link check is the caller's.
const FLAGS =
  constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const NO_FOLLOW = (constants.O_NOFOLLOW ?? 0) !== 0;

/**
 * Reads `full` (an absolute path) when it is a regular file whose directory resolves inside the
 * repository (`dirInside`, answered once per directory by the caller), in four system calls:
 * open, fstat, read, close. A symbolic link as the last component answers 'symlink': the caller
 * then judges where it leads (realpath) as before. Missing, unreadable or special files (a
 * directory, a FIFO, a device) read as undefined.
 *
 * This is what makes reading 2,000 migrations cheap: no stat before the open and no realpath per
 * file (a realpath is one lstat per path component), with the same guarantee as before: nothing
 * outside the repository is read through a link, a directory's or the file's own.
 */
export function readConfinedFile(
  full: string,
  dirInside: (dir: string) => boolean,
): ReadText | 'symlink' | undefined {
  if (!NO_FOLLOW) return 'symlink';
  const slash = full.lastIndexOf('/');
  if (slash <= 0 || !dirInside(full.slice(0, slash))) return undefined;
  let fd: number;
  try {
    fd = openSync(full, FLAGS);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ELOOP' ? 'symlink' : undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
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
