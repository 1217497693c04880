import { beforeAll, describe, expect, it } from 'vitest';
import { readMigrationModule } from '../../src/migrations/alembic-module.js';
import { initSqlParser } from '../../src/migrations/sql-parser.js';

beforeAll(() => initSqlParser());

const module = (body: string[], eol = '\n', extra: string[] = []) =>
  readMigrationModule(
    'v/a1_paren.py',
    [
      "revision = 'a1'",
      'down_revision = None',
      '',
      'def upgrade():',
      ...body,
      '',
      'def downgrade():',
      '    pass',
      ...extra,
      '',
    ].join(eol),
  );

const summary = (m: ReturnType<typeof readMigrationModule>) =>
  m.upgrade?.ops.map(
    (o) => `${o.range.start.line}:${o.kind}:${o.table ?? ''}${o.inAutocommit ? ':autocommit' : ''}`,
  );

/** Python 3.10 parenthesised context managers, which @lezer/python 1.1.19 does not parse. */
describe('parenthesised with statements', () => {
  it('reads batch ops and autocommit blocks in every layout, lines unchanged', () => {
    const m = module([
      '    with (op.batch_alter_table("a") as b, op.get_context().autocommit_block()):',
      '        b.drop_column("x")',
      '    with (',
      '        op.batch_alter_table(',
      '            "b",  # the table',
      '        ) as batch,',
      "        open('x)#') as f,",
      '    ):',
      '        batch.drop_column("y")',
      '    with(op.get_context().autocommit_block(),):',
      '        op.create_index("ix", "c", ["z"], postgresql_concurrently=True)',
    ]);
    expect(m.syntaxError).toBeUndefined();
    expect(summary(m)).toEqual([
      '5:drop_column:a:autocommit',
      '12:drop_column:b',
      '14:create_index:c:autocommit',
    ]);
  });

  it('reads them with CRLF line ends, tabs, and in an async helper', () => {
    const m = module(
      ['\twith (', '\t\top.batch_alter_table("t") as b,', '\t):', '\t\tb.drop_column("x")', '\t_helper()'],
      '\r\n',
      [
        'async def _helper():',
        '\tasync with (',
        '\t\top.batch_alter_table("u") as u,',
        '\t):',
        '\t\tu.drop_column("y")',
      ],
    );
    expect(m.syntaxError).toBeUndefined();
    expect(summary(m)).toEqual(['7:drop_column:t', '16:drop_column:u']);
  });

  it('still reports real syntax errors, in the header or elsewhere, at their own line', () => {
    const bad = module(['    with (op.batch_alter_table("t") as b op.x()):', '        b.drop_column("x")']);
    expect(bad.syntaxError?.range.start.line).toBe(4);
    const elsewhere = module([
      '    with (',
      '        op.batch_alter_table("t") as b,',
      '    ):',
      '        b.drop_column("x")',
      '    op.add_column("t", sa.Column("a")',
    ]);
    expect(elsewhere.syntaxError?.range.start.line).toBe(8);
    expect(elsewhere.syntaxError?.value).toContain("'(' is never closed");
  });

  it('leaves a header whose parentheses are not followed by the colon alone', () => {
    const m = module(['    with (a as b) + c:', '        pass']);
    expect(m.syntaxError).toBeDefined();
  });
});
