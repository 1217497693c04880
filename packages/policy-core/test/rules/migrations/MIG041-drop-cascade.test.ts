import { beforeAll, describe, expect, it } from 'vitest';
import { migration } from '../../migrations/mig-source.js';
import { ready, runMig } from './mig-test-helpers.js';

beforeAll(ready);

const PY = 'alembic/versions/0001_a.py';
const SQL = 'db/migrations/001.sql';

/** MIG041's findings on one .sql migration: `line message`. */
function onSql(sql: string, policy?: string): string[] {
  const files: Record<string, string> = { [SQL]: sql };
  if (policy) files['slipway.yaml'] = policy;
  return runMig(files)
    .findings.filter((f) => f.rule === 'MIG041')
    .map((f) => `${f.range.start.line + 1} ${f.message}`);
}

/** MIG041's findings on one Alembic revision. */
function onRevision(upgrade: string, downgrade = 'pass'): string[] {
  return runMig({ [PY]: migration('0001', null, upgrade, { downgrade }) })
    .findings.filter((f) => f.rule === 'MIG041')
    .map((f) => `${f.range.start.line + 1} ${f.message}`);
}

describe('MIG041 drop-cascade', () => {
  it('is an error where the CASCADE drops columns with their data (a type, a domain, an extension)', () => {
    const findings = runMig({
      [SQL]: [
        'DROP TYPE public.order_status CASCADE;',
        'DROP DOMAIN email_address CASCADE;',
        'DROP EXTENSION hstore CASCADE;',
        'DROP SEQUENCE invoice_numbers CASCADE;',
        'DROP MATERIALIZED VIEW order_totals CASCADE;',
        'DROP TYPE order_kind;',
      ].join('\n'),
    }).findings.filter((f) => f.rule === 'MIG041');
    expect(findings.map((f) => `${f.range.start.line + 1} ${f.severity}`)).toEqual([
      '1 error',
      '2 error',
      '3 error',
      '4 warning',
      '5 warning',
    ]);
    expect(findings[0]?.message).toContain(
      'drops type "order_status" with CASCADE, which also drops every column of that type, with its data',
    );
  });

  it('flags each kind something can depend on, and says what goes with it', () => {
    const found = onSql(
      [
        'DROP VIEW reporting.active_users CASCADE;',
        'DROP FUNCTION touch_updated_at() CASCADE;',
        'DROP PROCEDURE archive_orders(integer) CASCADE;',
        'DROP INDEX IF EXISTS ix_accounts_code CASCADE;',
        'ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_pkey CASCADE;',
      ].join('\n'),
    );
    expect(found.map((f) => f.replace(/ with CASCADE.*/, ''))).toEqual([
      '1 this migration drops view "active_users"',
      '2 this migration drops function "touch_updated_at"',
      '3 this migration drops function "archive_orders"',
      '4 this migration drops index "ix_accounts_code"',
      '5 this migration drops constraint "accounts_pkey" of "accounts"',
    ]);
    expect(found[0]).toContain('the views and rules built on it');
    expect(found[3]).toContain('foreign keys of other tables');
    expect(found[4]).toContain('`-- slipway: allow MIG041 -- reason`');
  });

  it('reports every object of one DROP', () => {
    expect(onSql('DROP VIEW a, b CASCADE;').map((f) => /view "\w+"/.exec(f)?.[0])).toEqual([
      'view "a"',
      'view "b"',
    ]);
  });

  it('leaves RESTRICT, no CASCADE, a trigger, and tables and schemas (MIG001, MIG003) alone', () => {
    expect(
      onSql(
        [
          'DROP VIEW v;',
          'DROP VIEW v RESTRICT;',
          'DROP TRIGGER t ON users CASCADE;',
          'DROP TABLE legacy CASCADE;',
          'DROP SCHEMA old CASCADE;',
          'ALTER TABLE accounts DROP CONSTRAINT accounts_code_key;',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('spares what the same revision made, not what an earlier revision made', () => {
    const madeHere = [
      'op.create_table("scratch", sa.Column("code", sa.String()))',
      'op.execute("ALTER TABLE scratch ADD CONSTRAINT scratch_code_key UNIQUE (code)")',
      'op.execute("ALTER TABLE scratch DROP CONSTRAINT scratch_code_key CASCADE")',
      'op.create_index("ix_users_code", "users", ["code"])',
      'op.execute("DROP INDEX IX_USERS_CODE CASCADE")',
    ].join('\n');
    expect(onRevision(madeHere)).toEqual([]);
    // The index was made by an earlier revision: foreign keys made since may rely on it.
    expect(onRevision('op.execute("DROP INDEX ix_users_code CASCADE")')).toHaveLength(1);
    // The same constraint name on a table this revision did not create.
    expect(
      onRevision(
        'op.create_table("scratch", sa.Column("code", sa.String()))\nop.execute("ALTER TABLE accounts DROP CONSTRAINT scratch_code_key CASCADE")',
      ),
    ).toHaveLength(1);
  });

  it('judges upgrade() only: a downgrade takes back what its upgrade made', () => {
    expect(onRevision('pass', 'op.execute("DROP VIEW active_users CASCADE")')).toEqual([]);
    expect(onRevision('op.execute(sa.text("DROP VIEW active_users CASCADE"))')).toEqual([
      expect.stringMatching(
        /^16 upgrade\(\) drops view "active_users" with CASCADE.*`# slipway: allow MIG041/,
      ),
    ]);
  });

  it('runs only where the database is PostgreSQL', () => {
    const mysql = 'version: 1\nmigrations:\n  dialect: mysql\n  sql: ["db/migrations/**/*.sql"]\n';
    expect(onSql('DROP VIEW v CASCADE;', mysql)).toEqual([]);
  });
});
