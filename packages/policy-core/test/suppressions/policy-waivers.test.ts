import { createRequire } from 'node:module';
import {
  allRules,
  initMigrationParsers,
  listPolicyWaivers,
  MemoryRepo,
  parsePolicyText,
  runCheck,
  toSarif,
} from '@slipway/policy-core';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { runCaseFiles } from '../rules/fixture-case.js';

/**
 * The policy's `waivers:` list: an entry lifts its rule's findings in the files its patterns match
 * through the end of its `until` day (UTC), with the same clock and status as the comment
 * waivers (waiver-status.ts); after that the finding is back naming the entry's policy line, and
 * SUP003 sits on the entry. The clock is the check's own (`now`), injected here.
 */

await initMigrationParsers();
const require = createRequire(import.meta.url);

const POLICY = `version: 1
migrations:
  sql: ["db/**/*.sql"]
waivers:
  - rule: MIG001
    paths: ["db/legacy/**"]
    until: 2027-01-31
    reason: archived to cold storage first
    approved_by: ana
`;
const DROP = "SET lock_timeout = '5s';\nDROP TABLE legacy;\n";

const doc = (text: string) => {
  const parsed = parsePolicyText(text, 'slipway.yaml');
  if (!parsed.document) throw new Error(parsed.findings.map((f) => f.message).join('; '));
  return parsed.document;
};
const check = (text: string, now: string) => {
  const policy = doc(text);
  return runCheck({
    policy,
    repo: new MemoryRepo({ 'slipway.yaml': text, 'db/legacy/0001_drop.sql': DROP, 'db/0002_drop.sql': DROP }),
    now: new Date(now),
  });
};
const where = (r: ReturnType<typeof check>) =>
  r.findings.map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1}`);

describe('policy waivers', () => {
  it('before and on its day: lifts the rule in the matched files only, listed as suppressed externally', () => {
    for (const now of ['2026-11-25T12:00:00Z', '2027-01-31T23:59:59.999Z']) {
      const r = check(POLICY, now);
      expect(where(r), now).toEqual(['MIG001 db/0002_drop.sql:2']);
      expect(r.scope.suppressed?.map((s) => [s.finding.file, s.kind, s.justification])).toEqual([
        [
          'db/legacy/0001_drop.sql',
          'external',
          'archived to cold storage first (approved by ana, until 2027-01-31; slipway.yaml:5)',
        ],
      ]);
    }
  });

  it('after its day: the finding is back naming the policy line, and SUP003 is on the entry', () => {
    const r = check(POLICY, '2027-02-01T00:00:00Z');
    expect(where(r)).toEqual([
      'MIG001 db/0002_drop.sql:2',
      'MIG001 db/legacy/0001_drop.sql:2',
      'SUP003 slipway.yaml:5',
    ]);
    expect(r.findings[1]?.message).toMatch(
      /\(Not suppressed: the policy waiver at slipway.yaml:5 expired on 2027-01-31\.\)$/,
    );
    expect(r.findings[1]?.related?.map((x) => `${x.file}:${x.range.start.line + 1} ${x.message}`)).toEqual([
      'slipway.yaml:5 the policy waiver of MIG001 (archived to cold storage first)',
    ]);
    expect(r.findings[2]?.message).toMatch(
      /^policy waiver of MIG001 for db\/legacy\/\*\* \(approved by ana\) expired on 2027-01-31/,
    );
    expect(r.scope.suppressed ?? []).toEqual([]);
  });

  it('max_waiver_days: counted from today, or from approved_on when earlier; longer lifts nothing (SUP004)', () => {
    const bounded = POLICY.replace('waivers:', 'max_waiver_days: 30\nwaivers:');
    expect(where(check(bounded, '2027-01-01T08:00:00Z'))).toEqual(['MIG001 db/0002_drop.sql:2']);
    const far = check(bounded, '2026-12-31T08:00:00Z');
    expect(where(far)).toEqual([
      'MIG001 db/0002_drop.sql:2',
      'MIG001 db/legacy/0001_drop.sql:2',
      'SUP004 slipway.yaml:6',
    ]);
    expect(far.findings[1]?.message).toContain('past max_waiver_days (30).)');
    // Without approved_on the days run from today, and the message says so (not a day it lacks).
    expect(far.findings[2]?.message).toMatch(
      /max_waiver_days \(30\) from today: it lifts nothing; set an earlier `until`\.$/,
    );
    // Granted well before: the 30 days ran from then, whatever today is.
    const early = bounded.replace('approved_by: ana', 'approved_by: ana\n    approved_on: 2026-12-01');
    expect(where(check(early, '2027-01-10T08:00:00Z')).at(-1)).toBe('SUP004 slipway.yaml:6');
    expect(check(early, '2027-01-10T08:00:00Z').findings.at(-1)?.message).toContain(
      'approved_on day (2026-12-01)',
    );
  });

  it('bad entries: an invalid date or a missing approver is POL001 at its line; an unknown or SUP rule is POL003', () => {
    const bad = parsePolicyText(POLICY.replace('until: 2027-01-31', 'until: 2027-02-30'), 'slipway.yaml');
    expect(bad.document).toBeUndefined();
    expect(bad.findings.map((f) => `${f.range.start.line + 1} ${f.message}`)).toEqual([
      '7 invalid policy: `waivers[0].until`: `2027-02-30` is not a calendar day written YYYY-MM-DD (the last day the waiver counts).',
    ]);
    const noApprover = parsePolicyText(POLICY.replace('    approved_by: ana\n', ''), 'slipway.yaml');
    expect(noApprover.findings[0]?.message).toContain('`waivers[0].approved_by` is required');
    const unknown = check(POLICY.replace('rule: MIG001', 'rule: MIG01'), '2026-11-25T00:00:00Z');
    expect(
      unknown.findings
        .filter((f) => f.rule === 'POL003')
        .map((f) => `${f.range.start.line + 1} ${f.message}`),
    ).toEqual([
      '5 unknown rule id `MIG01` in `waivers[0].rule`: the waiver lifts nothing; did you mean `MIG001`?',
    ]);
    const sup = check(POLICY.replace('rule: MIG001', 'rule: SUP003'), '2026-11-25T00:00:00Z');
    expect(sup.findings.filter((f) => f.rule === 'POL003').map((f) => f.message)[0]).toMatch(
      /^`waivers\[0\]\.rule` is SUP003: the SUP and POL rules judge waivers/,
    );
  });

  it('SARIF carries the lifted finding with an external suppression and validates against 2.1.0', () => {
    const r = check(POLICY, '2026-11-25T12:00:00Z');
    const log = toSarif(r.findings, {
      rules: allRules(),
      toolVersion: '1.2.3',
      suppressed: r.scope.suppressed ?? [],
    });
    const validate = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false }).compile(
      require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'),
    );
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const suppressed = log.runs[0]?.results?.filter((x) => x.suppressions);
    expect(suppressed?.map((x) => x.suppressions)).toEqual([
      [
        {
          kind: 'external',
          status: 'accepted',
          justification: 'archived to cold storage first (approved by ana, until 2027-01-31; slipway.yaml:5)',
        },
      ],
    ]);
  });

  it('slipway waivers lists each entry at its policy line, judged as the check judges it', () => {
    const [w] = listPolicyWaivers(doc(POLICY), new Date('2027-01-30T12:00:00Z'));
    expect(w).toMatchObject({
      file: 'slipway.yaml',
      line: 5,
      rules: ['MIG001'],
      until: '2027-01-31',
      status: { kind: 'active', daysLeft: 1 },
      policy: { paths: ['db/legacy/**'], approvedBy: 'ana' },
    });
  });

  it("an agent's change that adds a waiver: the base's list governs, PATH004 and POL004 flag the entry", () => {
    const base = POLICY.slice(0, POLICY.indexOf('waivers:')).concat('agents:\n  branches: ["agent/*"]\n');
    const head = `${base}waivers:\n  - rule: MIG001\n    paths: ["db/**"]\n    until: 2026-12-31\n    reason: fine\n    approved_by: agent\n`;
    const found = runCaseFiles(
      {
        'slipway.yaml': head,
        'db/0002_drop.sql': DROP,
        'change.json': JSON.stringify({
          base: 'b'.repeat(40),
          head: 'h'.repeat(40),
          branch: 'agent/waive',
          labels: [],
          commits: [],
          files: [
            { path: 'slipway.yaml', status: 'modified' },
            { path: 'db/0002_drop.sql', status: 'added' },
          ],
          baseFiles: { 'slipway.yaml': base },
        }),
      },
      'MIG',
    );
    const rules = found.map((f) => f.rule);
    expect(rules).toContain('PATH004');
    // Not lifted: the entry is the change's own, not the base's.
    expect(found.some((f) => f.rule === 'MIG001' && f.file === 'db/0002_drop.sql')).toBe(true);
    expect(found.find((f) => f.rule === 'POL004')?.message).toMatch(
      /would waive MIG001 for `db\/\*\*` until 2026-12-31/,
    );
  });
});
