import { compileRule, compileWindows, durationMinutes, parseCron, parseRrule } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/** The dates of 2026 (month, day) a rule falls on within one month, and its times as HH:MM. */
function datesIn(rule: ReturnType<typeof parseRrule>, month: number): number[] {
  if (!rule.ok) throw new Error(rule.problem);
  const out: number[] = [];
  for (let day = 1; day <= new Date(Date.UTC(2026, month, 0)).getUTCDate(); day++)
    if (rule.recurrence.onDate(2026, month, day, new Date(Date.UTC(2026, month - 1, day)).getUTCDay()))
      out.push(day);
  return out;
}
const times = (rule: ReturnType<typeof parseRrule>) =>
  rule.ok
    ? rule.recurrence.times.map(
        (t) => `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`,
      )
    : rule.problem;
const problem = (rule: ReturnType<typeof parseRrule>) => (rule.ok ? 'compiled' : rule.problem);

// October 2026: Thursday the 1st; Fridays 2, 9, 16, 23, 30.
describe('the RRULE subset', () => {
  it('WEEKLY with BYDAY, BYHOUR and BYMINUTE: those weekdays at those times; BYMINUTE absent is 0', () => {
    expect(datesIn(parseRrule('FREQ=WEEKLY;BYDAY=FR;BYHOUR=15'), 10)).toEqual([2, 9, 16, 23, 30]);
    expect(times(parseRrule('FREQ=WEEKLY;BYDAY=FR;BYHOUR=15'))).toEqual(['15:00']);
    expect(times(parseRrule('RRULE:FREQ=DAILY;BYHOUR=9,17;BYMINUTE=30'))).toEqual(['09:30', '17:30']);
  });

  it('MONTHLY: an ordinal BYDAY (the last Friday, the first Monday) and BYMONTHDAY=-1 (the last day)', () => {
    expect(datesIn(parseRrule('FREQ=MONTHLY;BYDAY=-1FR'), 10)).toEqual([30]);
    expect(datesIn(parseRrule('FREQ=MONTHLY;BYDAY=1MO'), 10)).toEqual([5]);
    expect(datesIn(parseRrule('FREQ=MONTHLY;BYMONTHDAY=-1'), 2)).toEqual([28]);
    expect(datesIn(parseRrule('FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR'), 11)).toEqual([13]);
    expect(datesIn(parseRrule('FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR'), 10)).toEqual([]);
  });

  it('BYMONTH limits a DAILY rule to its months', () => {
    expect(datesIn(parseRrule('FREQ=DAILY;BYMONTH=12;BYMONTHDAY=24,25'), 12)).toEqual([24, 25]);
    expect(datesIn(parseRrule('FREQ=DAILY;BYMONTH=12;BYMONTHDAY=24,25'), 11)).toEqual([]);
  });

  it('refuses what it does not support, naming the key and the subset', () => {
    expect(problem(parseRrule('FREQ=WEEKLY;BYDAY=FR;COUNT=3'))).toMatch(
      /^COUNT is not supported; the supported subset is FREQ=DAILY\|WEEKLY\|MONTHLY/,
    );
    expect(problem(parseRrule('FREQ=YEARLY;BYMONTH=12'))).toMatch(
      /^FREQ=YEARLY is not supported; use FREQ=DAILY, WEEKLY or MONTHLY/,
    );
    expect(problem(parseRrule('FREQ=WEEKLY;INTERVAL=2;BYDAY=FR'))).toMatch(/^INTERVAL=2 is not supported/);
    expect(problem(parseRrule('FREQ=WEEKLY;BYHOUR=15'))).toMatch(/^FREQ=WEEKLY needs BYDAY/);
    expect(problem(parseRrule('FREQ=DAILY;BYHOUR=24'))).toMatch(
      /^BYHOUR=24: "24" is not a whole number from 0 to 23/,
    );
    expect(problem(parseRrule('FREQ=WEEKLY;BYDAY=1FR'))).toMatch(/an ordinal \("1FR"\) needs FREQ=MONTHLY/);
    expect(problem(parseRrule('FREQ=DAILY;BYHOUR'))).toMatch(/"BYHOUR" is not KEY=VALUE/);
  });

  it('near miss: INTERVAL=1 is the default and accepted', () => {
    expect(problem(parseRrule('FREQ=WEEKLY;INTERVAL=1;BYDAY=FR'))).toBe('compiled');
  });
});

