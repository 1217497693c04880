/**
 * A deploy window's recurrence, compiled from the documented subset of RFC 5545's RRULE or a
 * 5-field cron expression into one shape: which local dates it recurs on and at which local
 * times of day (minutes since midnight). Anything outside the subset is an error naming what is
 * supported: a rule read only in part would open or close windows nobody wrote.
 */
import { parseCron } from './cron-rule.js';
import type { Compiled } from './recurrence.js';
import { daysInMonth } from './zoned-time.js';

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const FREQS = ['DAILY', 'WEEKLY', 'MONTHLY'];
export const RRULE_SUBSET =
  'FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL=1, BYMONTH, BYMONTHDAY, BYDAY (with 1MO/-1FR ordinals under MONTHLY), BYHOUR, BYMINUTE';

/** A comma list of whole numbers within [lo, hi] (a `negative` list also takes -hi..-1). */
function numbers(key: string, value: string, lo: number, hi: number, negative = false): number[] | string {
  const out: number[] = [];
  for (const item of value.split(',')) {
    const n = /^[+-]?\d+$/.test(item) ? Number(item) : Number.NaN;
    const inRange = (n >= lo && n <= hi) || (negative && n <= -1 && n >= -hi);
    if (!inRange)
      return `${key}=${value}: "${item}" is not a whole number from ${lo} to ${hi}${negative ? ` (or -${hi} to -1)` : ''}`;
    out.push(n);
  }
  return out;
}

interface ByDay {
  weekday: number;
  /** Under MONTHLY: the nth such weekday of the month (negative: from the end); 0 for every one. */
  nth: number;
}

function byDay(value: string, monthly: boolean): ByDay[] | string {
  const out: ByDay[] = [];
  for (const item of value.split(',')) {
    const m = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(item);
    const weekday = m ? WEEKDAYS.indexOf(m[2] as string) : -1;
    const nth = m?.[1] ? Number(m[1]) : 0;
    if (!m || weekday < 0 || Math.abs(nth) > 5 || (m[1] && nth === 0))
      return `BYDAY=${value}: "${item}" is not a weekday (MO, TU, WE, TH, FR, SA, SU${monthly ? ', or with an ordinal: 1MO, -1FR' : ''})`;
    if (nth !== 0 && !monthly) return `BYDAY=${value}: an ordinal ("${item}") needs FREQ=MONTHLY`;
    out.push({ weekday, nth });
  }
  return out;
}

/** Whether a date is the nth (or, negative, nth-from-last) of its weekday in its month. */
function isNth(year: number, month: number, day: number, nth: number): boolean {
  if (nth > 0) return Math.ceil(day / 7) === nth;
  return Math.ceil((daysInMonth(year, month) - day + 1) / 7) === -nth;
}

/** Compiles an RRULE of the supported subset (an optional leading `RRULE:` is allowed). */
export function parseRrule(text: string): Compiled {
  const fail = (problem: string): Compiled => ({ ok: false, problem });
  const parts = new Map<string, string>();
  for (const part of text
    .trim()
    .replace(/^RRULE:/i, '')
    .split(';')) {
    const [key, value, ...rest] = part.split('=');
    if (!key || value === undefined || value === '' || rest.length > 0)
      return fail(`"${part}" is not KEY=VALUE (e.g. FREQ=WEEKLY;BYDAY=FR;BYHOUR=15)`);
    const k = key.toUpperCase();
    if (parts.has(k)) return fail(`${k} is given twice`);
    parts.set(k, value.toUpperCase());
  }
  for (const k of parts.keys())
    if (!['FREQ', 'INTERVAL', 'BYMONTH', 'BYMONTHDAY', 'BYDAY', 'BYHOUR', 'BYMINUTE'].includes(k))
      return fail(`${k} is not supported; the supported subset is ${RRULE_SUBSET}`);
  const freq = parts.get('FREQ');
  if (!freq || !FREQS.includes(freq))
    return fail(`FREQ=${freq ?? '(missing)'} is not supported; use FREQ=DAILY, WEEKLY or MONTHLY`);
  const interval = parts.get('INTERVAL');
  if (interval !== undefined && interval !== '1')
    return fail(
      `INTERVAL=${interval} is not supported (a window has no start date to count from); list the days with BYDAY or BYMONTHDAY`,
    );
  const monthly = freq === 'MONTHLY';
  const months = parts.has('BYMONTH') ? numbers('BYMONTH', parts.get('BYMONTH') as string, 1, 12) : undefined;
  const monthDays = parts.has('BYMONTHDAY')
    ? numbers('BYMONTHDAY', parts.get('BYMONTHDAY') as string, 1, 31, true)
    : undefined;
  const days = parts.has('BYDAY') ? byDay(parts.get('BYDAY') as string, monthly) : undefined;
  // No DTSTART to take the time from: an absent BYHOUR or BYMINUTE is 0.
  const hours = numbers('BYHOUR', parts.get('BYHOUR') ?? '0', 0, 23);
  const minutes = numbers('BYMINUTE', parts.get('BYMINUTE') ?? '0', 0, 59);
  for (const v of [months, monthDays, days, hours, minutes]) if (typeof v === 'string') return fail(v);
  if (freq === 'WEEKLY' && monthDays) return fail('BYMONTHDAY cannot be used with FREQ=WEEKLY (RFC 5545)');
  if (freq === 'WEEKLY' && !days)
    return fail(
      'FREQ=WEEKLY needs BYDAY (e.g. BYDAY=MO,TU): a window has no start date to take the weekday from',
    );
  if (monthly && !days && !monthDays)
    return fail('FREQ=MONTHLY needs BYMONTHDAY or BYDAY: a window has no start date to take the day from');
  const ms = months as number[] | undefined;
  const mds = monthDays as number[] | undefined;
  const ds = days as ByDay[] | undefined;
  const times = (hours as number[]).flatMap((h) => (minutes as number[]).map((m) => h * 60 + m));
  return {
    ok: true,
    recurrence: {
      times: [...new Set(times)].sort((a, b) => a - b),
      onDate: (year, month, day, weekday) => {
        if (ms && !ms.includes(month)) return false;
        if (mds) {
          const last = daysInMonth(year, month);
          if (!mds.some((d) => (d > 0 ? d === day : last + d + 1 === day))) return false;
        }
        return (
          !ds || ds.some((d) => d.weekday === weekday && (d.nth === 0 || isNth(year, month, day, d.nth)))
        );
      },
    },
  };
}

/** A window's rule, as the policy gives it: exactly one of `rrule` and `cron`. */
export function compileRule(rule: { rrule?: string | undefined; cron?: string | undefined }): Compiled {
  if (rule.rrule !== undefined && rule.cron !== undefined)
    return { ok: false, problem: 'give either rrule or cron, not both' };
  if (rule.rrule !== undefined) return parseRrule(rule.rrule);
  if (rule.cron !== undefined) return parseCron(rule.cron);
  return {
    ok: false,
    problem: 'a window needs rrule (e.g. "FREQ=WEEKLY;BYDAY=FR;BYHOUR=15") or cron (e.g. "0 15 * * 5")',
  };
}
