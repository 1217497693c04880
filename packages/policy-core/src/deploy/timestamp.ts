/**
 * Timestamps in the deploy record and the audit log: RFC 3339 date-times (the internet profile
 * of ISO 8601) with an explicit offset. The generated JSON Schema pairs TIMESTAMP_PATTERN with
 * `format: "date-time"`; `isTimestamp` accepts exactly what a validator that checks both
 * accepts (a test compares it with ajv-formats), so an editor and the CLI never disagree.
 */

/**
 * The shape, with every field's range: what a JSON Schema validator that ignores `format` (it is
 * only an annotation in draft 2020-12 unless a tool opts in) still checks. Seconds are required
 * (RFC 3339 `partial-time`); second 60 is a leap second; `-00:00` is refused because RFC 3339
 * §4.3 gives it the meaning "offset unknown", and a record needs the instant.
 */
export const TIMESTAMP_PATTERN =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(\.\d{1,9})?(Z|\+(?:[01]\d|2[0-3]):[0-5]\d|-(?!00:00$)(?:[01]\d|2[0-3]):[0-5]\d)$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MINUTES_PER_DAY = 24 * 60;

/** The two digits at `i` as a number, or -1 when either is not a digit. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  // Stryker disable next-line ConditionalExpression: a below '0' makes the number at most -1, which every caller refuses
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The shape Slipway writes, `YYYY-MM-DDTHH:MM:SSZ` (20 characters), judged without the pattern:
 * an audit log of 100,000 lines checks one per line, and the pattern's match array and its
 * eight strings per line are a tenth of the reading. True or false as the pattern and the
 * calendar would say; undefined for every other shape (a fraction, an offset, second 60).
 * @internal exported for its test: isTimestamp's answer is the same when this says undefined.
 */
export function plainUtc(text: string): boolean | undefined {
  if (text.length !== 20 || text.charCodeAt(19) !== 90 /* Z */) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':')
    return false;
  const hi = twoDigits(text, 0);
  const lo = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (hi < 0 || lo < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0) return false;
  if (second > 59) return second === 60 ? undefined : false;
  if (day < 1) return false;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a month out of range has no DAYS_IN_MONTH entry, and a day is never <= undefined: the test is for the reader
  if (month < 1 || month > 12) return false;
  // Stryker disable next-line ArithmeticOperator: hi * 100 - lo is a leap year exactly when hi * 100 + lo is (lo and -lo are both multiples of 4, or neither)
  const y = hi * 100 + lo;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number));
}

