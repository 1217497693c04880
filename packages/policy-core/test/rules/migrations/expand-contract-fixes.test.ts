import type { Fix } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { applied, expectProven, type Files, onlyFixOf as fixOf, runAll } from './fix-proof.js';
import { ready } from './mig-test-helpers.js';

beforeAll(ready);

/**
 * The expand/contract fix of MIG011 (a column renamed) and MIG024 (a column's type changed) in
 * .sql series: the statement becomes the expand step (the new column and a trigger that keeps it
 * filled), a new migration backfills in batches outside a transaction, the contract step is
 * written out for a later release. Always a suggestion: the code changes between the steps. Each
 * fix is proven (applied, the rule says nothing, nothing else is new); each near miss has no fix.
 * Alembic: expand-contract-alembic.test.ts. PostgreSQL runs the fixed files in
 * packages/cli/test/db/expand-contract-on-postgres.test.ts.
 */
const INIT = 'CREATE TABLE users (id integer PRIMARY KEY, mail varchar(255), age int);\n';
const RENAME = 'ALTER TABLE users RENAME COLUMN mail TO email;';
const RETYPE = 'ALTER TABLE users ALTER COLUMN id TYPE bigint;';
const sql = (runner: string, files: Files, extra = ''): Files => ({
  'slipway.yaml': `version: 1\nmigrations:\n  sql: ["db/migrations/**/*.sql"]\n  sql_runner: ${runner}\n${extra}`,
  ...files,
});
const plain = (statement: string, extra = ''): Files =>
  sql('plain', { 'db/migrations/001_init.sql': INIT, 'db/migrations/002_m.sql': `${statement}\n` }, extra);

const EXPAND_RENAME = `-- Expand/contract, step 1 of 4 (expand): "email" beside "mail", of its type, kept equal to it by a trigger while code writes either name.
ALTER TABLE users ADD COLUMN email varchar(255);
CREATE FUNCTION users_mail_email_sync() RETURNS trigger LANGUAGE plpgsql AS $slipway$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.email := COALESCE(NEW.email, NEW.mail);
    NEW.mail := COALESCE(NEW.mail, NEW.email);
  ELSIF NEW.mail IS DISTINCT FROM OLD.mail THEN
    NEW.email := NEW.mail;
  ELSIF NEW.email IS DISTINCT FROM OLD.email THEN
    NEW.mail := NEW.email;
  END IF;
  RETURN NEW;
END
$slipway$;
CREATE TRIGGER users_mail_email_sync BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_mail_email_sync();
`;

