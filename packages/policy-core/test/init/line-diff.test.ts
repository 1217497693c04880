import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../src/index.js';
import { MAX_DIFF_EDITS } from '../../src/init/line-diff.js';

describe('lineDiff', () => {
  it('is empty for equal texts', () => {
    expect(lineDiff('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('prints removals before additions with three lines of context', () => {
    const before = ['1', '2', '3', '4', 'old', '6', '7', '8', '9'].join('\n');
    const after = ['1', '2', '3', '4', 'new', '6', '7', '8', '9'].join('\n');
    expect(lineDiff(before, after, { before: 'x', after: 'y' })).toBe(
      ['--- x', '+++ y', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-old', '+new', ' 6', ' 7', ' 8', ''].join(
        '\n',
      ),
    );
  });

  it('splits far-apart changes into hunks and counts added lines', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const after = before.replace('l1\n', 'l1\nadded\n').replace('l18', 'changed');
    const diff = lineDiff(before, after);
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(diff).toContain('@@ -1,5 +1,6 @@');
    expect(diff).toContain('+added\n');
    expect(diff).toContain('-l18\n+changed\n');
  });

  it('says when only the final newline differs, as diff -u does', () => {
    expect(lineDiff('a\nb', 'a\nb\n', { before: 'x', after: 'y' })).toBe(
      ['--- x', '+++ y', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+b', ''].join('\n'),
    );
  });

  it('finds one change in a long text quickly, and only summarises texts that differ throughout', () => {
    // 20,000 lines each: a longest-common-subsequence table would need 400 million cells.
    const before = Array.from({ length: 20_000 }, (_, i) => `old ${i}`).join('\n');
    const edited = before.replace('old 10000\n', 'new 10000\n');
    expect(lineDiff(before, edited).split('\n').slice(2, 4)).toEqual(['@@ -9998,7 +9998,7 @@', ' old 9997']);
    const other = before.replaceAll('old', 'new');
    expect(lineDiff(before, other, { before: 'x', after: 'y' })).toBe(
      `x and y differ in more than ${MAX_DIFF_EDITS} lines; the diff is not shown\n`,
    );
    // At the limit (each changed line is one removal and one addition) the diff is still shown.
    const changed = (n: number) =>
      Array.from({ length: 20_000 }, (_, i) => (i < n ? `new ${i}` : `old ${i}`)).join('\n');
    expect(lineDiff(before, changed(MAX_DIFF_EDITS / 2))).toMatch(/^--- a\n\+\+\+ b\n@@ /);
    expect(lineDiff(before, changed(MAX_DIFF_EDITS / 2 + 1))).toContain('the diff is not shown');
  });
});
