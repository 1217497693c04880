import { describe, expect, it } from 'vitest';
import { concatDecoded, decodePythonString } from '../../src/migrations/python-string.js';

const offsets = (d: { value: string; offsetAt(i: number): number }) =>
  Array.from({ length: d.value.length + 1 }, (_, i) => d.offsetAt(i));

describe('decodePythonString', () => {
  it('maps a plain literal to its body', () => {
    const d = decodePythonString("'abc'", 10)!;
    expect(d.value).toBe('abc');
    expect(offsets(d)).toEqual([11, 12, 13, 14]);
  });

  it('decodes escapes and keeps each character at its source offset', () => {
    const d = decodePythonString('"a\\nb\\x41\\u00e9\\\\c"', 0)!;
    expect(d.value).toBe('a\nbAé\\c');
    // a@1, \n@2, b@4, A@5, é@9, \\@15, c@17, end@18
    expect(offsets(d)).toEqual([1, 2, 4, 5, 9, 15, 17, 18]);
  });

  it('keeps raw strings raw and drops escaped newlines', () => {
    expect(decodePythonString("r'\\d+\\n'", 0)!.value).toBe('\\d+\\n');
    expect(decodePythonString("'a\\\nb'", 0)!.value).toBe('ab');
  });

  it('reads triple-quoted strings with prefixes', () => {
    const d = decodePythonString('U"""\nDROP TABLE x\n"""', 100)!;
    expect(d.value).toBe('\nDROP TABLE x\n');
    expect(d.offsetAt(1)).toBe(105);
  });

  it('refuses f-strings, whose value is only known at run time', () => {
    expect(decodePythonString('f"DROP {x}"', 0)).toBeUndefined();
    expect(decodePythonString('rf"x"', 0)).toBeUndefined();
  });

  it('joins implicitly concatenated pieces with a map into each piece', () => {
    const src = '"DROP " "TABLE x"';
    const joined = concatDecoded([decodePythonString('"DROP "', 0)!, decodePythonString('"TABLE x"', 8)!]);
    expect(joined.value).toBe('DROP TABLE x');
    expect(src[joined.offsetAt(5)]).toBe('T');
    expect(joined.offsetAt(joined.value.length)).toBe(16);
  });

  it("gives an empty piece's position to the piece after it", () => {
    const joined = concatDecoded([
      decodePythonString('"a"', 0)!,
      decodePythonString('""', 4)!,
      decodePythonString('"b"', 7)!,
    ]);
    expect(offsets(joined)).toEqual([1, 8, 9]);
  });

  // Every offset of 200k one-character pieces: a per-lookup scan over the pieces (what made a
  // 100k-piece op.execute take 11 s) would be ~2e10 steps and time the test out; a search is
  // 200k × 18 steps.
  it('maps offsets of 200k pieces in linear-logarithmic time', () => {
    const n = 200_000;
    const pieces = Array.from({ length: n }, (_, i) => decodePythonString('"x"', i * 4)!);
    const joined = concatDecoded(pieces);
    expect(joined.value.length).toBe(n);
    for (let i = 0; i < n; i++)
      if (joined.offsetAt(i) !== i * 4 + 1) expect(joined.offsetAt(i)).toBe(i * 4 + 1);
    expect(joined.offsetAt(n)).toBe((n - 1) * 4 + 2);
  });
});