describe('expand/contract for a renamed column (MIG011)', () => {
  it('plain: the expand step in place, the backfill in the next migration, the contract as comments', () => {
    const files = plain(RENAME);
    const fix = fixOf(files, 'MIG011') as Fix;
    expect(fix.choice).toBe(true);
    expect(fix.title).toBe(
      'Expand/contract: add "email" beside "mail" (a trigger keeps it filled), backfill in batches in ' +
        'db/migrations/003_backfill_users_email.sql; switch the code, then drop "mail" in a later release (a suggestion)',
    );
    const fixed = expectProven('MIG011', files, fix);
    expect(fixed['db/migrations/002_m.sql']).toBe(EXPAND_RENAME);
    const backfill = fixed['db/migrations/003_backfill_users_email.sql'] as string;
    expect(backfill).toContain(
      '    UPDATE users SET email = mail\n      WHERE ctid = ANY (ARRAY(SELECT ctid FROM users WHERE email IS NULL AND mail IS NOT NULL LIMIT 5000));\n',
    );
    expect(backfill).toContain('--   DROP TRIGGER users_mail_email_sync ON users;\n');
    expect(backfill).toContain('--   ALTER TABLE users DROP COLUMN mail;\n');
    // The plain runner has no way back: nothing is said of one.
    expect(fix.title).not.toContain('way back');
  });

  it.each([
    ['a rename carries it', 'ALTER TABLE users ALTER COLUMN age TYPE bigint;', 'varchar(255)'],
    ['a type change replaces it', 'ALTER TABLE users ALTER COLUMN contact TYPE text;', 'text'],
    [
      'a type change with USING replaces it too',
      "ALTER TABLE users ALTER COLUMN contact TYPE text USING contact || '';",
      'text',
    ],
  ])('the type comes from the series as it stands: %s', (_what, between, type) => {
    const files = sql('plain', {
      'db/migrations/001_init.sql': INIT,
      'db/migrations/002_a.sql':
        '-- slipway: allow MIG011 -- test\nALTER TABLE users RENAME COLUMN mail TO contact;\n',
      'db/migrations/003_b.sql': `-- slipway: allow MIG024 -- test\n${between}\n`,
      'db/migrations/004_c.sql': 'ALTER TABLE users RENAME COLUMN contact TO email;\n',
    });
    const found = runAll(files).filter((f) => f.file === 'db/migrations/004_c.sql' && f.rule === 'MIG011');
    const fix = found[0]?.fixes?.[0] as Fix;
    expect(applied(files, fix)['db/migrations/004_c.sql']).toContain(
      `ALTER TABLE users ADD COLUMN email ${type};`,
    );
  });

  it.each([
    ['dropped', 'ALTER TABLE users DROP COLUMN mail;\nALTER TABLE users ADD COLUMN mail text;'],
    ['its table dropped and made again', 'DROP TABLE users;\nCREATE TABLE users (id int, mail text);'],
  ])('the column %s in between: the new type is the one that counts', (_what, between) => {
    const files = sql('plain', {
      'db/migrations/001_init.sql': INIT,
      'db/migrations/002_b.sql': `-- slipway: allow MIG001 MIG002 -- test\n${between}\n`,
      'db/migrations/003_c.sql': `${RENAME}\n`,
    });
    const found = runAll(files).filter((f) => f.file === 'db/migrations/003_c.sql' && f.rule === 'MIG011');
    expect(applied(files, found[0]?.fixes?.[0] as Fix)['db/migrations/003_c.sql']).toContain(
      'ADD COLUMN email text;',
    );
  });

  it('the column dropped before and not made again: no type, no fix', () => {
    const files = sql('plain', {
      'db/migrations/001_init.sql': INIT,
      'db/migrations/002_b.sql': '-- slipway: allow MIG002 -- test\nALTER TABLE users DROP COLUMN mail;\n',
      'db/migrations/003_c.sql': `${RENAME}\n`,
    });
    expect(
      runAll(files)
        .filter((f) => f.rule === 'MIG011')
        .flatMap((f) => f.fixes ?? []),
    ).toEqual([]);
  });

  it('goose: the way back, the plain inverse, undoes the expand step; the backfill says NO TRANSACTION', () => {
    const files = sql('goose', {
      'db/migrations/001_init.sql': `-- +goose Up\n${INIT}`,
      'db/migrations/002_m.sql': `-- +goose Up\n${RENAME}\n\n-- +goose Down\nALTER TABLE users RENAME COLUMN email TO mail;\n`,
    });
    const fix = fixOf(files, 'MIG011') as Fix;
    expect(fix.title).not.toContain('way back');
    const fixed = expectProven('MIG011', files, fix);
    expect(fixed['db/migrations/002_m.sql']).toBe(
      `-- +goose Up\n${EXPAND_RENAME}\n-- +goose Down\nDROP TRIGGER users_mail_email_sync ON users;\nDROP FUNCTION users_mail_email_sync();\nALTER TABLE users DROP COLUMN email;\n`,
    );
    expect(fixed['db/migrations/003_backfill_users_email.sql']).toMatch(
      /^-- \+goose NO TRANSACTION\n-- \+goose Up\n-- Expand/,
    );
  });

  it('dbmate: transaction:false on the up marker; golang-migrate: the .down.sql inverse rewritten', () => {
    const dbmate = sql('dbmate', {
      'db/migrations/001_init.sql': `-- migrate:up\n${INIT}`,
      'db/migrations/002_m.sql': `-- migrate:up\n${RENAME}\n\n-- migrate:down\n`,
    });
    const fixed = expectProven('MIG011', dbmate, fixOf(dbmate, 'MIG011') as Fix);
    expect(fixed['db/migrations/003_backfill_users_email.sql']).toMatch(/^-- migrate:up transaction:false\n/);
    const golang = sql('golang-migrate', {
      'db/migrations/001_init.up.sql': INIT,
      'db/migrations/001_init.down.sql': 'DROP TABLE users;\n',
      'db/migrations/002_m.up.sql': `${RENAME}\n`,
      'db/migrations/002_m.down.sql': 'ALTER TABLE users RENAME COLUMN email TO mail;\n',
    });
    const fixedGo = expectProven('MIG011', golang, fixOf(golang, 'MIG011') as Fix);
    expect(fixedGo['db/migrations/002_m.down.sql']).toBe(
      'DROP TRIGGER users_mail_email_sync ON users;\nDROP FUNCTION users_mail_email_sync();\nALTER TABLE users DROP COLUMN email;\n',
    );
    expect(fixedGo['db/migrations/003_backfill_users_email.up.sql']).toMatch(/^-- Expand\/contract, step 2/);
    expect(fixedGo['db/migrations/003_backfill_users_email.down.sql']).toMatch(/^-- Nothing to undo/);
  });

  it('a way back that is not the plain inverse is left, and the title says so', () => {
    const files = sql('goose', {
      'db/migrations/001_init.sql': `-- +goose Up\n${INIT}`,
      'db/migrations/002_m.sql': `-- +goose Up\n${RENAME}\n\n-- +goose Down\nSELECT 1;\n`,
    });
    expect((fixOf(files, 'MIG011') as Fix).title).toMatch(
      /\(a suggestion; its way back is left as it was\)$/,
    );
  });

  it.each([
    ['the column was never made by the series', sql('plain', { 'db/migrations/002_m.sql': `${RENAME}\n` })],
    [
      'the table was made by CREATE TABLE AS',
      sql('plain', {
        'db/migrations/001_init.sql': "CREATE TABLE users AS SELECT 1 AS id, text 'a' AS mail;\n",
        'db/migrations/002_m.sql': `${RENAME}\n`,
      }),
    ],
    ['a quoted name', plain('ALTER TABLE users RENAME COLUMN mail TO "Email";')],
    ['a comment inside the statement', plain('ALTER TABLE users RENAME COLUMN mail /* old */ TO email;')],
    [
      'Flyway: no way to run the backfill outside a transaction that the fix can write',
      sql('flyway', {
        'db/migrations/V1__init.sql': INIT,
        'db/migrations/V2__m.sql': `${RENAME}\n`,
      }),
    ],
    ['SQLite: no PostgreSQL trigger', plain(RENAME, '  dialect: sqlite\n')],
  ])('near miss, no fix: %s', (_what, files) => {
    expect(fixOf(files, 'MIG011')).toBeUndefined();
  });

  it('near miss: two renames in one file get no fix (two plans would write the same next migration)', () => {
    const files = plain(`${RENAME}\nALTER TABLE users RENAME COLUMN age TO years;`);
    const found = runAll(files).filter((f) => f.rule === 'MIG011');
    expect(found).toHaveLength(2);
    expect(found.flatMap((f) => f.fixes ?? [])).toEqual([]);
  });
});

