import { beforeAll, describe, expect, it } from 'vitest';
import type { DbGraphView } from '../../src/db/graph-view.js';
import { readMigrationModule } from '../../src/migrations/alembic-module.js';
import { RevisionGraph } from '../../src/migrations/revision-graph.js';
import { initSqlParser } from '../../src/migrations/sql-parser.js';
import { migration } from './mig-source.js';

beforeAll(() => initSqlParser());

const mod = (rev: string, down: string | string[] | null, up = 'pass', labels?: string[]) =>
  readMigrationModule(`v/${rev}_m.py`, migration(rev, down, up, labels ? { labels } : {}));

//   base ── a ──┬── b ──┐
//               └── c ──┴── m (merge) ── d (drop_table users)
function history() {
  return [
    mod('base', null),
    mod('a', 'base', "op.create_table('users', sa.Column('id', sa.Integer()))"),
    mod('b', 'a', "op.execute('TRUNCATE audit')"),
    mod('c', 'a', "op.add_column('users', sa.Column('x', sa.Integer()))"),
    mod('m', ['b', 'c']),
    mod('d', 'm', "op.drop_table('users')\nop.drop_column('orders', 'note')"),
  ];
}

describe('RevisionGraph', () => {
  it('answers heads, has, get, ancestors and bases', () => {
    const g = new RevisionGraph('v', history());
    // The database audit reads the graph through its own interface; this must keep compiling.
    const view: DbGraphView = g;
    expect(view.heads()).toEqual(['d']);
    expect(g.heads()).toEqual(['d']);
    expect(g.bases()).toEqual(['base']);
    expect(g.has('m')).toBe(true);
    expect(g.has('zzz')).toBe(false);
    expect(g.get('m')).toMatchObject({ file: 'v/m_m.py', downRevisions: ['b', 'c'] });
    expect([...g.ancestorsOf('m')].sort()).toEqual(['a', 'b', 'base', 'c']);
    expect(g.fileOf('d')).toBe('v/d_m.py');
    expect(g.childrenOf('a')).toEqual(['b', 'c']);
  });

  it('orders the path between two revisions parents-first, merges included', () => {
    const g = new RevisionGraph('v', history());
    expect(g.pathBetween(undefined, 'heads')).toEqual(['base', 'a', 'b', 'c', 'm', 'd']);
    expect(g.pathBetween('a', 'd')).toEqual(['b', 'c', 'm', 'd']);
    expect(g.pathBetween('b', 'm')).toEqual(['c', 'm']);
    expect(g.pathBetween('d', 'head')).toEqual([]);
    expect(g.pathBetween('nope', 'd')).toBeUndefined();
  });

  it('lists destructive operations between two revisions with file and line', () => {
    const g = new RevisionGraph('v', history());
    const ops = g.destructiveOpsBetween('a', 'heads');
    expect(ops.map((o) => [o.rule, o.revision, o.file, o.description])).toEqual([
      ['MIG005', 'b', 'v/b_m.py', 'TRUNCATE audit'],
      ['MIG001', 'd', 'v/d_m.py', "op.drop_table('users')"],
      ['MIG002', 'd', 'v/d_m.py', "op.drop_column('orders', 'note')"],
    ]);
    expect(ops[1]?.line).toBe(15);
    expect(g.destructiveOpsBetween('m', 'm')).toEqual([]);
  });

  it('keeps duplicates, missing parents and cycles as facts', () => {
    const g = new RevisionGraph('v', [
      mod('a', null),
      readMigrationModule('v/z_dup.py', migration('a', null)),
      mod('b', 'ghost'),
      mod('x', 'y'),
      mod('y', 'x'),
    ]);
    expect(g.duplicates.map((d) => [d.revision, d.modules.map((m) => m.path)])).toEqual([
      ['a', ['v/a_m.py', 'v/z_dup.py']],
    ]);
    expect(g.missingParents.map((m) => [m.node.revision, m.parent])).toEqual([['b', 'ghost']]);
    expect(g.cycles).toEqual([['x', 'y']]);
  });

  it('inherits branch labels from ancestors', () => {
    const g = new RevisionGraph('v', [
      mod('r', null),
      mod('e1', 'r', 'pass', ['expand']),
      mod('e2', 'e1'),
      mod('c1', 'r', 'pass', ['contract']),
    ]);
    expect(g.heads()).toEqual(['c1', 'e2']);
    expect([...g.branchLabelsOf('e2')]).toEqual(['expand']);
  });

  it('reuses its structure after a body edit but not after a down_revision edit', () => {
    const first = history();
    const g1 = new RevisionGraph('v', first);
    expect(g1.destructiveOpsBetween('m', 'd')).toHaveLength(2);
    const edited = [...first];
    edited[5] = mod('d', 'm', "op.drop_table('users')");
    const g2 = new RevisionGraph('v', edited, g1);
    expect(g2.destructiveOpsBetween('m', 'd')).toHaveLength(1);
    expect(g2.get('d')?.module).toBe(edited[5]);
    expect(g2.heads()).toEqual(['d']);
    const reparented = [...edited];
    reparented[5] = mod('d', 'a');
    const g3 = new RevisionGraph('v', reparented, g2);
    expect(g3.heads()).toEqual(['d', 'm']);
    expect(g3.pathBetween('a', 'd')).toEqual(['d']);
  });
});
