import {
  DB_RULES,
  MemoryRepo,
  buildAuditReport,
  databaseFamily,
  ruleFamilies,
  runCheck,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { facts, linearGraph, POLICY_YAML, policyDoc } from './fixtures-db.js';

// The DB rules are one more family the engine runs (rules/database/facts/family.ts): the
// databases the audit read are one more input (CheckOptions.databases), and the audit's report
// is built from what the engine kept (database-audit.ts), so severities, waivers and filters are
// the check's own.

const NOW = new Date('2026-11-25T12:00:00Z');
const behind = () => [facts('dev'), facts('prod', { alembic: { present: true, versions: ['a2'] } })];
const where = (fs: readonly { rule: string; range: { start: { line: number } } }[]) =>
  fs.map((f) => `${f.rule}:${f.range.start.line + 1}`);

describe('the DB family in the engine', () => {
  it('judges the databases it is handed, and finds nothing in a check without them', () => {
    const policy = policyDoc();
    const repo = new MemoryRepo({ 'slipway.yaml': POLICY_YAML });
    const withDatabases = runCheck({
      policy,
      repo,
      databases: { facts: behind(), graph: linearGraph() },
      families: [databaseFamily],
      now: NOW,
    });
    expect(where(withDatabases.findings)).toEqual(['DB003:7', 'DB004:7']);
    expect(withDatabases.failures).toEqual([]);
    const without = runCheck({ policy, repo, families: [databaseFamily], now: NOW });
    expect(without.findings).toEqual([]);
    // `check` runs the families whose facts a repository holds; the audit hands this one its own.
    expect(ruleFamilies().map((f) => f.id)).not.toContain('DB');
  });

  it("files each finding under the databases it names, and keeps that out of the report's findings", () => {
    const report = buildAuditReport(behind(), linearGraph(), policyDoc(), DB_RULES, NOW);
    expect(report.databases.map((d) => [d.facts.name, d.diagnosis, d.findings.map((f) => f.rule)])).toEqual([
      ['dev', 'MISMATCH', ['DB003']],
      ['prod', 'MISMATCH', ['DB003', 'DB004']],
    ]);
    for (const f of report.findings) expect(Object.keys(f)).not.toContain('databases');
  });

  it('lets no comment lift a DB finding: a database is not a line of a file', () => {
    const text = POLICY_YAML.replace(
      '    prod: { url_env: DATABASE_URL_PROD }',
      '    prod: { url_env: DATABASE_URL_PROD } # slipway: allow DB004 -- known',
    );
    const report = buildAuditReport(behind(), linearGraph(), policyDoc(text), DB_RULES, NOW);
    expect(report.findings.map((f) => f.rule)).toEqual(['DB003', 'DB004']);
  });

  it("lifts one with the policy's waivers, as for every other rule, and only until its day", () => {
    const text = `${POLICY_YAML}waivers:
  - rule: DB004
    paths: ["slipway.yaml"]
    until: 2026-12-31
    reason: prod catches up with the release on Friday
    approved_by: ana
`;
    const during = buildAuditReport(behind(), linearGraph(), policyDoc(text), DB_RULES, NOW);
    expect(during.findings.map((f) => f.rule)).toEqual(['DB003']);
    const after = buildAuditReport(
      behind(),
      linearGraph(),
      policyDoc(text),
      DB_RULES,
      new Date('2027-01-02'),
    );
    expect(after.findings.map((f) => f.rule)).toEqual(['DB003', 'DB004']);
  });
});