describe('expand/contract for a column type change (MIG024)', () => {
  it('plain: the new column of the new type, filled one way; the contract swaps the names', () => {
    const files = plain(RETYPE);
    const fix = fixOf(files, 'MIG024') as Fix;
    expect(fix.choice).toBe(true);
    const fixed = expectProven('MIG024', files, fix);
    expect(fixed['db/migrations/002_m.sql']).toBe(
      `-- Expand/contract, step 1 of 4 (expand): "id_new" of the new type beside "id", filled from it by a trigger while code writes "id".
ALTER TABLE users ADD COLUMN id_new bigint;
CREATE FUNCTION users_id_id_new_sync() RETURNS trigger LANGUAGE plpgsql AS $slipway$
BEGIN
  NEW.id_new := NEW.id;
  RETURN NEW;
END
$slipway$;
CREATE TRIGGER users_id_id_new_sync BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_id_id_new_sync();
`,
    );
    const backfill = fixed['db/migrations/003_backfill_users_id_new.sql'] as string;
    expect(backfill).toContain('--   ALTER TABLE users RENAME COLUMN id_new TO id;\n--   COMMIT;');
    expect(backfill).toContain('the\n-- indexes, constraints, default and NOT NULL "id" has');
  });

  it('PostgreSQL before 11: EXECUTE PROCEDURE', () => {
    const files = plain(RETYPE, '  postgres_version: 10\n');
    expect(applied(files, fixOf(files, 'MIG024') as Fix)['db/migrations/002_m.sql']).toContain(
      'FOR EACH ROW EXECUTE PROCEDURE users_id_id_new_sync();',
    );
  });

  it.each([
    ['a USING expression', plain('ALTER TABLE users ALTER COLUMN id TYPE bigint USING id * 2;')],
    ['a COLLATE clause', plain('ALTER TABLE users ALTER COLUMN mail TYPE text COLLATE "C";')],
    ['an interval with fields', plain('ALTER TABLE users ALTER COLUMN age TYPE interval day to second;')],
    [
      'two actions in one ALTER TABLE',
      plain('ALTER TABLE users ALTER COLUMN id TYPE bigint, ALTER COLUMN age TYPE bigint;'),
    ],
  ])('near miss, no fix: %s', (_what, files) => {
    const found = runAll(files).filter((f) => f.rule === 'MIG024');
    expect(found.length).toBeGreaterThan(0);
    expect(found.flatMap((f) => f.fixes ?? [])).toEqual([]);
  });
});
