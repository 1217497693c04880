import { parseDeployRecord } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const SHA = 'a'.repeat(40);

describe('parseDeployRecord', () => {
  it("accepts the seed's two-field record", () => {
    const r = parseDeployRecord(`{"last_good_sha": "${SHA}", "deployed_at": "2025-01-27T14:03:00Z"}`);
    expect(r.problems).toEqual([]);
    expect(r.record?.last_good_sha).toBe(SHA);
  });

  it('accepts a full record', () => {
    const full = {
      last_good_sha: SHA,
      deployed_at: '2025-01-27T15:03:00.123+01:00',
      environment: 'production',
      previous_sha: 'b'.repeat(40),
      actor: { name: 'ada', kind: 'human' },
      reason: 'release 1.2',
      pinned: false,
      history: [{ event: 'PROMOTE', sha: 'b'.repeat(40), deployed_at: '2025-01-20T10:00:00Z' }],
      audit_head: 'c'.repeat(64),
    };
    expect(parseDeployRecord(JSON.stringify(full, null, 2)).problems).toEqual([]);
  });

  it('files a bad SHA under REC002, a bad time under REC003, other schema problems under REC001', () => {
    const text = `{"last_good_sha": "abc123", "deployed_at": "2025-02-30T10:00:00Z", "pinned": "yes", "extra": 1}`;
    const r = parseDeployRecord(text);
    const by = Object.fromEntries(r.problems.map((p) => [p.rule + text.slice(p.start, p.end), p.message]));
    expect(Object.keys(by).sort()).toEqual([
      'REC001"extra"',
      'REC001"yes"',
      'REC002"abc123"',
      'REC003"2025-02-30T10:00:00Z"',
    ]);
  });

  it('rejects a time without an offset and reports a missing key at the object', () => {
    const r = parseDeployRecord(`{"deployed_at": "2025-01-27T14:03:00"}`);
    expect(r.problems.map((p) => p.rule).sort()).toEqual(['REC001', 'REC003']);
    const missing = r.problems.find((p) => p.rule === 'REC001');
    expect(missing?.message).toContain('last_good_sha');
    expect(missing?.start).toBe(0);
  });
});
