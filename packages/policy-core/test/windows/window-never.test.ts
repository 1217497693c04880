import { describe, expect, it } from 'vitest';
import { compileWindows } from '../../src/windows/index.js';

const problems = (config: Parameters<typeof compileWindows>[0]) => {
  const c = compileWindows(config);
  return c.ok ? [] : c.problems.map((p) => [p.path.join('.'), p.message]);
};

// A window that can never hold, and an allow list with nothing in it, are refused where they are
// written: as allow windows they would refuse every promote, as deny windows guard nothing.
describe('windows that never hold', () => {
  it('refuses a rule naming no date that exists, at its key', () => {
    expect(
      problems({
        timezone: 'UTC',
        allow: [{ cron: '0 9 31 2 *', duration: '1h' }],
        deny: [{ rrule: 'FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31', duration: '1h' }],
      }),
    ).toEqual([
      [
        'allow.0.cron',
        expect.stringMatching(/^"0 9 31 2 \*" names no date that exists .* would never open;/),
      ],
      ['deny.0.rrule', expect.stringMatching(/names no date that exists .* would never close anything;/)],
    ]);
  });

  it('near misses: February 29th, and the 5th Friday of a month, occur', () => {
    for (const rule of [{ cron: '0 9 29 2 *' }, { rrule: 'FREQ=MONTHLY;BYDAY=5FR' }])
      expect(
        problems({ timezone: 'UTC', deny: [{ ...rule, duration: '1h' }] }),
        JSON.stringify(rule),
      ).toEqual([]);
    // Monday the 29th of February: 2044 (beyond the next leap years, within the 28 years read).
    expect(
      problems({
        timezone: 'UTC',
        deny: [{ rrule: 'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO', duration: '1h' }],
      }),
    ).toEqual([]);
  });

  it('refuses an empty allow list; no allow key at all is no restriction', () => {
    expect(problems({ timezone: 'UTC', allow: [] })).toEqual([
      ['allow', expect.stringMatching(/^allow lists no window/)],
    ]);
    expect(problems({ timezone: 'UTC', deny: [] })).toEqual([]);
    expect(problems({ timezone: 'UTC' })).toEqual([]);
  });
});
