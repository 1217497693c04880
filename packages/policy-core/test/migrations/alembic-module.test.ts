import { beforeAll, describe, expect, it } from 'vitest';
import { readMigrationModule } from '../../src/migrations/alembic-module.js';
import { initSqlParser } from '../../src/migrations/sql-parser.js';

beforeAll(() => initSqlParser());

const at = (src: string, needle: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = src.indexOf(needle, i + 1);
  const before = src.slice(0, i).split('\n');
  return { line: before.length - 1, character: (before[before.length - 1] as string).length };
};

describe('readMigrationModule: revision variables', () => {
  it('reads annotated assignments, merges as tuples, labels and dependencies', () => {
    const src = [
      '"""merge',
      '',
      'Revision ID: abc',
      'Revises: a1, b2',
      '"""',
      "revision: str = 'abc'",
      "down_revision: Union[str, Sequence[str], None] = ('a1', 'b2')",
      "branch_labels = 'expand'",
      "depends_on = ['c3']",
    ].join('\n');
    const m = readMigrationModule('v/abc_merge.py', src);
    expect(m.isMigration).toBe(true);
    expect(m.revision?.value).toBe('abc');
    expect(m.revision?.range.start).toEqual(at(src, "'abc'"));
    expect(m.downRevision).toMatchObject({ values: ['a1', 'b2'], dynamic: false });
    expect(m.branchLabels?.values).toEqual(['expand']);
    expect(m.dependsOn?.values).toEqual(['c3']);
    expect(m.header.revisionId?.value).toBe('abc');
    expect(m.header.revisionId?.range.start).toEqual({ line: 2, character: 13 });
    expect(m.header.revises?.value).toEqual(['a1', 'b2']);
  });

  it('reads plain assignments, None, and lists for merges', () => {
    const m = readMigrationModule(
      'x.py',
      "revision = 'r1'\ndown_revision = ['p1', 'p2']\nbranch_labels = None\n",
    );
    expect(m.downRevision?.values).toEqual(['p1', 'p2']);
    expect(m.branchLabels?.values).toEqual([]);
    const root = readMigrationModule('y.py', "revision = 'r0'\ndown_revision = None\n");
    expect(root.downRevision).toMatchObject({ values: [], dynamic: false });
  });

  it('keeps branch labels named through constants: by value when bound here, else by their text', () => {
    const m = readMigrationModule(
      'x.py',
      "EXPAND = 'expand'\nrevision = 'r1'\nbranch_labels = (EXPAND, 'ocata01', migration.CONTRACT_BRANCH)\n",
    );
    expect(m.branchLabels).toMatchObject({
      values: ['expand', 'ocata01', 'migration.CONTRACT_BRANCH'],
      dynamic: true,
    });
    const bare = readMigrationModule('y.py', "revision = 'r2'\nbranch_labels = migration.EXPAND_BRANCH\n");
    expect(bare.branchLabels?.values).toEqual(['migration.EXPAND_BRANCH']);
  });

  it('marks a down_revision built by a function call as dynamic', () => {
    const m = readMigrationModule('x.py', "revision = 'r1'\ndown_revision = previous('r1')\n");
    expect(m.downRevision).toMatchObject({ values: [], dynamic: true });
  });

  it('does not take a file without `revision` for a migration', () => {
    const m = readMigrationModule('helpers.py', 'def helper():\n    return 1\n');
    expect(m.isMigration).toBe(false);
  });

  it('records a syntax error at the unclosed bracket and still reads the variables', () => {
    const src =
      "revision = 'r1'\ndown_revision = None\n\ndef upgrade():\n    op.drop_table('x'\n\ndef downgrade():\n    pass\n";
    const m = readMigrationModule('x.py', src);
    expect(m.syntaxError?.range.start.line).toBe(4);
    expect(m.syntaxError?.value).toContain("'(' is never closed");
    expect(m.revision?.value).toBe('r1');
  });
});

