import {
  DB_RULES,
  buildAuditReport,
  combineGraphViews,
  type DbGraphView,
  destructiveOpsFromBaseline,
  graphViewFromParents,
  loadDbGraph,
  MemoryRepo,
  parsePolicyText,
  readMigrationTrees,
  Workspace,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { facts, policyDoc } from './fixtures-db.js';

const mig = (rev: string, down: string | string[] | null, body = 'pass') => {
  const d =
    down === null ? 'None' : Array.isArray(down) ? `(${down.map((x) => `'${x}'`).join(', ')})` : `'${down}'`;
  return `"""${rev}\n\nRevision ID: ${rev}\nRevises:\n"""\nfrom alembic import op\n\nrevision = '${rev}'\ndown_revision = ${d}\n\n\ndef upgrade():\n    ${body}\n\n\ndef downgrade():\n    pass\n`;
};

// The migrations analysis's RevisionGraph, used as the audit's DbGraphView (structural fit).
function realGraph(): DbGraphView {
  const repo = new MemoryRepo({
    'alembic/versions/base.py': mig('base', null),
    'alembic/versions/b.py': mig('b', 'base', "op.drop_column('users', 'legacy')"),
    'alembic/versions/c.py': mig('c', 'base'),
    'alembic/versions/m.py': mig('m', ['b', 'c']),
  });
  const [tree] = readMigrationTrees(repo, { alembic: 'alembic/versions', sql: [] }, new Workspace()).trees;
  return tree!.graph;
}

describe('the audit over the real revision graph', () => {
  it('lists pending revisions across a merge, parents first', () => {
    const report = buildAuditReport(
      [facts('dev', { alembic: { present: true, versions: ['c'] } })],
      realGraph(),
      policyDoc(),
      DB_RULES,
    );
    expect(report.heads).toEqual(['m']);
    expect(report.databases[0]!.pending).toEqual(['b', 'm']);
    expect(report.findings.map((f) => f.rule)).toEqual(['DB004']);
    expect(report.findings[0]!.related?.map((r) => r.file)).toEqual([
      'alembic/versions/b.py',
      'alembic/versions/m.py',
    ]);
  });

  it('finds the destructive operation between the baseline and head', () => {
    const ops = destructiveOpsFromBaseline(realGraph(), 'base');
    expect(ops.map((o) => [o.rule, o.revision, o.file])).toEqual([['MIG002', 'b', 'alembic/versions/b.py']]);
  });
});

describe('combineGraphViews', () => {
  it('answers for the tree that holds each revision', () => {
    const a = graphViewFromParents({ a0: [], a1: ['a0'] }, { files: { a1: 'one/a1.py' } });
    const b = graphViewFromParents({ b0: [] }, { files: { b0: 'two/b0.py' } });
    const both = combineGraphViews([a, b]);
    expect(both.heads()).toEqual(['a1', 'b0']);
    expect(both.has('b0') && both.has('a0') && !both.has('zz')).toBe(true);
    expect([...both.ancestorsOf('a1')]).toEqual(['a0']);
    expect(both.fileOf('b0')).toBe('two/b0.py');
    expect([...both.ancestorsOf('zz')]).toEqual([]);
  });

  it('counts a database behind only the heads of the tree it is tracked by', () => {
    const a = graphViewFromParents({ a0: [], a1: ['a0'], a2: ['a1'] });
    const b = graphViewFromParents({ b0: [], b1: ['b0'] });
    const both = combineGraphViews([a, b]);
    const report = buildAuditReport(
      [
        facts('dev', { alembic: { present: true, versions: ['a1'] } }),
        facts('prod', { alembic: { present: true, versions: ['b1'] } }),
      ],
      both,
      policyDoc(),
      DB_RULES,
    );
    const [dev, prod] = report.databases;
    expect([dev?.pending, dev?.heads]).toEqual([['a2'], ['a2']]);
    expect([prod?.pending, prod?.heads, prod?.findings.map((f) => f.rule)]).toEqual([[], ['b1'], ['DB003']]);
    const db004 = report.findings.find((f) => f.rule === 'DB004');
    expect(db004?.message).toBe(
      'Database dev is 1 revision behind head (a2): pending a2; review them and run `alembic upgrade head`.',
    );
  });
});

describe('loadDbGraph: whose record the audit reads', () => {
  const django =
    'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = []\n    operations = []\n';
  const load = (migrations: string) => {
    const text = `version: 1\nmigrations:\n${migrations}`;
    const files = {
      'slipway.yaml': text,
      'alembic/versions/base.py': mig('base', null),
      'shop/migrations/0001_initial.py': django,
    };
    const policy = parsePolicyText(text, 'slipway.yaml').document!;
    return loadDbGraph({ policy, repo: new MemoryRepo(files), workspace: new Workspace() });
  };

  it('a policy naming Alembic trees and Django apps: the Django apps not audited is said, not silent', async () => {
    const both = await load('  alembic: alembic/versions\n  django: "*/migrations"\n');
    expect(both.graph?.heads()).toEqual(['base']);
    expect(both.note).toBe(
      'the Django apps of migrations.django are not audited: slipway.yaml names Alembic trees too, and the audit reads alembic_version',
    );
  });

  it("near miss: Django apps alone are the audit's graph (app.name), with nothing to say", async () => {
    const only = await load('  django: "*/migrations"\n');
    expect(only.note).toBeUndefined();
    expect(only.graph?.heads()).toEqual(['shop.0001_initial']);
  });
});
