import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../src/policy/parse.js';
import { waiverEnd } from '../../src/policy/waiver-day.js';

/** A waiver's last day: the end of that day in UTC, or nothing for what is not a calendar day. */
describe('waiverEnd', () => {
  it('ends at the next midnight UTC, leap days and year ends included', () => {
    expect(waiverEnd('2027-01-31')?.toISOString()).toBe('2027-02-01T00:00:00.000Z');
    expect(waiverEnd('2028-02-29')?.toISOString()).toBe('2028-03-01T00:00:00.000Z');
    expect(waiverEnd('2026-12-31')?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('is nothing for a day that is not in the calendar or not written YYYY-MM-DD', () => {
    for (const day of [
      '2027-02-29', // not a leap year
      '2027-02-30',
      '2027-13-01',
      '2027-00-10',
      '2027-04-31',
      '2027-01-00',
      '0050-01-01', // Date.UTC reads years below 100 as 19xx
      '0000-01-01',
      '31/01/2027',
      '2027-1-31',
      ' 2027-01-31',
      '2027-01-31 ',
      'x2027-01-31',
      '2027-01-31x',
      '2027-01-311',
      'tomorrow',
      '',
    ])
      expect(waiverEnd(day), day).toBeUndefined();
  });

  it("is how the policy's waivers list reads its days", () => {
    const waiver = (until: string) =>
      parsePolicyText(
        `version: 1\nwaivers:\n  - rule: MIG001\n    paths: [db/**]\n    reason: legacy table, dropped in Q3\n    approved_by: Ada\n    until: "${until}"\n`,
      ).findings.map((f) => f.message);
    expect(waiver('2027-03-31')).toEqual([]);
    expect(waiver('2027-02-30')).toEqual([
      expect.stringMatching(/`2027-02-30` is not a calendar day written YYYY-MM-DD/),
    ]);
  });
});
