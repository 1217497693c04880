import {
  compileWindows,
  type EnvironmentWindowsConfig,
  instantOf,
  nextOpenings,
  occurrences,
  verdictText,
  windowVerdict,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace(':00.000Z', 'Z');

function compiled(config: EnvironmentWindowsConfig) {
  const c = compileWindows(config);
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return c.windows;
}

/** The starts (UTC) of a one-window schedule's occurrences in [from, to). */
function starts(zone: string, rrule: string, from: string, to: string): string[] {
  const [w] = compiled({ timezone: zone, deny: [{ rrule, duration: '1h' }] });
  return occurrences(w as NonNullable<typeof w>, at(from), at(to)).map((o) => iso(o.start));
}

// 2026's transitions: London 29 Mar 01:00Z and 25 Oct 01:00Z; New York 8 Mar 07:00Z and 1 Nov 06:00Z.
describe('a local time on daylight-saving days (RFC 5545: a skipped time moves on by the jump, a repeated one is its first)', () => {
  it('Europe/London: 01:30 on the spring-forward day is 02:30 BST (01:30Z); the days around it are plain', () => {
    expect(instantOf(2026, 3, 29, 1, 30, 'Europe/London')).toBe(at('2026-03-29T01:30:00Z'));
    expect(instantOf(2026, 3, 28, 1, 30, 'Europe/London')).toBe(at('2026-03-28T01:30:00Z'));
    expect(instantOf(2026, 3, 30, 1, 30, 'Europe/London')).toBe(at('2026-03-30T00:30:00Z'));
  });

  it('Europe/London: 01:30 on the fall-back day is its first occurrence (BST, 00:30Z), not the second', () => {
    expect(instantOf(2026, 10, 25, 1, 30, 'Europe/London')).toBe(at('2026-10-25T00:30:00Z'));
    expect(instantOf(2026, 10, 26, 1, 30, 'Europe/London')).toBe(at('2026-10-26T01:30:00Z'));
  });

  it('America/New_York: 02:30 on 8 March is 03:30 EDT; 01:30 on 1 November is 01:30 EDT', () => {
    expect(instantOf(2026, 3, 8, 2, 30, 'America/New_York')).toBe(at('2026-03-08T07:30:00Z'));
    expect(instantOf(2026, 11, 1, 1, 30, 'America/New_York')).toBe(at('2026-11-01T05:30:00Z'));
    expect(instantOf(2026, 11, 1, 3, 0, 'America/New_York')).toBe(at('2026-11-01T08:00:00Z'));
  });

  it('a zone without daylight saving (Asia/Tokyo) keeps its offset on both dates', () => {
    expect(instantOf(2026, 3, 8, 2, 30, 'Asia/Tokyo')).toBe(at('2026-03-07T17:30:00Z'));
    expect(instantOf(2026, 11, 1, 1, 30, 'Asia/Tokyo')).toBe(at('2026-10-31T16:30:00Z'));
  });
});

describe('window occurrences across the transitions', () => {
  it('a daily 09:00 London window moves an hour earlier in UTC at spring-forward and back at fall-back', () => {
    expect(starts('Europe/London', 'FREQ=DAILY;BYHOUR=9', '2026-03-28T00:00Z', '2026-03-31T00:00Z')).toEqual([
      '2026-03-28T09:00Z',
      '2026-03-29T08:00Z',
      '2026-03-30T08:00Z',
    ]);
    expect(starts('Europe/London', 'FREQ=DAILY;BYHOUR=9', '2026-10-24T00:00Z', '2026-10-27T00:00Z')).toEqual([
      '2026-10-24T08:00Z',
      '2026-10-25T09:00Z',
      '2026-10-26T09:00Z',
    ]);
  });

  it('a Friday 15:00 New York window: 20:00Z before 8 March, 19:00Z after; 19:00Z before 1 November, 20:00Z after', () => {
    const rule = 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=15';
    expect(starts('America/New_York', rule, '2026-03-01T00:00Z', '2026-03-15T00:00Z')).toEqual([
      '2026-03-06T20:00Z',
      '2026-03-13T19:00Z',
    ]);
    expect(starts('America/New_York', rule, '2026-10-25T00:00Z', '2026-11-08T00:00Z')).toEqual([
      '2026-10-30T19:00Z',
      '2026-11-06T20:00Z',
    ]);
  });

  it('a Tokyo window stays at the same UTC time across both dates', () => {
    const rule = 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=15';
    expect(starts('Asia/Tokyo', rule, '2026-03-01T00:00Z', '2026-03-15T00:00Z')).toEqual([
      '2026-03-06T06:00Z',
      '2026-03-13T06:00Z',
    ]);
  });

  it('a window that spans spring-forward lasts its duration in elapsed time (22:00 GMT + 8h ends 07:00 BST)', () => {
    const windows = compiled({
      timezone: 'Europe/London',
      deny: [{ name: 'overnight', rrule: 'FREQ=DAILY;BYHOUR=22', duration: '8h' }],
    });
    expect(windowVerdict(windows, at('2026-03-29T05:59:00Z')).open).toBe(false);
    expect(windowVerdict(windows, at('2026-03-29T06:00:00Z')).open).toBe(true);
  });
});

describe('the verdict: deny wins over allow, and when promotions resume', () => {
  const windows = compiled({
    timezone: 'Europe/London',
    allow: [{ name: 'working hours', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9', duration: '8h' }],
    deny: [{ name: 'friday afternoon', rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=15', duration: '9h' }],
  });

  it('Friday 16:00 BST is inside the allow window and the deny window: refused, resuming Monday 09:00 GMT (after fall-back)', () => {
    const v = windowVerdict(windows, at('2026-10-23T15:00:00Z'));
    expect(v.open).toBe(false);
    expect(v.deniedBy?.window.label).toBe('friday afternoon');
    expect(iso(v.resumes as number)).toBe('2026-10-26T09:00Z');
    expect(verdictText(windows, v)).toBe(
      'deny window "friday afternoon" (FREQ=WEEKLY;BYDAY=FR;BYHOUR=15 for 9h, Europe/London) is open until Sat 2026-10-24 00:00 Europe/London (2026-10-23T23:00Z); promotions resume Mon 2026-10-26 09:00 Europe/London (2026-10-26T09:00Z)',
    );
  });

  it('two deny windows in two zones ending at the same instant: the first of the policy names the refusal, whatever the zones', () => {
    // Read zone by zone (New York before London), told in the policy's order.
    const deny = [
      { name: 'london freeze', rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=15', duration: '9h' },
      {
        name: 'new york freeze',
        rrule: 'FREQ=WEEKLY;BYDAY=FR;BYHOUR=10',
        duration: '9h',
        timezone: 'America/New_York',
      },
    ];
    const friday = at('2026-10-23T16:00:00Z');
    const first = windowVerdict(compiled({ timezone: 'Europe/London', deny }), friday);
    expect([first.deniedBy?.window.label, iso(first.deniedBy?.end as number)]).toEqual([
      'london freeze',
      '2026-10-23T23:00Z',
    ]);
    const reversed = windowVerdict(
      compiled({ timezone: 'Europe/London', deny: [...deny].reverse() }),
      friday,
    );
    expect([reversed.deniedBy?.window.label, iso(reversed.deniedBy?.end as number)]).toEqual([
      'new york freeze',
      '2026-10-23T23:00Z',
    ]);
  });

  it('near miss: Friday 14:59 BST is open, inside the allow window until 17:00', () => {
    const v = windowVerdict(windows, at('2026-10-23T13:59:00Z'));
    expect(v.open).toBe(true);
    expect(iso(v.allowedBy?.end as number)).toBe('2026-10-23T16:00Z');
  });

  it('outside every allow window (Sunday) is refused, resuming Monday 09:00', () => {
    const v = windowVerdict(windows, at('2026-10-25T12:00:00Z'));
    expect([v.open, v.outsideAllow, v.deniedBy]).toEqual([false, true, undefined]);
    expect(iso(v.resumes as number)).toBe('2026-10-26T09:00Z');
  });

  it('the next openings across fall-back: Thursday BST, Friday cut at the deny window, Monday GMT', () => {
    const o = nextOpenings(windows, at('2026-10-22T06:00:00Z'), 3);
    expect(o.map((x) => [iso(x.start), iso(x.end)])).toEqual([
      ['2026-10-22T08:00Z', '2026-10-22T16:00Z'],
      ['2026-10-23T08:00Z', '2026-10-23T14:00Z'],
      ['2026-10-26T09:00Z', '2026-10-26T17:00Z'],
    ]);
  });

  it('with deny windows only, an opening starts now and ends where the next deny window starts', () => {
    const denyOnly = compiled({ timezone: 'UTC', deny: [{ cron: '0 15 * * FRI', duration: '9h' }] });
    const [first] = nextOpenings(denyOnly, at('2026-10-21T10:00:00Z'), 1);
    expect([iso(first?.start as number), iso(first?.end as number)]).toEqual([
      '2026-10-21T10:00Z',
      '2026-10-23T15:00Z',
    ]);
  });

  it('a schedule that never opens says so: no resume time', () => {
    const never = compiled({ timezone: 'UTC', deny: [{ cron: '0 0 * * *', duration: '1d' }] });
    const v = windowVerdict(never, at('2026-10-21T10:00:00Z'));
    expect([v.open, v.resumes]).toEqual([false, undefined]);
    expect(verdictText(never, v)).toMatch(/no window opens within the next 400 days/);
  });
});
