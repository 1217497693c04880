import { auditEventSchema, isIsoWithOffset, parseDeployRecord } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { isAuditEvent } from '../../src/deploy/audit-event-fast-check.js';
import { isTimestamp, timestampMs, timestampProblem } from '../../src/deploy/timestamp.js';

const SHA = 'a'.repeat(40);
const recordAt = (t: string) => parseDeployRecord(`{"last_good_sha": "${SHA}", "deployed_at": "${t}"}`);
const event = (time: string) => ({
  v: 1,
  time,
  event: 'PROMOTE',
  environment: 'production',
  from: null,
  to: SHA,
  actor: { name: 'ada', kind: 'human' },
  outcome: 'succeeded',
  prev: '0'.repeat(64),
});

describe('timestamps (RFC 3339 with an offset)', () => {
  it.each([
    ['2016-12-31T23:59:60Z', 'a real leap second'],
    ['2017-01-01T00:59:60+01:00', 'the same leap second in local time'],
    ['2016-12-31T18:29:60.5-05:30', 'a leap second west of UTC, with a fraction'],
    ['2025-01-27T23:59:59Z', 'the last second of a day'],
    ['2025-01-27T00:00:00+00:00', '+00:00 (UTC, stated)'],
    ['2024-02-29T10:00:00.123456789Z', 'a leap day, nine fraction digits'],
  ])('accepts %s (%s)', (t) => {
    expect(isTimestamp(t)).toBe(true);
    expect(isIsoWithOffset(t)).toBe(true);
    expect(recordAt(t).problems).toEqual([]);
    expect(isAuditEvent(event(t))).toBe(true);
    expect(auditEventSchema.safeParse(event(t)).success).toBe(true);
  });

  it.each([
    ['2025-01-27T24:00:00Z', 'hour 24'],
    ['2025-01-27T10:00:00-00:00', 'offset unknown'],
    ['2025-01-27T12:00:60Z', 'second 60'],
    ['2016-12-31T23:59:60+01:00', 'other than 23:59:60 UTC'],
    ['2025-13-01T10:00:00Z', 'month 13'],
    ['2025-02-30T10:00:00Z', 'a day that does not exist'],
    ['2025-01-27T25:00:00Z', 'out of range'],
    ['2025-01-27T10:00:00+99:99', 'out of range'],
    ['2025-01-27T10:00Z', 'no seconds'],
    ['2025-01-27T10:00:00', 'no offset'],
  ])('rejects %s: REC003 says "%s", and the audit log refuses it too', (t, says) => {
    expect(isTimestamp(t)).toBe(false);
    const problems = recordAt(t).problems;
    expect(problems).toMatchObject([{ rule: 'REC003' }]);
    expect(problems[0]?.message).toContain(says);
    expect(timestampProblem(t)).toContain(says);
    expect(isAuditEvent(event(t))).toBe(false);
    expect(auditEventSchema.safeParse(event(t)).success).toBe(false);
  });

  it('a leap second is the first instant of the next minute (Date.parse refuses it)', () => {
    expect(Number.isNaN(Date.parse('2016-12-31T23:59:60Z'))).toBe(true);
    expect(timestampMs('2016-12-31T23:59:60Z')).toBe(Date.parse('2017-01-01T00:00:00Z'));
    expect(timestampMs('2017-01-01T00:59:60.25+01:00')).toBe(Date.parse('2017-01-01T00:00:00.25Z'));
    expect(timestampMs('2025-01-27T10:00:00+01:00')).toBe(Date.parse('2025-01-27T09:00:00Z'));
    expect(timestampMs('2025-01-27T24:00:00Z')).toBeNaN();
    expect(timestampMs('2025-01-27T10:00:30Z')).toBe(Date.parse('2025-01-27T10:00:30Z'));
  });

  it('judges a leap day in an offset timestamp by the Gregorian rule (the pattern path)', () => {
    expect(isTimestamp('2000-02-29T10:00:00+01:00')).toBe(true);
    expect(isTimestamp('2024-02-29T10:00:00+01:00')).toBe(true);
    expect(isTimestamp('1900-02-29T10:00:00+01:00')).toBe(false);
    expect(isTimestamp('2023-02-29T10:00:00+01:00')).toBe(false);
  });
});
