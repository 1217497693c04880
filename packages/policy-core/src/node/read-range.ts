import { readSync } from 'node:fs';

/**
 * `length` bytes of an open file from `position`, read to the end of the range: one `readSync`
 * may return fewer bytes than asked, so it is called until the range is whole or the file ends
 * (then the bytes there are: a file that shrank meanwhile gives a shorter buffer, never stale
 * memory).
 */
export function readRange(fd: number, position: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? out : out.subarray(0, done);
}
