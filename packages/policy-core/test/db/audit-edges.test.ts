import { auditDatabases, DB_RULES, graphViewFromParents } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { facts, linearGraph, policyDoc } from './fixtures-db.js';

// DB findings whole (rule, severity, place, message, related places) at the edges the audit
// tests leave: one table of distance, a reference database that records nothing, a graph without
// files, overlapping rows.

const doc = policyDoc();
const at = (line: number, from: number, to: number) => ({
  start: { line, character: from },
  end: { line, character: to },
});
const DEV = at(5, 4, 7);
const PROD = at(6, 4, 8);
const TOP = at(0, 0, 0);

describe('the database audit at its edges', () => {
  it('DB005: one table only in the database, said in the singular', () => {
    expect(
      auditDatabases(
        [facts('dev'), facts('prod', { tables: ['orders', 'users', 'extra'] })],
        linearGraph(),
        doc,
        DB_RULES,
      ),
    ).toEqual([
      {
        rule: 'DB005',
        severity: 'warning',
        message:
          'Schema public of prod differs from dev by 1 table (only in prod: extra); make the change a migration and apply it to both.',
        file: 'slipway.yaml',
        range: PROD,
      },
    ]);
  });

  it('a reference database that records nothing is compared with none (DB001 says it); the other is behind head', () => {
    expect(
      auditDatabases(
        [
          facts('dev', { alembic: { present: false } }),
          facts('prod', { alembic: { present: true, versions: ['a1'] } }),
        ],
        linearGraph(),
        doc,
        DB_RULES,
      ),
    ).toEqual([
      {
        rule: 'DB001',
        severity: 'error',
        message:
          'Database dev (app_dev) has no public.alembic_version table: it is not tracked by Alembic; stamp it at the baseline with `slipway db stamp-baseline --db dev`.',
        file: 'slipway.yaml',
        range: DEV,
      },
      {
        rule: 'DB004',
        severity: 'warning',
        message:
          'Database prod is 2 revisions behind head (a3): pending a2, a3; review them and run `alembic upgrade head`.',
        file: 'slipway.yaml',
        range: PROD,
        related: [
          { file: 'alembic/versions/a2_add_index.py', range: TOP, message: 'pending revision a2' },
          { file: 'alembic/versions/a3_drop_legacy.py', range: TOP, message: 'pending revision a3' },
        ],
      },
    ]);
  });

  it('a graph that knows no files: DB004 points at no revision file; an unknown revision is DB002', () => {
    const graph = graphViewFromParents({ base0001: [], a1: ['base0001'], a2: ['a1'] });
    expect(
      auditDatabases(
        [facts('dev'), facts('prod', { alembic: { present: true, versions: ['a1'] } })],
        graph,
        doc,
        DB_RULES,
      ),
    ).toEqual([
      {
        rule: 'DB002',
        severity: 'error',
        message:
          'Database dev is at revision a3, which no migration in the repository defines; find where it came from (`git log -S a3`) before migrating it.',
        file: 'slipway.yaml',
        range: DEV,
      },
      {
        rule: 'DB003',
        severity: 'warning',
        message: 'Database prod is at a1 but dev is at a3; migrate both to head before publishing.',
        file: 'slipway.yaml',
        range: PROD,
        related: [{ file: 'slipway.yaml', range: DEV, message: 'dev is at a3' }],
      },
      {
        rule: 'DB004',
        severity: 'warning',
        message:
          'Database prod is 1 revision behind head (a2): pending a2; review them and run `alembic upgrade head`.',
        file: 'slipway.yaml',
        range: PROD,
      },
    ]);
  });

  it("DB002: two rows of which one is the other's ancestor", () => {
    expect(
      auditDatabases(
        [facts('dev', { alembic: { present: true, versions: ['a1', 'a3'] } })],
        linearGraph(),
        doc,
        DB_RULES,
      ),
    ).toEqual([
      {
        rule: 'DB002',
        severity: 'error',
        message:
          'Database dev records both a1 and its descendant a3 in alembic_version; Alembic refuses overlapping revisions: keep the row that matches the schema and delete the other.',
        file: 'slipway.yaml',
        range: DEV,
      },
    ]);
  });

  it('DB003 compares with the reference database wherever it is listed, heads sorted and joined, and not a database that records nothing', () => {
    const merge = graphViewFromParents({ base0001: [], b: ['base0001'], c: ['base0001'] });
    const heads = (...versions: string[]) => ({ alembic: { present: true as const, versions } });
    const db003 = (dbs: ReturnType<typeof facts>[]) =>
      auditDatabases(dbs, merge, doc, DB_RULES)
        .filter((f) => f.rule === 'DB003' || f.rule === 'DB001')
        .map((f) => [f.rule, f.message]);
    expect(db003([facts('prod', heads('b')), facts('dev', heads('c', 'b'))])).toEqual([
      ['DB003', 'Database prod is at b but dev is at b+c; migrate both to head before publishing.'],
    ]);
    expect(db003([facts('prod', heads('c', 'b')), facts('dev', heads('b', 'c'))])).toEqual([]);
    expect(db003([facts('dev', heads('b')), facts('prod', { alembic: { present: false } })])).toEqual([
      [
        'DB001',
        'Database prod (app_prod) has no public.alembic_version table: it is not tracked by Alembic; stamp it at the baseline with `slipway db stamp-baseline --db prod`.',
      ],
    ]);
  });
});
