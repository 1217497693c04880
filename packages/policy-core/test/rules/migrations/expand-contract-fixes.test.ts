import type { Fix } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { applied, expectProven, onlyFixOf as fixOf, runAll } from './fix-proof.js';
import { ready } from './mig-test-helpers.js';
import { INIT, plain, RENAME, sql } from './expand-contract-cases.js';

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
      "    UPDATE users SET email = mail\n      WHERE ctid >= format('(%s,0)', slipway_page)::tid AND ctid < format('(%s,0)', slipway_page + 100)::tid\n        AND email IS NULL AND mail IS NOT NULL;\n    COMMIT;\n",
    );
    expect(backfill).toContain(
      "  slipway_pages bigint := pg_relation_size('users') / current_setting('block_size')::bigint;",
    );
    expect(backfill).toContain(
      "  PERFORM set_config('lock_timeout', slipway_lock_timeout, false);\n  IF EXISTS (SELECT 1 FROM users WHERE email IS NULL AND mail IS NOT NULL) THEN\n    RAISE EXCEPTION",
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
    // goose splits a file at each line ending in ';': the function's body goes between its markers.
    const wrappedFunction = EXPAND_RENAME.replace(
      'CREATE FUNCTION',
      '-- +goose StatementBegin\nCREATE FUNCTION',
    ).replace('$slipway$;\n', '$slipway$;\n-- +goose StatementEnd\n');
    expect(fixed['db/migrations/002_m.sql']).toBe(
      `-- +goose Up\n${wrappedFunction}\n-- +goose Down\nDROP TRIGGER users_mail_email_sync ON users;\nDROP FUNCTION users_mail_email_sync();\nALTER TABLE users DROP COLUMN email;\n`,
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

  it("a way back on another schema's table of the same name is not the inverse: left, and said", () => {
    const files = sql('goose', {
      'db/migrations/001_init.sql': '-- +goose Up\nCREATE TABLE app.users (mail varchar(255));\n',
      'db/migrations/002_m.sql':
        '-- +goose Up\nALTER TABLE app.users RENAME COLUMN mail TO email;\n\n-- +goose Down\nALTER TABLE other.users RENAME COLUMN email TO mail;\n',
    });
    const fix = fixOf(files, 'MIG011') as Fix;
    expect(fix.title).toMatch(/its way back is left as it was\)$/);
    expect(applied(files, fix)['db/migrations/002_m.sql']).toContain(
      'ALTER TABLE other.users RENAME COLUMN email TO mail;',
    );
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

  it.each([
    ['a serial column (its own sequence and default)', 'CREATE TABLE users (mail bigserial);\n'],
    [
      'NOT NULL and a default (the new column would lack them)',
      "CREATE TABLE users (mail varchar(255) NOT NULL DEFAULT '');\n",
    ],
    ['UNIQUE on the column', 'CREATE TABLE users (mail varchar(255) UNIQUE);\n'],
    ['a table key naming it', 'CREATE TABLE users (mail varchar(255), PRIMARY KEY (mail));\n'],
    [
      'a table CHECK (its columns are not read)',
      'CREATE TABLE users (mail varchar(255), CHECK (length(mail) > 3));\n',
    ],
    [
      'an index made later',
      'CREATE TABLE users (mail varchar(255));\nCREATE INDEX ix_mail ON users (mail);\n',
    ],
    [
      'a default set later',
      "CREATE TABLE users (mail varchar(255));\nALTER TABLE users ALTER COLUMN mail SET DEFAULT '';\n",
    ],
    ['a partitioned table', 'CREATE TABLE users (mail varchar(255), at date) PARTITION BY RANGE (at);\n'],
    [
      'a type that does not read back ("char" written bare is character(1))',
      'CREATE TABLE users (mail "char");\n',
    ],
    ['a collation', 'CREATE TABLE users (mail text COLLATE "C");\n'],
  ])('near miss, no fix: the column has %s', (_what, init) => {
    const files = sql('plain', {
      'db/migrations/001_init.sql': init,
      'db/migrations/002_m.sql': `${RENAME}\n`,
    });
    expect(fixOf(files, 'MIG011')).toBeUndefined();
  });

  it.each([
    [
      'a later statement on the table in the file',
      plain(`${RENAME}\nCREATE INDEX ix_email ON users (email);`),
    ],
    [
      "a column named like the backfill's variables",
      plain('ALTER TABLE users RENAME COLUMN mail TO slipway_page;'),
    ],
    [
      'a quoted schema (a newline in it would break out of a comment)',
      plain('ALTER TABLE "x\ny".users RENAME COLUMN mail TO email;'),
    ],
  ])('near miss, no fix: %s', (_what, files) => {
    expect(fixOf(files, 'MIG011')).toBeUndefined();
  });

  it('a validate-later fix already writes the next migration: no backfill beside it', () => {
    const files = plain(
      `${RENAME}\nALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);`.replace(
        RENAME,
        RENAME,
      ),
    );
    files['db/migrations/001_init.sql'] = `${INIT}CREATE TABLE orders (id int, user_id int);\n`;
    const found = runAll(files).filter((f) => f.rule === 'MIG011' || f.rule === 'MIG025');
    expect(found.map((f) => f.rule).sort()).toEqual(['MIG011', 'MIG025']);
    expect(found.find((f) => f.rule === 'MIG025')?.fixes?.length).toBe(1);
    expect(found.find((f) => f.rule === 'MIG011')?.fixes ?? []).toEqual([]);
  });

  it('a schema-qualified table: the trigger function goes to its schema', () => {
    const files = sql('plain', {
      'db/migrations/001_init.sql': 'CREATE TABLE app.users (mail varchar(255));\n',
      'db/migrations/002_m.sql': 'ALTER TABLE app.users RENAME COLUMN mail TO email;\n',
    });
    const fixed = expectProven('MIG011', files, fixOf(files, 'MIG011') as Fix);
    expect(fixed['db/migrations/002_m.sql']).toContain(
      'CREATE FUNCTION app.users_mail_email_sync() RETURNS trigger',
    );
    expect(fixed['db/migrations/002_m.sql']).toContain(
      'ON app.users FOR EACH ROW EXECUTE FUNCTION app.users_mail_email_sync()',
    );
    expect(fixed['db/migrations/003_backfill_users_email.sql']).toContain("pg_relation_size('app.users')");
  });

  it('sql-migrate: StatementBegin/End around the bodies, notransaction on the backfill', () => {
    const files = sql('sql-migrate', {
      'db/migrations/001_init.sql': `-- +migrate Up\n${INIT}`,
      'db/migrations/002_m.sql': `-- +migrate Up\n${RENAME}\n\n-- +migrate Down\nALTER TABLE users RENAME COLUMN email TO mail;\n`,
    });
    const fixed = expectProven('MIG011', files, fixOf(files, 'MIG011') as Fix);
    expect(fixed['db/migrations/002_m.sql']).toContain('-- +migrate StatementBegin\nCREATE FUNCTION');
    const backfill = fixed['db/migrations/003_backfill_users_email.sql'] as string;
    expect(backfill).toMatch(/^-- \+migrate Up notransaction\n/);
    expect(backfill).toContain('-- +migrate StatementBegin\nDO $slipway$');
  });

  it('near miss: two renames in one file get no fix (two plans would write the same next migration)', () => {
    const files = plain(`${RENAME}\nALTER TABLE users RENAME COLUMN age TO years;`);
    const found = runAll(files).filter((f) => f.rule === 'MIG011');
    expect(found).toHaveLength(2);
    expect(found.flatMap((f) => f.fixes ?? [])).toEqual([]);
  });
});
