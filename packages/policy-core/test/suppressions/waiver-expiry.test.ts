import { describe, expect, it } from 'vitest';
import { initMigrationParsers, MemoryRepo, parsePolicyText, runCheck } from '../../src/index.js';
import { waiverEnd } from '../../src/policy/waiver-day.js';
import { findDirectives } from '../../src/suppressions/directives.js';

/**
 * `slipway: allow RULE until DAY -- reason`: a waiver that ends by itself. Through the end of DAY
 * (UTC) it lifts its finding, which the check keeps among the suppressed with its reason; from
 * the next instant on the finding is back, saying which waiver expired, and SUP003 marks the
 * comment. The clock is the check's own (`now`), injected here.
 */

await initMigrationParsers();

const policy = (() => {
  const doc = parsePolicyText('version: 1\nmigrations:\n  sql: ["db/*.sql"]\n', 'slipway.yaml').document;
  if (!doc) throw new Error('policy did not parse');
  return doc;
})();

const repo = (allow: string) =>
  new MemoryRepo({
    'slipway.yaml': policy.text,
    'db/0001_drop.sql': `SET lock_timeout = '5s';\nDROP TABLE legacy; -- slipway: allow MIG001 ${allow}\n`,
  });

const check = (allow: string, now: string) => {
  const r = runCheck({ policy, repo: repo(allow), now: new Date(now) });
  return {
    rules: r.findings.map((f) => `${f.rule}:${f.range.start.line + 1}`),
    messages: r.findings.map((f) => f.message),
    suppressed: (r.scope.suppressed ?? []).map(
      (s) => `${s.finding.rule}:${s.finding.range.start.line + 1} ${s.justification}`,
    ),
  };
};

describe('waivers with an until day', () => {
  const allow = 'until 2027-01-31 -- archived first';

  it('lifts its finding through the last second of its day, UTC, and is listed as suppressed', () => {
    for (const now of ['2026-11-25T12:00:00Z', '2027-01-31T00:00:00Z', '2027-01-31T23:59:59.999Z']) {
      const r = check(allow, now);
      expect(r.rules, now).toEqual([]);
      expect(r.suppressed, now).toEqual(['MIG001:2 archived first (until 2027-01-31)']);
    }
  });

  it('from the next day on: the finding is back, naming the waiver, and SUP003 is on the comment', () => {
    const r = check(allow, '2027-02-01T00:00:00Z');
    expect(r.rules).toEqual(['MIG001:2', 'SUP003:2']);
    expect(r.messages[0]).toMatch(/\(Not suppressed: the waiver on line 2 expired on 2027-01-31\.\)$/);
    expect(r.messages[1]).toMatch(/^waiver of MIG001 expired on 2027-01-31: it lifts nothing now/);
    expect(r.suppressed).toEqual([]);
  });

  it('a waiver without a day never expires; one whose day is no day lifts nothing (SUP002)', () => {
    expect(check('-- archived first', '2099-01-01T00:00:00Z').rules).toEqual([]);
    const bad = check('until 2027-02-29 -- archived first', '2026-11-25T00:00:00Z');
    expect(bad.rules).toEqual(['MIG001:2', 'SUP002:2']);
    expect(bad.messages[1]).toContain('waiver date `2027-02-29` is not a calendar day written YYYY-MM-DD');
  });

  it('reads the day only after `until`, and a reason that says "until" is a reason', () => {
    const [d] = findDirectives('x -- slipway: allow MIG001, MIG002 until 2027-01-31 -- archived\n', '--');
    expect(d).toMatchObject({ rules: ['MIG001', 'MIG002'], until: '2027-01-31', reason: 'archived' });
    const [r] = findDirectives('x -- slipway: allow MIG001 -- until the archive job has run\n', '--');
    expect(r).toMatchObject({ rules: ['MIG001'], reason: 'until the archive job has run' });
    expect(r?.until).toBeUndefined();
    expect(waiverEnd('2024-02-29')?.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    for (const bad of ['2023-02-29', '2027-13-01', '27-01-31', '2027-1-31', 'tomorrow'])
      expect(waiverEnd(bad), bad).toBeUndefined();
  });

  it('max_waiver_days: a waiver must end within that many days of the check, or it lifts nothing (SUP004)', () => {
    const bounded = parsePolicyText(`${policy.text}max_waiver_days: 30\n`, 'slipway.yaml').document;
    if (!bounded) throw new Error('policy did not parse');
    const run = (allow: string, now: string) => {
      const r = runCheck({ policy: bounded, repo: repo(allow), now: new Date(now) });
      return r.findings.map((f) => `${f.rule}:${f.range.start.line + 1} ${f.message}`);
    };
    expect(run('until 2027-01-31 -- archived first', '2027-01-01T08:00:00Z')).toEqual([]);
    const far = run('until 2027-02-01 -- archived first', '2027-01-01T08:00:00Z');
    expect(far.map((f) => f.split(' ')[0])).toEqual(['MIG001:2', 'SUP004:2']);
    expect(far[0]).toMatch(
      /\(Not suppressed: the waiver on line 2 lasts until 2027-02-01, past max_waiver_days \(30\)\.\)$/,
    );
    const endless = run('-- archived first', '2027-01-01T08:00:00Z');
    expect(endless[1]).toContain("has no end, but the policy's max_waiver_days is 30");
  });
});
