import { describe, expect, it } from 'vitest';
import { initMigrationParsers, MemoryRepo, parsePolicyText, runCheck } from '../../src/index.js';

/**
 * A suppression or a waiver entry may name several rules or paths; the SUP findings about it name
 * every one, comma-separated, as written. The clock is the check's own (`now`), injected here.
 */

await initMigrationParsers();

const doc = (text: string) => {
  const parsed = parsePolicyText(text, 'slipway.yaml');
  if (!parsed.document) throw new Error(parsed.findings.map((f) => f.message).join('; '));
  return parsed.document;
};
const POLICY = 'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n';
const DROP = "SET lock_timeout = '5s';\nDROP TABLE legacy;";

/** The SUP findings' messages on one migration whose drop carries `allow`. */
function sup(allow: string, now: string, policy = POLICY): string[] {
  const repo = new MemoryRepo({
    'slipway.yaml': policy,
    'db/0001_drop.sql': `${DROP} -- slipway: allow ${allow}\n`,
  });
  return runCheck({ policy: doc(policy), repo, now: new Date(now) })
    .findings.filter((f) => f.rule.startsWith('SUP'))
    .map((f) => `${f.rule} ${f.message}`);
}

describe('SUP findings about a suppression of several rules', () => {
  it('SUP002: one without a reason names every rule, and the comment to write', () => {
    expect(sup('MIG001, MIG037', '2026-11-25T00:00:00Z')).toEqual([
      'SUP002 suppression of MIG001, MIG037 has no reason; write `-- slipway: allow MIG001, MIG037 -- why`.',
    ]);
  });

  it('SUP003: an expired one names every rule', () => {
    expect(sup('MIG001, MIG037 until 2026-01-31 -- archived first', '2026-11-25T00:00:00Z')).toEqual([
      'SUP003 waiver of MIG001, MIG037 expired on 2026-01-31: it lifts nothing now; fix the finding and remove `-- slipway: allow`, or write a later `until` with a reason a reviewer accepts.',
    ]);
  });

  it('SUP004: one without an end, or past max_waiver_days, names every rule', () => {
    const bounded = `${POLICY}max_waiver_days: 30\n`;
    expect(sup('MIG001, MIG037 -- archived first', '2026-11-25T00:00:00Z', bounded)).toEqual([
      "SUP004 waiver of MIG001, MIG037 has no end, but the policy's max_waiver_days is 30: it lifts nothing; write `-- slipway: allow MIG001, MIG037 until YYYY-MM-DD -- reason` within 30 days.",
    ]);
    expect(sup('MIG001, MIG037 until 2027-01-31 -- archived first', '2026-11-25T00:00:00Z', bounded)).toEqual(
      [
        "SUP004 waiver of MIG001, MIG037 lasts until 2027-01-31, more than the policy's max_waiver_days (30) from today: it lifts nothing; write an earlier `until`.",
      ],
    );
  });
});

describe('SUP003 about a policy waiver of several paths', () => {
  it('names every path of the entry', () => {
    const policy = `${POLICY}waivers:
  - rule: MIG001
    paths: ["db/0001_drop.sql", "db/legacy/**"]
    until: 2026-01-31
    reason: archived to cold storage first
    approved_by: ana
`;
    const repo = new MemoryRepo({ 'slipway.yaml': policy, 'db/0001_drop.sql': `${DROP}\n` });
    const messages = runCheck({ policy: doc(policy), repo, now: new Date('2026-11-25T00:00:00Z') })
      .findings.filter((f) => f.rule === 'SUP003')
      .map((f) => f.message);
    expect(messages).toEqual([
      'policy waiver of MIG001 for db/0001_drop.sql, db/legacy/** (approved by ana) expired on 2026-01-31: it lifts nothing now; fix the findings and remove the entry, or set a later `until` with a reason a reviewer accepts.',
    ]);
  });
});
