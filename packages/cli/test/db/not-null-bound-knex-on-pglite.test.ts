import { PGlite } from '@electric-sql/pglite';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * MIG006's Knex `whereNotNull` fixtures on a real PostgreSQL (PGlite), with the SQL Knex 3 itself
 * writes for PostgreSQL (the CLI's Knex, no connection: `toString()`): the fixtures' createTable,
 * then each of their row changes, counted inside a rolled-back transaction. The flagged chains
 * (trigger-where-not-null-knex) touch every row; the near misses keep the rows holding NULL.
 */
const knex = knexFactory({ client: 'pg' });
let db: PGlite;

beforeAll(async () => {
  db = new PGlite();
  const create = knex.schema
    .createTable('users', (table) => {
      table.increments('id');
      table.string('email').notNullable();
      table.string('role');
    })
    .toString();
  await db.exec(create);
  await db.exec(
    "INSERT INTO users (email, role) SELECT 'u' || g, CASE WHEN g > 3 THEN NULL ELSE 'r' END FROM generate_series(1, 5) g",
  );
});
afterAll(async () => {
  await db?.close();
  await knex.destroy();
});

async function touched(statement: string): Promise<number> {
  await db.exec('BEGIN');
  try {
    return (await db.query(statement)).affectedRows ?? 0;
  } finally {
    await db.exec('ROLLBACK');
  }
}

describe('MIG006: Knex whereNotNull on a column the series makes NOT NULL, on PostgreSQL', () => {
  it('the trigger fixture: every row of 5, both chains', async () => {
    expect(await touched(knex('users').whereNotNull('email').del().toString())).toBe(5);
    expect(
      await touched(
        knex('users').whereNotNull('users.id').whereNotNull('email').update({ role: 'member' }).toString(),
      ),
    ).toBe(5);
  });

  it('the near misses: a nullable column, a second condition', async () => {
    expect(await touched(knex('users').whereNotNull('role').del().toString())).toBe(3);
    expect(
      await touched(
        knex('users').whereNotNull('email').where('role', 'guest').update({ role: 'member' }).toString(),
      ),
    ).toBe(0);
  });

  it('the OR forms (trigger-where-not-null-knex-or): every row of 5, each chain', async () => {
    expect(await touched(knex('users').where('role', 'guest').orWhereNotNull('id').del().toString())).toBe(5);
    expect(await touched(knex('users').whereNot('email', null).update({ role: 'member' }).toString())).toBe(
      5,
    );
    expect(
      await touched(
        knex('users').where('users.id', 'IS NOT', null).orWhere('role', 'admin').del().toString(),
      ),
    ).toBe(5);
  });

  it('their near misses: an OR arm bounded too, a nullable column, a comparison with NULL, andWhere', async () => {
    expect(
      await touched(
        knex('users').where('role', 'guest').orWhereNotNull('id').where('role', 'staff').del().toString(),
      ),
    ).toBe(0);
    expect(await touched(knex('users').whereNot('role', null).update({ role: 'member' }).toString())).toBe(3);
    expect(await touched(knex('users').where('email', '<>', null).del().toString())).toBe(0);
    expect(await touched(knex('users').andWhere('role', 'r').del().toString())).toBe(3);
  });
});
