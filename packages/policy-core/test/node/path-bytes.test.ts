import { decodePath, encodePath, splitZ } from '@slipway/policy-core/node';
import { describe, expect, it } from 'vitest';

describe('path bytes', () => {
  const cases: [string, number[], string][] = [
    ['ascii', [0x61, 0x2f, 0x62], 'a/b'],
    ['utf-8', [0xc3, 0xbc], 'ü'],
    ['emoji', [0xf0, 0x9f, 0x91, 0x8b], '👋'],
    ['latin-1 byte', [0x63, 0xe9], 'c\udce9'],
    ['cut sequence', [0xe2, 0x82], '\udce2\udc82'],
    ['overlong', [0xc0, 0xaf], '\udcc0\udcaf'],
    ['encoded surrogate', [0xed, 0xa0, 0x80], '\udced\udca0\udc80'],
    ['valid after invalid', [0xff, 0xc3, 0xbc], '\udcffü'],
  ];
  for (const [name, bytes, text] of cases) {
    it(`decodes and re-encodes ${name} losslessly`, () => {
      expect(decodePath(Buffer.from(bytes))).toBe(text);
      expect([...encodePath(text)]).toEqual(bytes);
    });
  }

  it('splits NUL-terminated output, decoding only foreign fields specially', () => {
    expect(splitZ(Buffer.from('a\0b c\0'))).toEqual(['a', 'b c']);
    expect(splitZ(Buffer.from([0x61, 0, 0xe9, 0, 0x62, 0]))).toEqual(['a', '\udce9', 'b']);
    expect(splitZ(Buffer.alloc(0))).toEqual([]);
    expect(splitZ(Buffer.from('\0'))).toEqual(['']);
  });
});
