import { readSync } from 'node:fs';

/** Called for each line: its bytes are `bytes[start, end)`, valid only during the call. */
export type OnLine = (bytes: Buffer, start: number, end: number, index: number, torn: boolean) => void;

/** Each read brings this much: a reused buffer, not the whole file (it grows for a longer line). */
const CHUNK = 1 << 20;

/**
 * Every line of an open file, from its start, through one reused buffer: a 30 MB audit log read
 * whole costs 30 MB of fresh memory, each page faulted in, then a string as large for the
 * lines to be cut from, and the read alone was a third of `slipway metrics`; read in chunks it
 * is a few milliseconds. Lines end at `\n` (a `\r` before it stays in the line, as
 * `text.split('\n')` leaves it); the last line is `torn` when the file does not end with a line
 * break. Returns the count of line breaks (what `linesPast` counts) and of lines.
 */
export function forEachLine(fd: number, onLine: OnLine): { breaks: number; lines: number } {
  let buf = Buffer.allocUnsafe(CHUNK);
  let have = 0;
  let position = 0;
  let index = 0;
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
    let start = 0;
    for (let nl = buf.indexOf(10, searchFrom); nl !== -1 && nl < have; nl = buf.indexOf(10, nl + 1)) {
      onLine(buf, start, nl, index++, false);
      start = nl + 1;
    }
    if (start > 0) {
      buf.copy(buf, 0, start, have);
      have -= start;
    }
  }
  const breaks = index;
  if (have > 0) onLine(buf, 0, have, index++, true);
  return { breaks, lines: index };
}
