import type { Range } from '../../../finding.js';

const CHUNK = 1024;

/**
 * The first line of `after` that differs from `before` (the whole file's first line for a new
 * file, the last line when lines were only removed at the end): where a pull request's diff
 * shows the change, so an annotation placed there is one GitHub displays. Linear in the text.
 */
export function firstChangedLine(before: string | undefined, after: string): Range {
  let line = 0;
  let lineStart = 0;
  if (before !== undefined) {
    const n = Math.min(before.length, after.length);
    // 1 KiB slices compare at memcmp speed; a charCodeAt loop over a 1 MB lock cost a millisecond
    // on every keystroke. Then the line ends before the difference, found by indexOf.
    let i = 0;
    while (i + CHUNK <= n && before.slice(i, i + CHUNK) === after.slice(i, i + CHUNK)) i += CHUNK;
    while (i < n && before.charCodeAt(i) === after.charCodeAt(i)) i++;
    for (let nl = after.indexOf('\n'); nl !== -1 && nl < i; nl = after.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    // Only removals at the end: the last line that is left.
    if (i === after.length && i > 0 && lineStart === after.length) {
      const prev = after.lastIndexOf('\n', after.length - 2);
      lineStart = prev + 1;
      line--;
    }
  }
  const nl = after.indexOf('\n', lineStart);
  const end = (nl === -1 ? after.length : nl) - lineStart;
  return { start: { line, character: 0 }, end: { line, character: end } };
}
