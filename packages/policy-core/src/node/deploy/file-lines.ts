import { readSync } from 'node:fs';

/** Called for each line: its bytes are `bytes[start, end)`, valid only during the call. */
export type OnLine = (bytes: Buffer, start: number, end: number, index: number, torn: boolean) => void;

/**
 * Called for each run of whole lines: `bytes[0, end)`, each line with its `\n`, valid only during
 * the call; at the end, once more with `torn` for what follows the last line break, if anything.
 */
export type OnChunk = (bytes: Buffer, end: number, torn: boolean) => void;

/**
 * A reader that takes a whole line itself before its end is searched for (it parses the line and
 * so finds its `\n`): the end it found, or -1 to leave the line to `OnLine`. `limit` is the end
 * of the bytes at hand; the line is `bytes[start, …)`, valid only during the call.
 */
export type TakeLine = (bytes: Buffer, start: number, limit: number, index: number) => number;

/** Each read brings this much: a reused buffer, not the whole file (it grows for a longer line). */
const CHUNK = 1 << 20;

/**
 * An open file from its start, a buffer of whole lines at a time, through one reused buffer: a
 * 30 MB audit log read whole costs 30 MB of fresh memory, each page faulted in, then a string
 * as large for the lines to be cut from, and the read alone was a third of `slipway metrics`;
 * read in chunks it is a few milliseconds. A reader that looks for one key in every line
 * searches a chunk at once, without cutting it into lines.
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
 * with a line break. `take`, when given, is offered each whole line first (a line it takes is not
 * searched for its end nor handed to `onLine`: one pass over its bytes, not two). Returns the
 * count of line breaks (what `linesPast` counts) and of lines.
 */
export function forEachLine(fd: number, onLine: OnLine, take?: TakeLine): { breaks: number; lines: number } {
  let index = 0;
  let breaks = 0;
  forEachChunk(fd, (buf, end, torn) => {
    if (torn) {
      onLine(buf, 0, end, index++, true);
      return;
    }
    // A chunk is whole lines, each with its line break.
    for (let start = 0; start < end; ) {
      const line = index++;
      const taken = take ? take(buf, start, end, line) : -1;
      const nl = taken !== -1 ? taken : buf.indexOf(10, start);
      if (taken === -1) onLine(buf, start, nl, line, false);
      start = nl + 1;
    }
    breaks = index;
  });
  return { breaks, lines: index };
}
