import {
  DB_RULES,
  buildAuditReport,
  destructiveOpsFromBaseline,
  formatDestructiveOp,
  graphViewFromParents,
  renderStatusLine,
  renderSummaryJson,
  renderSummaryText,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { facts, linearGraph, policyDoc } from './fixtures-db.js';

const ctx = { generatedAt: '2026-11-22T09:00:00.000Z', heads: ['a3'] };

describe('audit summaries', () => {
  const report = buildAuditReport(
    [facts('dev'), facts('prod', { alembic: { present: true, versions: ['a1'] }, tables: ['users'] })],
    linearGraph(),
    policyDoc(),
    DB_RULES,
  );
  const prod = report.databases[1]!;

  it('renders the text summary the seed kept in ops/db_audit', () => {
    expect(renderSummaryText(prod, ctx)).toBe(
      [
        'slipway db audit: prod',
        'generated: 2026-11-22T09:00:00.000Z',
        'diagnosis: MISMATCH',
        'url: postgresql://app:***@127.0.0.1:5432/prod',
        'database: app_prod',
        'user: app',
        'search_path: "$user", public',
        'schema: public',
        'alembic_version: a1',
        'head: a3',
        'pending: a2, a3',
        'tables (1):',
        '  users',
        'findings (3):',
        '  warning DB003 slipway.yaml:7:5 Database prod is at a1 but dev is at a3; migrate both to head before publishing.',
        '  warning DB004 slipway.yaml:7:5 Database prod is 2 revisions behind head (a3): pending a2, a3; review them and run `alembic upgrade head`.',
        '  warning DB005 slipway.yaml:7:5 Schema public of prod differs from dev by 1 table (only in dev: orders); make the change a migration and apply it to both.',
        '',
      ].join('\n'),
    );
  });

  it('renders a JSON twin with the same facts', () => {
    const json = JSON.parse(renderSummaryJson(prod, ctx));
    expect(json).toMatchObject({
      version: 1,
      name: 'prod',
      status: 'MISMATCH',
      alembicVersion: ['a1'],
      heads: ['a3'],
      pending: ['a2', 'a3'],
      tables: ['users'],
    });
    expect(json.findings.map((f: { rule: string }) => f.rule)).toEqual(['DB003', 'DB004', 'DB005']);
  });

  it('prints one status line per database led by the code', () => {
    expect(renderStatusLine(prod)).toBe(
      'MISMATCH prod: app_prod as app, at a1, 2 pending, 1 table in public',
    );
    expect(renderStatusLine(report.databases[0]!)).toMatch(/^MISMATCH dev: /);
  });
});

describe('destructive operations between the baseline and head', () => {
  it('lists the destructive operations on the way to head', () => {
    const ops = destructiveOpsFromBaseline(linearGraph(), 'base0001');
    expect(ops.map(formatDestructiveOp)).toEqual([
      'alembic/versions/a3_drop_legacy.py:12: MIG001 drop table "legacy" (revision a3)',
    ]);
  });

  it('is empty when the path is clean, and ignores operations before the baseline', () => {
    const g = graphViewFromParents(
      { old: [], base: ['old'], next: ['base'] },
      {
        destructive: [
          { rule: 'MIG002', revision: 'old', file: 'v/old.py', line: 3, description: 'drop column' },
        ],
      },
    );
    expect(destructiveOpsFromBaseline(g, 'base')).toEqual([]);
  });

  it('covers every head that descends from the baseline, once', () => {
    const g = graphViewFromParents(
      { base: [], x: ['base'], h1: ['x'], h2: ['x'] },
      {
        destructive: [{ rule: 'MIG005', revision: 'x', file: 'v/x.py', line: 0, description: 'TRUNCATE t' }],
      },
    );
    expect(destructiveOpsFromBaseline(g, 'base')).toHaveLength(1);
  });
});
