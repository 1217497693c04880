import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureSql, sqlStatements } from '../helpers/fixture-sql.js';

/**
 * MIG001's swaps whose copy is changed before the old table goes, run on a real PostgreSQL
 * (PGlite): the old table's rows seeded, the fixture's migrations applied as psql runs them, and
 * what is left of those rows counted. Each flagged swap loses rows, values or a column; the near
 * miss keeps every row and every value.
 */
const file = (fixture: string, name: string) => fixtureSql('MIG001', fixture, name);

const SEED = `INSERT INTO users VALUES
  (1, 'a@x', '2019-06-01'), (2, 'b@x', '2019-07-01'), (3, 'c@x', '2021-01-01'), (4, 'd@x', '2022-01-01');
  CREATE TABLE sessions (id bigint, expires_at timestamptz);`;

/** The seeded rows still in `users` after the fixture's swap: how many, with how many emails. */
async function afterSwap(db: PGlite, fixture: string): Promise<{ rows: number; emails: number | string }> {
  await db.exec(file(fixture, '001_init.sql'));
  await db.exec(SEED);
  for (const statement of sqlStatements(file(fixture, '005_swap.sql'))) await db.exec(`${statement};`);
  const rows = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0]?.n ?? 0;
  const emails = await db
    .query<{ n: number }>('SELECT count(email)::int AS n FROM users')
    .then((r) => r.rows[0]?.n ?? 0)
    .catch((err: Error) => err.message);
  return { rows, emails };
}

describe('MIG001: a swap whose copy loses data before the old table is dropped, on PostgreSQL', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
  });
  afterAll(() => db.close());
  beforeEach(() => db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;'));

  it('a partial DELETE of the copy loses the rows it deletes', async () => {
    expect(await afterSwap(db, 'trigger-swap-copy-partly-deleted')).toEqual({ rows: 2, emails: 2 });
  });

  it('an UPDATE of a copied column loses its values', async () => {
    expect(await afterSwap(db, 'trigger-swap-copy-column-nulled')).toEqual({ rows: 4, emails: 0 });
  });

  it('a DROP COLUMN of a copied column loses the column', async () => {
    expect(await afterSwap(db, 'trigger-swap-copy-column-dropped')).toEqual({
      rows: 4,
      emails: 'column "email" does not exist',
    });
  });

  it('SQL built at run time between the copy and the drop may delete from the copy', async () => {
    expect(await afterSwap(db, 'trigger-swap-copy-unread-between')).toEqual({ rows: 2, emails: 2 });
  });

  it('near miss: the same SQL before the copy leaves the old table whole, and the copy keeps it', async () => {
    expect(await afterSwap(db, 'near-miss-swap-copy-unread-before')).toEqual({ rows: 4, emails: 4 });
  });

  it('after the old table is dropped, before the copy takes its name: a partial DELETE loses rows', async () => {
    expect(await afterSwap(db, 'trigger-swap-heir-partly-deleted-before-rename')).toEqual({
      rows: 2,
      emails: 2,
    });
  });

  it('after the old table is dropped, before the rename: an UPDATE of a copied column loses values', async () => {
    expect(await afterSwap(db, 'trigger-swap-heir-nulled-before-rename')).toEqual({ rows: 4, emails: 2 });
  });

  it('after the old table is dropped, before the rename: SQL built at run time may delete rows', async () => {
    expect(await afterSwap(db, 'trigger-swap-heir-unread-before-rename')).toEqual({ rows: 2, emails: 2 });
  });

  it('near miss: after the drop, a backfill of a column the copy did not fill keeps every row and value', async () => {
    expect(await afterSwap(db, 'near-miss-swap-heir-backfilled-before-rename')).toEqual({
      rows: 4,
      emails: 4,
    });
  });

  it('near miss: a backfill of a column the copy did not fill keeps every row and value', async () => {
    expect(await afterSwap(db, 'near-miss-swap-copy-backfilled')).toEqual({ rows: 4, emails: 4 });
  });
});
