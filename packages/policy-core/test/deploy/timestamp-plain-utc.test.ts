import { describe, expect, it } from 'vitest';
import {
  isTimestamp,
  plainUtc,
  plainUtcMsAt,
  TIMESTAMP_PATTERN,
  timestampMs,
} from '../../src/deploy/timestamp.js';

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

/**
 * A seeded generator whose every call is independent of the last (mulberry32). The linear
 * congruential one these tests used (`seed % n` of its low bits) repeats short cycles: paired
 * with the position, some characters never reached some places, and a year digit changed to
 * `x` was never tried.
 */
function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n) as number;
  };
}

/** `count` strings made from `valid` by changing one to three of its characters to one of `chars`. */
function nearMisses(valid: string, count: number, seed: number): string[] {
  const chars = '0123456789-:TZz x+./';
  const rand = random(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const t = [...valid];
    for (let k = 0, n = 1 + rand(3); k < n; k++) t[rand(t.length)] = chars[rand(chars.length)] as string;
    out.push(t.join(''));
  }
  return out;
}

/**
 * What plainUtc promises: undefined for every shape but 20 characters ending in Z, and for a
 * leap second in that shape (second 60, the time otherwise in range); else the oracle's answer.
 */
function plainPromise(text: string): boolean | undefined {
  if (text.length !== 20 || !text.endsWith('Z')) return undefined;
  // The date is left to the pattern then, whatever it holds.
  const leap = /^\d{4}-..-..T([01]\d|2[0-3]):[0-5]\d:60Z$/.test(text);
  return leap ? undefined : oracle(text);
}

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
    const wrong: string[] = [];
    let accepted = 0;
    for (const text of nearMisses('2025-06-30T23:59:59Z', 200_000, 42)) {
      const got = isTimestamp(text);
      if (got) accepted++;
      if (got !== oracle(text)) wrong.push(text);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    // Both kinds were met: the near misses are not all refused.
    expect(accepted).toBeGreaterThan(10_000);
  });

  it('the near misses reach every character at every place (what the old generator missed)', () => {
    const seen = new Set<string>();
    for (const text of nearMisses('2025-06-30T23:59:59Z', 200_000, 42))
      for (let i = 0; i < text.length; i++) seen.add(`${i}${text[i]}`);
    // 20 places, 20 characters (the valid one's own among them).
    expect(seen.size).toBe(20 * 20);
    // A letter in the year, a slash in the seconds, a dash in the minutes: each refused.
    for (const t of [
      '202x-06-30T23:59:59Z',
      '2025-06-30T23:59:5/Z',
      '2025-06-30T23:-9:59Z',
      '20-5-06-30T23:59:59Z',
    ])
      expect([t, isTimestamp(t)]).toEqual([t, false]);
  });
});

describe('plainUtc, the fast path itself: it answers for its own shape and leaves the rest', () => {
  it('keeps its promise on the calendar, the time of day, other shapes and near misses', () => {
    const texts = [
      ...nearMisses('2025-06-30T23:59:59Z', 50_000, 7),
      ...nearMisses('2016-12-31T23:59:60Z', 20_000, 8),
      ...nearMisses('2025-06-30T23:59:59+01:00', 20_000, 9),
      ...nearMisses('2025-06-30T23:59:59.5Z', 20_000, 10),
      '2025-06-30T23:59:59Z0',
      '2025-06-30T23:59:59',
    ];
    for (const h of [0, 23, 24])
      for (const s of [0, 59, 60, 61, 99]) texts.push(`2016-12-31T${pad(h)}:59:${pad(s)}Z`);
    const wrong = texts.filter((t) => plainUtc(t) !== plainPromise(t));
    expect(wrong.slice(0, 10)).toEqual([]);
    expect([
      plainUtc('2016-12-31T23:59:60Z'),
      plainUtc('2016-12-31T23:59:61Z'),
      plainUtc('2016-12-31T23:59:59Z'),
    ]).toEqual([undefined, false, true]);
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
    // 21 bytes whose twentieth is a Z: not the shape either.
    expect(plainUtcMsAt(bytesOf('2016-12-31T23:59:59Z0'), 9, 30)).toBeUndefined();
    const wrong = nearMisses('2025-06-30T23:59:59Z', 200_000, 7).filter((t) => !agrees(t));
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('the edges of the time of day: midnight, second 61, a second that is not digits', () => {
    const at = (t: string) => plainUtcMsAt(bytesOf(t), 9, 29);
    expect(at('2025-06-30T00:00:00Z')).toBe(Date.parse('2025-06-30T00:00:00Z'));
    expect(at('2025-06-30T12:00:61Z')).toBeNaN();
    expect(at('2025-06-30T12:00:/0Z')).toBeNaN();
    expect(at('2025-06-30T12:-1:00Z')).toBeNaN();
  });
});