/** The two digits at `i` of `bytes` as a number, or -1 when either is not a digit. */
function twoDigitsAt(bytes: Uint8Array, i: number): number {
  const a = (bytes[i] as number) - 48;
  const b = (bytes[i + 1] as number) - 48;
  // Stryker disable next-line ConditionalExpression: a below '0' makes the number at most -1, which every caller refuses
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * `timestampMs` of the plain shape (`plainUtc`) read straight from the 20 bytes of an audit line
 * at `at`, without a string: NaN when they are that shape but no real instant, undefined for any
 * other shape (the caller then decodes the text for `timestampMs`). Same checks as `plainUtc`;
 * the instant by the proleptic Gregorian calendar, as Date.parse gives it (a test compares both).
 */
export function plainUtcMsAt(bytes: Uint8Array, at: number, end: number): number | undefined {
  if (end - at !== 20 || bytes[at + 19] !== 90 /* Z */) return undefined;
  if (
    bytes[at + 4] !== 45 ||
    bytes[at + 7] !== 45 ||
    bytes[at + 10] !== 84 /* T */ ||
    bytes[at + 13] !== 58 ||
    bytes[at + 16] !== 58
  )
    return Number.NaN;
  const hi = twoDigitsAt(bytes, at);
  const lo = twoDigitsAt(bytes, at + 2);
  const month = twoDigitsAt(bytes, at + 5);
  const day = twoDigitsAt(bytes, at + 8);
  const hour = twoDigitsAt(bytes, at + 11);
  const minute = twoDigitsAt(bytes, at + 14);
  const second = twoDigitsAt(bytes, at + 17);
  if (hi < 0 || lo < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0) return Number.NaN;
  if (second > 59) return second === 60 ? undefined : Number.NaN;
  if (month < 1 || month > 12 || day < 1) return Number.NaN;
  const y = hi * 100 + lo;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return Number.NaN;
  return (daysFromCivil(y, month, day) * 86_400 + hour * 3600 + minute * 60 + second) * 1000;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil, https://howardhinnant.github.io/date_algorithms.html#days_from_civil);
 * Date.UTC would read the years 0 to 99 as 1900 to 1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** True when `text` is an RFC 3339 date-time with an offset that names a real instant. */
export function isTimestamp(text: string): boolean {
  const plain = plainUtc(text);
  if (plain !== undefined) return plain;
  const m = TIMESTAMP_PATTERN.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const month = Number(m[2]);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (Number(m[3]) > days) return false;
  if (m[6] !== '60') return true;
  // A leap second is inserted at 23:59:60 UTC only; in local time it falls where the offset puts it.
  const local = Number(m[4]) * 60 + Number(m[5]);
  const utc =
    (((local - offsetMinutes(m[8] as string)) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return utc === MINUTES_PER_DAY - 1;
}

/**
 * Milliseconds since the epoch for a valid timestamp, NaN otherwise. `Date.parse` refuses
 * second 60, so a leap second counts as the first instant of the next minute.
 */
export function timestampMs(text: string): number {
  if (!isTimestamp(text)) return Number.NaN;
  if (text.slice(17, 19) !== '60') return Date.parse(text);
  return Date.parse(`${text.slice(0, 17)}59${text.slice(19)}`) + 1000;
}

function offsetMinutes(offset: string): number {
  // Stryker disable next-line ConditionalExpression,StringLiteral: 'Z' read as digits is 0 minutes too (Number('') is 0), so skipping or changing this test changes nothing; said for the reader
  if (offset === 'Z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/** The shape without ranges: used only to say which part of a rejected timestamp is wrong. */
const LOOSE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
const EXAMPLE = 'e.g. 2025-01-27T14:03:00Z';

/**
 * Why `text` is not a timestamp, as a phrase that completes "`deployed_at` …", or undefined when
 * it is one. Naming the part that is wrong saves the reader from diffing against the pattern.
 */
export function timestampProblem(text: string): string | undefined {
  if (isTimestamp(text)) return undefined;
  const m = LOOSE.exec(text);
  if (!m) return `must be an ISO 8601 date-time with seconds and an offset, ${EXAMPLE}`;
  const [, year, month, day, hour, minute, second, fraction, offset] = m as unknown as string[];
  if (offset === undefined)
    return `has no offset, so it names a different instant on every machine; add Z (UTC) or ±hh:mm, ${EXAMPLE}`;
  if (second === undefined) return `has no seconds; write hh:mm:ss, ${EXAMPLE}`;
  if (fraction !== undefined && fraction.length > 10) return 'has more than 9 fractional digits of a second';
  if (offset === '-00:00')
    return 'has the offset -00:00, which RFC 3339 reserves for "offset unknown"; write Z for UTC or the real offset';
  // Stryker disable next-line ConditionalExpression,StringLiteral: 'Z' read as digits is 0, never out of range; said for the reader
  if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4, 6)) > 59))
    return `has the offset ${offset}, which is out of range (at most ±23:59)`;
  if (Number(month) < 1 || Number(month) > 12) return `has month ${month}, which does not exist`;
  if (!isTimestamp(`${year}-${month}-${day}T00:00:00Z`))
    return `names ${year}-${month}-${day}, a day that does not exist`;
  if (hour === '24' && minute === '00')
    return 'has hour 24, which RFC 3339 does not allow; write 00:00:00 of the next day';
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60)
    return `has the time ${hour}:${minute}:${second}, which is out of range`;
  // Every part is in range here, and isTimestamp refuses nothing else but a leap second off
  // 23:59:60 UTC; the last line is the safe answer should the two ever part.
  // Stryker disable next-line ConditionalExpression: the only way here (see above)
  if (second === '60') return 'has second 60, a leap second, at a time other than 23:59:60 UTC';
  // Stryker disable next-line StringLiteral: not reached (see above)
  return `is not a real date and time, ${EXAMPLE}`;
}
