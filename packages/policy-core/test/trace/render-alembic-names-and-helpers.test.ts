import { initMigrationParsers, renderAlembicUpgrade } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(initMigrationParsers);

const module = (top: string[], body: string[]) =>
  [
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
    'revision = "b2"',
    'down_revision = "a1"',
    ...top,
    '',
    '',
    'def upgrade():',
    ...body.map((l) => `    ${l}`),
    '',
  ].join('\n');

describe('trace reads names bound once as the MIG rules do', () => {
  it('renders a module constant and a local string where an op reads them', () => {
    const r = renderAlembicUpgrade(
      'm.py',
      module(
        ['TABLE = "legacy_sessions"', 'SCHEMA = "app"'],
        [
          'sql = "UPDATE users SET active = true"',
          'op.execute(sql)',
          'op.drop_table(TABLE, schema=SCHEMA)',
          'with op.batch_alter_table(TABLE) as batch_op:',
          '    batch_op.drop_column("expires")',
        ],
      ),
    );
    expect(r.statements.map((s) => [s.line, s.sql])).toEqual([
      [12, 'UPDATE users SET active = true'],
      [13, 'DROP TABLE "app"."legacy_sessions"'],
      [15, 'ALTER TABLE "legacy_sessions" DROP COLUMN "expires"'],
    ]);
    // The assignment is followed where it is read, not listed as Python Slipway skipped.
    expect(r.notTraced).toEqual([]);
  });

  it('renders a column built first and added through a name', () => {
    const r = renderAlembicUpgrade(
      'm.py',
      module(
        ['FLAG = sa.Column("archived", sa.Boolean(), nullable=True)'],
        [
          'col = sa.Column("n", sa.Integer(), nullable=False, server_default="0")',
          'op.add_column("t", col)',
          'op.add_column("t", FLAG)',
        ],
      ),
    );
    expect(r.statements.map((s) => [s.line, s.sql])).toEqual([
      [11, 'ALTER TABLE "t" ADD COLUMN "n" integer DEFAULT \'0\' NOT NULL'],
      [12, 'ALTER TABLE "t" ADD COLUMN "archived" boolean'],
    ]);
    // Building the column is Python (a call), listed; what it binds is read at the op.
    expect(r.notTraced.map((n) => [n.line, n.reason])).toEqual([
      [10, 'Python assign statement Slipway does not run'],
    ]);
  });

  it('lists an op whose name was bound twice, or rebound where Slipway does not follow, as not traced', () => {
    const r = renderAlembicUpgrade(
      'm.py',
      module(
        ['TABLE = "scratch"', 'if sa.__version__.startswith("1."):', '    TABLE = "users"'],
        [
          'op.drop_table(TABLE)',
          'sql = "DELETE FROM jobs"',
          'try:',
          '    sql = "TRUNCATE jobs"',
          'except Exception:',
          '    pass',
          'op.execute(sql)',
          'old, new = "accounts", "accounts_v2"',
          'op.rename_table(old, new)',
        ],
      ),
    );
    expect(r.statements).toEqual([]);
    expect(r.notTraced.map((n) => [n.line, n.reason])).toEqual([
      [12, 'op.drop_table: argument table_name is not a literal string'],
      [14, 'Python try statement Slipway does not run'],
      [18, 'op.execute: SQL that is not a literal string'],
      [19, 'Python assign statement Slipway does not run'],
      [20, 'op.rename_table: argument table_name is not a literal string'],
    ]);
  });
});

describe('trace follows the helpers upgrade() calls, as the MIG rules do', () => {
  it("renders a helper's ops at their lines, once per call, each call's strings in its parameters", () => {
    const r = renderAlembicUpgrade(
      'm.py',
      module(
        [
          '',
          '',
          'def _add_flag(table, column="enabled"):',
          '    op.add_column(table, sa.Column("enabled", sa.Boolean(), nullable=True))',
          '    op.create_index(column, table, ["enabled"])',
          '    if not table:',
          '        return',
        ],
        ['_add_flag("users")', '_add_flag("teams", column="active")'],
      ),
    );
    expect(r.statements.map((s) => [s.line, s.sql])).toEqual([
      [9, 'ALTER TABLE "users" ADD COLUMN "enabled" boolean'],
      [10, 'CREATE INDEX "enabled" ON "users" ("enabled")'],
      [9, 'ALTER TABLE "teams" ADD COLUMN "enabled" boolean'],
      [10, 'CREATE INDEX "active" ON "teams" ("enabled")'],
    ]);
    // The `if` in the helper is Python logic, listed at its line for each call.
    expect(r.notTraced.map((n) => [n.line, n.reason])).toEqual([
      [11, 'Python if statement Slipway does not run'],
      [11, 'Python if statement Slipway does not run'],
    ]);
  });

  it('lists a helper that calls itself, or a function of another module, as not traced', () => {
    const r = renderAlembicUpgrade(
      'm.py',
      module(
        ['', '', 'def _again(n):', '    op.drop_index("ix_a")', '    _again(n)'],
        ['_again(1)', 'utils.rebuild("users")'],
      ),
    );
    expect(r.statements.map((s) => [s.line, s.sql])).toEqual([[9, 'DROP INDEX "ix_a"']]);
    expect(r.notTraced.map((n) => [n.line, n.reason])).toEqual([
      [10, '_again(...) is Python Slipway does not run'],
      [15, 'utils.rebuild(...) is Python Slipway does not run'],
    ]);
  });
});
