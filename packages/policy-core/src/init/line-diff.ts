import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/**
 * Past this many added and removed lines the diff is not worth reading, and finding it would
 * cost time that grows with the square of the change: the texts are said to differ instead.
 */
export const MAX_DIFF_EDITS = 1000;

/**
 * A unified diff of two texts, line by line (`-` removed, `+` added, three lines of context),
 * for init to show what replacing a policy would change; empty when the texts are equal. jsdiff
 * (Myers' algorithm: time and memory follow the size of the change, not the product of the two
 * lengths) writes it in the format `diff -u` and git print.
 */
export function lineDiff(before: string, after: string, names = { before: 'a', after: 'b' }): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(names.before, names.after, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
    maxEditLength: MAX_DIFF_EDITS,
  });
  return (
    patch ??
    `${names.before} and ${names.after} differ in more than ${MAX_DIFF_EDITS} lines; the diff is not shown\n`
  );
}