describe('readMigrationModule: operations', () => {
  const header = "from alembic import op\nimport sqlalchemy as sa\nrevision = 'r1'\ndown_revision = None\n\n";

  it('reads batch_alter_table blocks with any alias, and autocommit blocks', () => {
    const src = `${header}def upgrade():
    with op.batch_alter_table('orders', schema=None) as b:
        b.drop_column('legacy')
        b.add_column(sa.Column('n', sa.Integer(), nullable=False))
    with op.get_context().autocommit_block():
        op.create_index('ix', 'orders', ['n'], postgresql_concurrently=True)
`;
    const ops = readMigrationModule('x.py', src).upgrade?.ops ?? [];
    expect(ops.map((o) => [o.kind, o.table, o.column ?? o.index])).toEqual([
      ['drop_column', 'orders', 'legacy'],
      ['add_column', 'orders', 'n'],
      ['create_index', 'orders', 'ix'],
    ]);
    expect(ops[1]).toMatchObject({ notNull: true, hasDefault: false });
    expect(ops[2]).toMatchObject({ concurrently: true, inAutocommit: true });
    expect(ops[0]?.range.start).toEqual(at(src, 'b.drop_column'));
  });

  it('maps SQL statement positions back into triple-quoted and concatenated literals', () => {
    const src = `${header}def upgrade():
    op.execute(
        """
        -- tidy up (\u00e9t\u00e9)
        UPDATE t SET a = 'caf\u00e9' WHERE id = 1;
        DROP TABLE old_t;
        """
    )
    op.execute("DROP " "TABLE other")
    op.execute(sa.text("DELETE FROM s WHERE id = :id").bindparams(id=1))
`;
    const ops = readMigrationModule('x.py', src).upgrade?.ops ?? [];
    expect(ops.map((o) => o.kind)).toEqual(['update', 'drop_table', 'drop_table', 'delete']);
    const drop = ops[1]!;
    expect(drop.table).toBe('old_t');
    expect(drop.detail?.start).toEqual(at(src, 'DROP TABLE old_t'));
    expect(drop.detail?.end).toEqual(at(src, ';', 1));
    // The finding itself sits on the op.execute line, where a suppression comment can go.
    expect(drop.range.start).toEqual(at(src, 'op.execute('));
    expect(ops[2]?.detail?.start).toEqual(at(src, 'DROP " "TABLE'));
    expect(ops[3]).toMatchObject({ kind: 'delete', hasWhere: true, table: 's' });
  });

  it('follows module-level helper functions called from upgrade()', () => {
    const src = `${header}def _drop():\n    op.drop_table('gone')\n\ndef upgrade():\n    _drop()\n\ndef downgrade():\n    pass\n`;
    const m = readMigrationModule('x.py', src);
    expect(m.upgrade?.ops.map((o) => [o.kind, o.table])).toEqual([['drop_table', 'gone']]);
    expect(m.downgrade?.shape).toBe('empty');
  });

  it('tells what cannot be read statically', () => {
    const src = `${header}def upgrade():\n    op.execute(sql)\n    op.execute(f"DROP {t}")\n    op.execute("SELEC 1")\n`;
    const ops = readMigrationModule('x.py', src).upgrade?.ops ?? [];
    expect(ops.map((o) => o.kind)).toEqual(['unread_sql', 'unread_sql', 'unread_sql']);
    expect(ops[0]?.reason).toContain('variable `sql`');
    expect(ops[1]?.reason).toContain('f-string');
    expect(ops[2]?.reason).toContain('syntax error');
  });

  it('classifies downgrade bodies', () => {
    const shape = (body: string) =>
      readMigrationModule('x.py', `${header}def upgrade():\n    pass\n\ndef downgrade():\n${body}\n`)
        .downgrade?.shape;
    expect(shape('    """Nothing."""\n    pass')).toBe('empty');
    expect(shape('    ...')).toBe('empty');
    expect(shape('    raise NotImplementedError("irreversible: data loss")')).toBe('irreversible');
    expect(shape('    raise NotImplementedError')).toBe('irreversible-without-reason');
    expect(shape('    raise NotImplementedError(f"irreversible: {TABLE} data is gone")')).toBe(
      'irreversible',
    );
    expect(
      shape('    raise NotImplementedError(\n        "irreversible: "\n        "data is gone"\n    )'),
    ).toBe('irreversible');
    expect(shape('    raise NotImplementedError(f"{reason}")')).toBe('irreversible-without-reason');
    expect(shape('    raise NotImplementedError("  ")')).toBe('irreversible-without-reason');
    expect(shape("    op.drop_table('x')")).toBe('ops');
    expect(shape('    client = make_client()\n    client.run("DROP TABLE x")')).toBe('code');
    // SQL run through the connection is read like op.execute.
    expect(shape('    conn = op.get_bind()\n    conn.exec_driver_sql("x")')).toBe('ops');
  });
});
