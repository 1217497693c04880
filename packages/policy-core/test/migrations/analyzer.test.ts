import { beforeAll, describe, expect, it } from 'vitest';
import { MigrationAnalyzer } from '../../src/migrations/analyze.js';
import { initSqlParser } from '../../src/migrations/sql-parser.js';
import { MemoryRepo } from '../../src/repo.js';
import { migration } from './mig-source.js';

beforeAll(() => initSqlParser());

describe('MigrationAnalyzer', () => {
  it('reads nested version folders and independent trees, skipping what Alembic does not load', () => {
    const repo = new MemoryRepo({
      'alembic/versions/0001_base.py': migration('0001', null),
      'alembic/versions/2025/q4/0002_users.py': migration('0002', '0001'),
      'alembic/versions/2026/0003_orders.py': migration('0003', '0002'),
      'alembic/versions/__init__.py': '',
      'alembic/versions/__pycache__/0001_base.cpython-311.pyc': 'a\u0000b',
      'alembic/versions/README.md': '# notes',
      'alembic/versions/logo.png.py': '\u0089PNG\u0000\u0000binary',
      'alembic/versions/util.py': 'def helper():\n    return 1\n',
      'analytics/migrations/versions/0001_base.py': migration('0001', null),
      'analytics/migrations/versions/0009_events.py': migration('0009', '0001'),
    });
    const { trees, filesRead } = new MigrationAnalyzer().analyze(repo, {
      alembic: ['alembic/versions', 'analytics/migrations/versions/'],
      sqlFiles: [],
    });
    expect(trees.map((t) => [t.root, t.graph.heads()])).toEqual([
      ['alembic/versions', ['0003']],
      ['analytics/migrations/versions', ['0009']],
    ]);
    expect(trees[0]?.graph.pathBetween(undefined, 'heads')).toEqual(['0001', '0002', '0003']);
    expect(trees[0]?.skipped.sort()).toEqual([
      'alembic/versions/README.md',
      'alembic/versions/__init__.py',
      'alembic/versions/__pycache__/0001_base.cpython-311.pyc',
    ]);
    expect(trees[0]?.modules.find((m) => m.path.endsWith('util.py'))?.isMigration).toBe(false);
    // Alembic imports every .py in the folder: a binary one breaks it, so it is read (and reported).
    const binary = trees[0]?.modules.find((m) => m.path.endsWith('logo.png.py'));
    expect(binary?.isMigration).toBe(false);
    expect(binary?.syntaxError?.value).toMatch(/NUL bytes/);
    expect(filesRead).toContain('analytics/migrations/versions/0009_events.py');
  });

  it('re-parses only files whose content changed', () => {
    const files = new Map([
      ['v/0001_a.py', migration('0001', null)],
      ['v/0002_b.py', migration('0002', '0001', "op.drop_table('x')")],
    ]);
    const analyzer = new MigrationAnalyzer();
    const first = analyzer.analyze(new MemoryRepo(files), { alembic: ['v'], sqlFiles: [] });
    files.set('v/0002_b.py', migration('0002', '0001', "op.drop_table('y')"));
    const second = analyzer.analyze(new MemoryRepo(files), { alembic: ['v'], sqlFiles: [] });
    expect(second.trees[0]?.modules[0]).toBe(first.trees[0]?.modules[0]);
    expect(second.trees[0]?.modules[1]).not.toBe(first.trees[0]?.modules[1]);
    expect(second.trees[0]?.graph.get('0002')?.upgradeOps[0]?.table).toBe('y');
  });

  it('analyses a 5 MB generated migration', () => {
    const lines = ["op.create_table('big', sa.Column('id', sa.Integer()), sa.Column('note', sa.Text()))"];
    for (let i = 0, size = 0; size < 5_000_000; i++) {
      const line = `op.bulk_insert(big, [{'id': ${i}, 'note': 'row ${i} padded padded padded padded padded padded'}])`;
      lines.push(line);
      size += line.length + 5;
    }
    lines.push("op.drop_column('users', 'legacy')");
    const text = migration('big1', null, lines.join('\n'), { downgrade: "op.drop_table('big')" });
    expect(text.length).toBeGreaterThan(5_000_000);
    const { trees } = new MigrationAnalyzer().analyze(new MemoryRepo({ 'v/big1_gen.py': text }), {
      alembic: ['v'],
      sqlFiles: [],
    });
    const ops = trees[0]?.graph.get('big1')?.upgradeOps ?? [];
    const drop = ops[ops.length - 1];
    expect(drop).toMatchObject({ kind: 'drop_column', table: 'users' });
    expect(drop?.range.start.line).toBe(text.split('\n').findIndex((l) => l.includes("drop_column('users'")));
  });

  // Each piece of one op.execute's implicitly concatenated string is its own statement, its range
  // where that piece stands. 2,000 pieces show it; the scale (100,000 pieces, once 11 s of
  // quadratic offset mapping) is measured by bench/big-inputs.bench.mjs, and python-string.test.ts
  // maps 200,000 pieces' offsets.
  it('analyses one op.execute of 2,000 concatenated string pieces', () => {
    const n = 2_000;
    const pieces = Array.from({ length: n }, (_, i) => `    "UPDATE t SET a = ${i} WHERE id = ${i};"`);
    const text = migration('big2', null, `op.execute(\n${pieces.join('\n')}\n)`);
    const { trees } = new MigrationAnalyzer().analyze(new MemoryRepo({ 'v/big2_gen.py': text }), {
      alembic: ['v'],
      sqlFiles: [],
    });
    const ops = trees[0]?.graph.get('big2')?.upgradeOps ?? [];
    expect(ops).toHaveLength(n);
    const last = ops[n - 1];
    expect(last?.detail?.start.line).toBe(text.split('\n').findIndex((l) => l.includes(`SET a = ${n - 1} `)));
  });
});
