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

describe('trace reads names bound to one string as the MIG rules do', () => {
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
