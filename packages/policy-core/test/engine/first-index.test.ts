import { describe, expect, it } from 'vitest';
import { firstIndex } from '../../src/first-index.js';
import { LineIndex } from '../../src/text-position.js';

describe('firstIndex', () => {
  it('finds the first index where a predicate that turns true once holds, else the length', () => {
    const xs = [0, 4, 4, 9];
    expect(firstIndex(xs, (x) => x >= 4)).toBe(1);
    expect(firstIndex(xs, (x) => x > 4)).toBe(3);
    expect(firstIndex(xs, (x) => x > 9)).toBe(4);
    expect(firstIndex(xs, () => true)).toBe(0);
    expect(firstIndex([], () => true)).toBe(0);
    expect(firstIndex(Int32Array.from(xs), (x) => x > 0)).toBe(1);
  });

  it('places an offset on the last line starting at or before it (LineIndex)', () => {
    const lines = new LineIndex('ab\n\ncd\n');
    expect([0, 2, 3, 4, 6, 7, 99].map((o) => lines.position(o))).toEqual([
      { line: 0, character: 0 },
      { line: 0, character: 2 },
      { line: 1, character: 0 },
      { line: 2, character: 0 },
      { line: 2, character: 2 },
      { line: 3, character: 0 },
      { line: 3, character: 0 },
    ]);
  });
});