describe('5-field cron', () => {
  const cronDates = (text: string, month: number) => datesIn(parseCron(text), month);

  it('lists, ranges, steps and names; 7 is Sunday too', () => {
    expect(times(parseCron('0,30 9-10 * * *'))).toEqual(['09:00', '09:30', '10:00', '10:30']);
    expect(times(parseCron('*/20 15 * * *'))).toEqual(['15:00', '15:20', '15:40']);
    expect(cronDates('0 15 * * FRI', 10)).toEqual([2, 9, 16, 23, 30]);
    expect(cronDates('0 0 * * 7', 10)).toEqual([4, 11, 18, 25]);
    expect(cronDates('0 0 24 DEC *', 12)).toEqual([24]);
  });

  it('day of month and day of week both restricted: either matches (as Vixie cron); one restricted: that one', () => {
    expect(cronDates('0 0 1 * MON', 10)).toEqual([1, 5, 12, 19, 26]);
    expect(cronDates('0 0 * * MON', 10)).toEqual([5, 12, 19, 26]);
  });

  it('refuses a wrong field count or value, naming the field', () => {
    expect(problem(parseCron('0 15 * *'))).toMatch(/has 4 fields; cron takes 5/);
    expect(problem(parseCron('0 15 32 * *'))).toMatch(/^the day of month field "32" cannot be read/);
    expect(problem(parseCron('0 15 * * FUN'))).toMatch(/^the day of week field "FUN" cannot be read/);
  });

  it('a window gives rrule or cron, not both and not neither', () => {
    expect(problem(compileRule({ rrule: 'FREQ=DAILY', cron: '0 0 * * *' }))).toBe(
      'give either rrule or cron, not both',
    );
    expect(problem(compileRule({}))).toMatch(/^a window needs rrule/);
  });
});

describe('durations and zones', () => {
  it('reads 30m, 8h, 1h30m and 2d; refuses 0m, words and more than 92d', () => {
    expect(['30m', '8h', '1h30m', '2d'].map(durationMinutes)).toEqual([30, 480, 90, 2880]);
    expect(durationMinutes('0m')).toMatch(/is not a duration/);
    expect(durationMinutes('8 hours')).toMatch(/is not a duration/);
    expect(durationMinutes('93d')).toMatch(
      /longer than 92d, the longest duration a window or a soak may take/,
    );
  });

  it('an unknown zone is refused at its key; a known one per window overrides the environment', () => {
    const bad = compileWindows({
      timezone: 'Europe/Londn',
      deny: [{ cron: '0 0 * * *', duration: '1h', timezone: 'Mars/Base' }],
    });
    expect(bad.ok ? [] : bad.problems.map((p) => p.path.join('.'))).toEqual(['timezone', 'deny.0.timezone']);
    const good = compileWindows({
      timezone: 'UTC',
      deny: [{ cron: '0 0 * * *', duration: '1h', timezone: 'Asia/Tokyo' }],
    });
    expect(good.ok ? good.windows.map((w) => [w.zone, w.label]) : good.problems).toEqual([
      ['Asia/Tokyo', 'deny[0]'],
    ]);
  });

  it('the same windows written again are compiled once; windows written otherwise are compiled anew', () => {
    const config = { timezone: 'Europe/London', deny: [{ cron: '0 15 * * FRI', duration: '9h' }] };
    const once = compileWindows(config);
    expect(once.ok).toBe(true);
    // A promote compiles its windows three times: the same text answers with the same compilation.
    expect(compileWindows(structuredClone(config))).toBe(once);
    const otherZone = compileWindows({ ...config, timezone: 'Europe/Londn' });
    expect(otherZone.ok ? [] : otherZone.problems.map((p) => p.path.join('.'))).toEqual(['timezone']);
    const otherRule = compileWindows({ ...config, deny: [{ cron: '0 15 * * FRX', duration: '9h' }] });
    expect(otherRule.ok ? [] : otherRule.problems.map((p) => p.path.join('.'))).toEqual(['deny.0.cron']);
    expect(compileWindows(config)).toBe(once);
  });

  it("a zone is known by the runtime's canonical list or, for an alias the list leaves out, by a formatter", () => {
    const known = (timezone: string) =>
      compileWindows({ timezone, deny: [{ cron: '0 0 * * *', duration: '1h' }] }).ok;
    // Canonical in every ICU; aliases some ICU versions leave out of Intl.supportedValuesOf.
    for (const zone of [
      'Europe/London',
      'America/New_York',
      'UTC',
      'Etc/UTC',
      'Asia/Kolkata',
      'Asia/Calcutta',
      'US/Eastern',
    ])
      expect(known(zone), zone).toBe(true);
    for (const zone of ['Europe/Londn', 'Mars/Base', 'Europe/London ', ''])
      expect(known(zone), zone).toBe(false);
  });
});
