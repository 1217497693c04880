import { readSync } from 'node:fs';

/** Called for each line: its bytes are `bytes[start, end)`, valid only during the call. */
export type OnLine = (bytes: Buffer, start: number, end: number, index: number, torn: boolean) => void;

/**
 * Called for each run of whole lines: `bytes[0, end)`, each line with its `\n`, valid only during
 * the call; at the end, once more with `torn` for what follows the last line break, if anything.
 */
export type OnChunk = (bytes: Buffer, end: number, torn: boolean) => void;

/** Each read brings this much: a reused buffer, not the whole file (it grows for a longer line). */
const CHUNK = 1 << 20;

/**
 * An open file from its start, a buffer of whole lines at a time, through one reused buffer: a
 * 30 MB audit log read whole costs 30 MB of fresh memory, each page faulted in, then a string
 * as large for the lines to be cut from, and the read alone was a third of `slipway metrics`;
 * read in chunks it is a few milliseconds. A reader that looks for one key in every line
 * (`shasNamedInLog`) searches a chunk at once, without cutting it into lines.
 */
export function forEachChunk(fd: number, onChunk: OnChunk): void {
  let buf = Buffer.allocUnsafe(CHUNK);
  let have = 0;
  let position = 0;
  for (;;) {
    if (have === buf.length) {
      // One line longer than the buffer: a larger one (bounded by the file's size).
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, have);
      buf = bigger;
    }
    const n = readSync(fd, buf, have, buf.length - have, position);
    if (n === 0) break;
    position += n;
    const searchFrom = have;
    have += n;
    // Only the bytes just read can hold a new line break: what was kept had none.
    const nl = buf.lastIndexOf(10, have - 1);
    if (nl < searchFrom) continue;
    onChunk(buf, nl + 1, false);
    buf.copy(buf, 0, nl + 1, have);
    have -= nl + 1;
  }
  if (have > 0) onChunk(buf, have, true);
}

/**
 * Every line of an open file (`forEachChunk`). Lines end at `\n` (a `\r` before it stays in
 * the line, as `text.split('\n')` leaves it); the last line is `torn` when the file does not end
 * with a line break. Returns the count of line breaks (what `linesPast` counts) and of lines.
 */
export function forEachLine(fd: number, onLine: OnLine): { breaks: number; lines: number } {
  let index = 0;
  let breaks = 0;
  forEachChunk(fd, (buf, end, torn) => {
    if (torn) {
      onLine(buf, 0, end, index++, true);
      return;
    }
    let start = 0;
    for (let nl = buf.indexOf(10); nl !== -1 && nl < end; nl = buf.indexOf(10, nl + 1)) {
      onLine(buf, start, nl, index++, false);
      start = nl + 1;
    }
    breaks = index;
  });
  return { breaks, lines: index };
}
