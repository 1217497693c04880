import {
  DB_RULES,
  auditDatabases,
  buildAuditReport,
  findRule,
  graphViewFromParents,
  rulesOf,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { facts, linearGraph, policyDoc } from './fixtures-db.js';

const doc = policyDoc();
const rules = (fs: ReturnType<typeof auditDatabases>) => fs.map((f) => f.rule);

describe('database audit diagnosis', () => {
  it('is OK when both databases are at head with the same tables', () => {
    const report = buildAuditReport([facts('dev'), facts('prod')], linearGraph(), doc, DB_RULES);
    expect(report.findings).toEqual([]);
    expect(report.databases.map((d) => d.diagnosis)).toEqual(['OK', 'OK']);
    expect(report.heads).toEqual(['a3']);
  });

  it('is MISSING (DB001, error) when alembic_version is absent, pointing at the database line', () => {
    const report = buildAuditReport(
      [facts('dev'), facts('prod', { alembic: { present: false } })],
      linearGraph(),
      doc,
      DB_RULES,
    );
    expect(rules(report.findings)).toEqual(['DB001']);
    const f = report.findings[0]!;
    expect(f.severity).toBe('error');
    expect(f.file).toBe('slipway.yaml');
    expect(f.range.start.line).toBe(6); // "    prod: { url_env: ... }"
    expect(f.range.start.character).toBe(4);
    expect(f.message).toContain('slipway db stamp-baseline --db prod');
    expect(report.databases.map((d) => d.diagnosis)).toEqual(['OK', 'MISSING']);
  });

  it('treats an empty alembic_version table as untracked', () => {
    const fs = auditDatabases(
      [facts('prod', { alembic: { present: true, versions: [] } })],
      linearGraph(),
      doc,
      DB_RULES,
    );
    expect(rules(fs)).toEqual(['DB001']);
    expect(fs[0]!.message).toContain('empty');
  });

  it('reports a database without its schema as MISSING, not as schema distance', () => {
    const report = buildAuditReport(
      [facts('dev'), facts('prod', { schemaExists: false, tables: [], alembic: { present: false } })],
      linearGraph(),
      doc,
      DB_RULES,
    );
    expect(rules(report.findings)).toEqual(['DB001']);
    expect(report.findings[0]!.message).toContain('no schema "public"');
    expect(report.databases[1]!.diagnosis).toBe('MISSING');
  });

  it('flags a revision the graph does not know (DB002) and does not also call it behind head', () => {
    const fs = auditDatabases(
      [facts('dev', { alembic: { present: true, versions: ['zz99'] } })],
      linearGraph(),
      doc,
      DB_RULES,
    );
    expect(rules(fs)).toEqual(['DB002']);
    expect(fs[0]!.severity).toBe('error');
    expect(fs[0]!.message).toContain('zz99');
    expect(fs[0]!.range.start.line).toBe(5);
  });

  it('flags dev and prod at different versions (DB003) and lists pending revisions (DB004)', () => {
    const report = buildAuditReport(
      [facts('dev'), facts('prod', { alembic: { present: true, versions: ['a1'] } })],
      linearGraph(),
      doc,
      DB_RULES,
    );
    expect(rules(report.findings).sort()).toEqual(['DB003', 'DB004']);
    const db003 = report.findings.find((f) => f.rule === 'DB003')!;
    expect(db003.severity).toBe('warning');
    expect(db003.message).toBe(
      'Database prod is at a1 but dev is at a3; migrate both to head before publishing.',
    );
    expect(db003.related?.[0]?.range.start.line).toBe(5);
    const db004 = report.findings.find((f) => f.rule === 'DB004')!;
    expect(db004.message).toContain('2 revisions behind head (a3): pending a2, a3');
    expect(db004.related?.map((r) => r.file)).toEqual([
      'alembic/versions/a2_add_index.py',
      'alembic/versions/a3_drop_legacy.py',
    ]);
    expect(report.databases.map((d) => d.diagnosis)).toEqual(['MISMATCH', 'MISMATCH']);
    expect(report.databases[1]!.pending).toEqual(['a2', 'a3']);
    expect(report.databases[0]!.pending).toEqual([]);
  });

  it('orders pending revisions across a merge so that parents come first', () => {
    const graph = graphViewFromParents({
      base0001: [],
      b: ['base0001'],
      c: ['base0001'],
      m: ['b', 'c'],
      n: ['m'],
    });
    const report = buildAuditReport(
      [facts('dev', { alembic: { present: true, versions: ['b'] } })],
      graph,
      doc,
      DB_RULES,
    );
    expect(report.databases[0]!.pending).toEqual(['c', 'm', 'n']);
  });

  it('names the tables that differ (DB005), with distance in both directions', () => {
    const fs = auditDatabases(
      [
        facts('dev', { tables: ['orders', 'users', 'widgets'] }),
        facts('prod', { tables: ['legacy', 'users'] }),
      ],
      linearGraph(),
      doc,
      DB_RULES,
    );
    expect(rules(fs)).toEqual(['DB005']);
    expect(fs[0]!.message).toBe(
      'Schema public of prod differs from dev by 3 tables (only in prod: legacy; only in dev: orders, widgets); make the change a migration and apply it to both.',
    );
  });

  it('shortens very long table lists', () => {
    const many = Array.from({ length: 30 }, (_, i) => `t${String(i).padStart(2, '0')}`);
    const fs = auditDatabases(
      [facts('dev', { tables: many }), facts('prod', { tables: [] })],
      linearGraph(),
      doc,
      DB_RULES,
    );
    expect(fs[0]!.message).toContain('t11 and 18 more');
  });

  it('runs without a graph (no Alembic tree): only graph-free rules', () => {
    const fs = auditDatabases(
      [
        facts('dev', { alembic: { present: true, versions: ['zz'] } }),
        facts('prod', { alembic: { present: true, versions: ['a1'] } }),
      ],
      undefined,
      doc,
      DB_RULES,
    );
    expect(rules(fs)).toEqual(['DB003']);
  });

  it('points at the migrations key when databases come from the environment defaults', () => {
    const d = policyDoc('version: 1\nmigrations:\n  alembic: alembic/versions\n');
    const fs = auditDatabases([facts('prod', { alembic: { present: false } })], undefined, d, DB_RULES);
    expect(fs[0]!.range.start.line).toBe(1);
  });

  it("applies the policy's rules: overrides, and an ignored rule leaves the code OK", () => {
    const d = policyDoc(`version: 1
migrations:
  databases:
    dev: { url_env: DATABASE_URL }
    prod: { url_env: DATABASE_URL_PROD }
rules: { DB005: off, DB003: error }
`);
    const report = buildAuditReport(
      [facts('dev'), facts('prod', { tables: ['users'], alembic: { present: true, versions: ['a2'] } })],
      undefined,
      d,
      DB_RULES,
    );
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([['DB003', 'error']]);
    const onlyTables = buildAuditReport(
      [facts('dev'), facts('prod', { tables: ['users'] })],
      undefined,
      d,
      DB_RULES,
    );
    expect(onlyTables.findings).toEqual([]);
    expect(onlyTables.databases.map((x) => x.diagnosis)).toEqual(['OK', 'OK']);
  });

  it('registers DB001–DB007 with metadata', () => {
    const databaseRules = rulesOf('DB');
    expect(databaseRules.map((r) => r.id)).toEqual([
      'DB001',
      'DB002',
      'DB003',
      'DB004',
      'DB005',
      'DB006',
      'DB007',
    ]);
    expect(databaseRules.map((r) => r.defaultSeverity)).toEqual([
      'error',
      'error',
      'warning',
      'warning',
      'warning',
      'warning',
      'warning',
    ]);
    expect(findRule('db004')?.title).toContain('behind head');
    for (const r of databaseRules) expect(`${r.docs.what} ${r.docs.why}`.length).toBeGreaterThan(80);
  });
});
