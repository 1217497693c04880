import { describe, expect, it } from 'vitest';
import { isTimestamp, plainUtcMsAt, TIMESTAMP_PATTERN, timestampMs } from '../../src/deploy/timestamp.js';

/**
 * isTimestamp judges the shape Slipway writes (`YYYY-MM-DDTHH:MM:SSZ`) without its pattern. The
 * oracle here is the pattern and the calendar as Date knows it, not that code: every day of every
 * month in leap and common years (1900, 2000, 2100 among them), the edges of each field, and
 * 200,000 strings made by changing one to three characters of a valid one.
 */
function oracle(text: string): boolean {
  const m = TIMESTAMP_PATTERN.exec(text);
  if (!m) return false;
  const [y, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(0);
  d.setUTCFullYear(y, month - 1, day);
  if (d.getUTCDate() !== day) return false;
  // Second 60: a leap second only at 23:59:60 UTC.
  return m[6] !== '60' || (m[4] === '23' && m[5] === '59');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('the plain UTC timestamp, judged without the pattern', () => {
  it('agrees with the pattern and the calendar on every day of every month, leap years or not', () => {
    const wrong: string[] = [];
    for (const y of [0, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9999])
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const t = `${pad(y, 4)}-${pad(month)}-${pad(day)}T12:00:00Z`;
          if (isTimestamp(t) !== oracle(t)) wrong.push(t);
        }
    expect(wrong).toEqual([]);
    expect(isTimestamp('2024-02-29T00:00:00Z')).toBe(true);
    expect(isTimestamp('2100-02-29T00:00:00Z')).toBe(false);
  });

  it('agrees on the edges of the time of day, second 60 included', () => {
    const wrong: string[] = [];
    for (const h of [0, 9, 10, 19, 20, 23, 24, 29, 99])
      for (const m of [0, 59, 60, 99])
        for (const s of [0, 59, 60, 61, 99]) {
          const t = `2016-12-31T${pad(h)}:${pad(m)}:${pad(s)}Z`;
          if (isTimestamp(t) !== oracle(t)) wrong.push(t);
        }
    expect(wrong).toEqual([]);
    expect(isTimestamp('2016-12-31T23:59:60Z')).toBe(true);
  });

  it('agrees on 200,000 near misses of a valid timestamp', () => {
    const chars = '0123456789-:TZz x+.';
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const wrong: string[] = [];
    let accepted = 0;
    for (let i = 0; i < 200_000; i++) {
      const t = [...'2025-06-30T23:59:59Z'];
      for (let k = 0, n = 1 + rand(3); k < n; k++) t[rand(t.length)] = chars[rand(chars.length)] as string;
      const text = t.join('');
      const got = isTimestamp(text);
      if (got) accepted++;
      if (got !== oracle(text)) wrong.push(text);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    // Both kinds were met: the near misses are not all refused.
    expect(accepted).toBeGreaterThan(10_000);
  });
});

/**
 * plainUtcMsAt reads the same shape from an audit line's bytes, in milliseconds. Its oracle is
 * `timestampMs` of the text (Date.parse, and the pattern for every other shape): the instant for
 * a valid plain timestamp, NaN for an invalid one, and undefined (the text's own reading then)
 * for any other shape, a leap second included.
 */
describe('the plain UTC timestamp read from bytes, in milliseconds', () => {
  const bytesOf = (text: string) => Uint8Array.from(`{"time":"${text}"`, (ch) => ch.charCodeAt(0) & 0xff);
  const agrees = (text: string): boolean => {
    const at = 9;
    const got = plainUtcMsAt(bytesOf(text), at, at + text.length);
    if (got === undefined) return text.length !== 20 || !text.endsWith('Z') || text.slice(17, 19) === '60';
    return Object.is(got, timestampMs(text));
  };

  it("gives Date.parse's instant for every day of every month from year 0 to 9999, NaN for a day that is not", () => {
    const wrong: string[] = [];
    for (const y of [0, 1, 4, 99, 100, 400, 1600, 1900, 1969, 1970, 2000, 2024, 2100, 2400, 9999])
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const t = `${pad(y, 4)}-${pad(month)}-${pad(day)}T07:08:09Z`;
          if (!agrees(t)) wrong.push(t);
        }
    expect(wrong).toEqual([]);
    const t = '2024-02-29T23:59:59Z';
    expect(plainUtcMsAt(bytesOf(t), 9, 29)).toBe(Date.parse(t));
  });

  it('leaves a leap second and every other shape to the text, and agrees on 200,000 near misses', () => {
    expect(plainUtcMsAt(bytesOf('2016-12-31T23:59:60Z'), 9, 29)).toBeUndefined();
    expect(plainUtcMsAt(bytesOf('2016-12-31T23:59:59+01:00'), 9, 34)).toBeUndefined();
    const chars = '0123456789-:TZz x+.';
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const wrong: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const t = [...'2025-06-30T23:59:59Z'];
      for (let k = 0, n = 1 + rand(3); k < n; k++) t[rand(t.length)] = chars[rand(chars.length)] as string;
      if (!agrees(t.join(''))) wrong.push(t.join(''));
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
