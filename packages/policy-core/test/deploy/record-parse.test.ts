import { parseDeployRecord } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const SHA = 'a'.repeat(40);

describe('parseDeployRecord', () => {
  it('accepts a two-field record written before Slipway', () => {
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

  it('a record nested too deeply is REC001 with a range, not a crash', () => {
    const text = `{"last_good_sha": "${SHA}", "reason": ${'['.repeat(3000)}`;
    const r = parseDeployRecord(text);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      rule: 'REC001',
      message: expect.stringContaining('nested too deeply'),
    });
    expect(text.slice(r.problems[0]?.start, r.problems[0]?.end)).toBe('[');
  });

  it('"__proto__" is an unknown key, not a way to set pinned; twice, it is a duplicate', () => {
    const text = `{"last_good_sha": "${SHA}", "deployed_at": "2025-01-27T14:03:00Z", "__proto__": {"pinned": true}}`;
    const r = parseDeployRecord(text);
    expect(r.record).toBeUndefined();
    expect((r.raw as { pinned?: unknown }).pinned).toBeUndefined();
    expect(r.problems).toMatchObject([
      { rule: 'REC001', message: expect.stringContaining('Unknown key "__proto__"') },
    ]);
    expect(text.slice(r.problems[0]?.start, r.problems[0]?.end)).toBe('"__proto__"');
    const twice = `{"__proto__": 1, "__proto__": 2}`;
    const d = parseDeployRecord(twice);
    expect(d.problems).toMatchObject([
      { rule: 'REC001', message: expect.stringContaining('duplicate key "__proto__"') },
    ]);
    expect(twice.slice(d.problems[0]?.start, d.problems[0]?.end)).toBe('"__proto__"');
  });

  it('names a number as it is written (1e400 is Infinity to JavaScript, null to JSON.stringify)', () => {
    for (const literal of ['1e400', '1.50', '-0']) {
      const r = parseDeployRecord(
        `{"last_good_sha": "${SHA}", "deployed_at": "2025-01-27T14:03:00Z", "pinned": ${literal}}`,
      );
      expect(r.problems[0]?.message).toContain(
        `must be a boolean (true or false), not the number ${literal};`,
      );
    }
  });

  it('the duplicate-key finding covers the whole key', () => {
    const text = `{"last_good_sha": "${SHA}",\n "last_good_sha": "${SHA}"}`;
    const p = parseDeployRecord(text).problems;
    expect(p).toMatchObject([{ rule: 'REC001', message: expect.stringContaining('duplicate key') }]);
    expect(text.slice(p[0]?.start, p[0]?.end)).toBe('"last_good_sha"');
  });

  it('past the hard cap on history, still reports a bad SHA or time inside it', () => {
    const history = Array.from({ length: 1001 }, (_, i) => ({
      event: 'PROMOTE',
      sha: i === 500 ? 'abc123' : SHA,
      deployed_at: i === 7 ? '2025-01-27T24:00:00Z' : '2025-01-27T10:00:00Z',
    }));
    const text = JSON.stringify({ last_good_sha: SHA, deployed_at: '2025-01-27T14:03:00Z', history });
    const r = parseDeployRecord(text);
    expect(r.problems.map((p) => [p.rule, text.slice(p.start, p.end).slice(0, 22)])).toEqual([
      ['REC001', '[{"event":"PROMOTE","s'],
      ['REC003', '"2025-01-27T24:00:00Z"'],
      ['REC002', '"abc123"'],
    ]);
    expect(r.problems[0]?.message).toBe(
      '`history` has 1001 entries, more than any record keeps (1000, the most deploy.history_limit allows); delete the oldest entries at the end of the list.',
    );
    expect(r.problems[2]?.message).toContain('`history.500.sha` is not a commit SHA');
    // Near miss: at the cap, one pass of zod says it all.
    const atCap = JSON.stringify({
      last_good_sha: SHA,
      deployed_at: '2025-01-27T14:03:00Z',
      history: history.slice(1),
    });
    expect(parseDeployRecord(atCap).problems.map((p) => p.rule)).toEqual(['REC003', 'REC002']);
  });
});
