import { describe, expect, it } from 'vitest';
import { timestampProblem } from '../../src/deploy/timestamp.js';

// What REC003 and the audit log say of a rejected timestamp, whole: the part that is wrong.
const EXAMPLE = 'e.g. 2025-01-27T14:03:00Z';

describe('timestampProblem names the part that is wrong', () => {
  it.each([
    ['nonsense', `must be an ISO 8601 date-time with seconds and an offset, ${EXAMPLE}`],
    ['2025-01-27T10:00:00+0100', `must be an ISO 8601 date-time with seconds and an offset, ${EXAMPLE}`],
    [
      '2025-01-27T10:00:00',
      `has no offset, so it names a different instant on every machine; add Z (UTC) or ±hh:mm, ${EXAMPLE}`,
    ],
    ['2025-01-27T10:00Z', `has no seconds; write hh:mm:ss, ${EXAMPLE}`],
    ['2025-01-27T10:00:00.1234567890Z', 'has more than 9 fractional digits of a second'],
    [
      '2025-01-27T10:00:00-00:00',
      'has the offset -00:00, which RFC 3339 reserves for "offset unknown"; write Z for UTC or the real offset',
    ],
    ['2025-01-27T10:00:00+24:00', 'has the offset +24:00, which is out of range (at most ±23:59)'],
    ['2025-01-27T10:00:00+23:60', 'has the offset +23:60, which is out of range (at most ±23:59)'],
    ['2025-01-27T10:00:00-24:00', 'has the offset -24:00, which is out of range (at most ±23:59)'],
    ['2025-00-27T10:00:00Z', 'has month 00, which does not exist'],
    ['2025-13-27T10:00:00Z', 'has month 13, which does not exist'],
    ['2025-01-00T10:00:00Z', 'names 2025-01-00, a day that does not exist'],
    ['2025-02-29T10:00:00Z', 'names 2025-02-29, a day that does not exist'],
    ['2025-01-27T24:00:00Z', 'has hour 24, which RFC 3339 does not allow; write 00:00:00 of the next day'],
    ['2025-01-27T24:30:00Z', 'has the time 24:30:00, which is out of range'],
    ['2025-01-27T10:60:00Z', 'has the time 10:60:00, which is out of range'],
    ['2025-01-27T10:00:61Z', 'has the time 10:00:61, which is out of range'],
    ['2025-01-27T12:00:60Z', 'has second 60, a leap second, at a time other than 23:59:60 UTC'],
    // Each part is named only when it is the wrong one: a part in range beside one that is not.
    ['on 2025-01-27T10:00:00Z', `must be an ISO 8601 date-time with seconds and an offset, ${EXAMPLE}`],
    ['2025-13-27T10:00:00.123456789Z', 'has month 13, which does not exist'],
    ['2025-13-27T10:00:00.5+23:59', 'has month 13, which does not exist'],
    ['2025-13-27T10:00:00-05:59', 'has month 13, which does not exist'],
    ['2025-01-01T25:00:00Z', 'has the time 25:00:00, which is out of range'],
  ])('%s %s', (text, problem) => {
    expect(timestampProblem(text)).toBe(problem);
  });

  it('a timestamp has none', () => {
    expect(timestampProblem('2025-01-27T10:00:00.123456789+05:30')).toBeUndefined();
    expect(timestampProblem('2016-12-31T23:59:60Z')).toBeUndefined();
  });
});
