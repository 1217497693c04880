import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../src/index.js';

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
});
