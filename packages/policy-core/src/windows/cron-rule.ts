/**
 * A 5-field cron expression (minute hour day-of-month month day-of-week) as a window's start
 * times, read as Vixie cron reads it: `*`, numbers, ranges `a-b`, steps `*\/n` and `a-b/n`,
 * comma lists, month and weekday names (JAN, MON), 7 for Sunday as well as 0; when both the
 * day of the month and the day of the week are restricted, a date matching either one counts.
 */
import type { Compiled } from './recurrence.js';

interface Field {
  name: string;
  lo: number;
  hi: number;
  names?: string[];
}

const FIELDS: Field[] = [
  { name: 'minute', lo: 0, hi: 59 },
  { name: 'hour', lo: 0, hi: 23 },
  { name: 'day of month', lo: 1, hi: 31 },
  {
    name: 'month',
    lo: 1,
    hi: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day of week', lo: 0, hi: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

function value(field: Field, text: string): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + field.lo;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.lo && n <= field.hi ? n : undefined;
}

/** The values one field allows, or why it cannot be read. */
function expand(field: Field, text: string): Set<number> | string {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(item);
    const step = m?.[2] === undefined ? 1 : Number(m[2]);
    const range = m?.[1] ?? '';
    const [a, b, ...extra] = range.split('-');
    const lo = range === '*' ? field.lo : value(field, a ?? '');
    const hi = range === '*' ? field.hi : b === undefined ? (m?.[2] ? field.hi : lo) : value(field, b);
    if (!m || step < 1 || extra.length > 0 || lo === undefined || hi === undefined || lo > hi)
      return `the ${field.name} field "${text}" cannot be read: "${item}" is not *, a number from ${field.lo} to ${field.hi}${field.names ? ` or a name (${field.names[0]}…)` : ''}, a range a-b, or a step */n`;
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** Compiles a 5-field cron expression into a recurrence. */
export function parseCron(text: string): Compiled {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5)
    return {
      ok: false,
      problem: `"${text}" has ${fields.length} field${fields.length === 1 ? '' : 's'}; cron takes 5: minute hour day-of-month month day-of-week (e.g. "0 15 * * 5")`,
    };
  const sets: Set<number>[] = [];
  for (const [i, f] of fields.entries()) {
    const s = expand(FIELDS[i] as Field, f);
    if (typeof s === 'string') return { ok: false, problem: s };
    sets.push(s);
  }
  const [minutes, hours, monthDays, months, weekdays] = sets as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  if (weekdays.has(7)) weekdays.add(0);
  const domRestricted = !(fields[2] as string).startsWith('*');
  const dowRestricted = !(fields[4] as string).startsWith('*');
  const times = [...hours].flatMap((h) => [...minutes].map((m) => h * 60 + m)).sort((a, b) => a - b);
  return {
    ok: true,
    recurrence: {
      times,
      onDate: (_year, month, day, weekday) => {
        if (!months.has(month)) return false;
        if (domRestricted && dowRestricted) return monthDays.has(day) || weekdays.has(weekday);
        return monthDays.has(day) && weekdays.has(weekday);
      },
    },
  };
}
