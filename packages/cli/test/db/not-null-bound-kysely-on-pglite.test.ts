import { PGlite } from '@electric-sql/pglite';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type Compilable,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * MIG006's Kysely and serial fixtures (trigger-/near-miss-where-not-null-kysely, -serial) on a real
 * PostgreSQL (PGlite): the tables made as the fixtures make them (Kysely 0.28's own SQL for its
 * schema builder, the fixtures' SQL for serial and identity columns), filled with rows that hold
 * NULL wherever a column allows it, then each row change counted inside a rolled-back transaction.
 * The flagged ones touch every row; the near misses leave some.
 */
// biome-ignore lint/suspicious/noExplicitAny: the fixtures' own `Kysely<any>`
const db = new Kysely<any>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
let pg: PGlite;

async function run(q: Compilable): Promise<number> {
  const { sql, parameters } = q.compile();
  return (await pg.query(sql, [...parameters])).affectedRows ?? 0;
}

async function touched(q: Compilable | string): Promise<number> {
  await pg.exec('BEGIN');
  try {
    return typeof q === 'string' ? ((await pg.query(q)).affectedRows ?? 0) : await run(q);
  } finally {
    await pg.exec('ROLLBACK');
  }
}

beforeAll(async () => {
  pg = new PGlite();
  for (const q of [
    db.schema
      .createTable('users')
      .addColumn('id', 'serial', (col) => col.primaryKey())
      .addColumn('email', 'text', (col) => col.notNull())
      .addColumn('role', 'text'),
    db.schema
      .createTable('memberships')
      .addColumn('user_id', 'integer')
      .addColumn('team_id', 'integer')
      .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'team_id']),
    db.schema
      .createTable('events')
      .addColumn('id', 'bigint', (col) => col.generatedAlwaysAsIdentity())
      .addColumn('kind', 'text'),
  ])
    await pg.exec(q.compile().sql);
  await pg.exec(`
    CREATE TABLE s_users (id serial, email text);
    CREATE TABLE s_events (id bigint GENERATED ALWAYS AS IDENTITY, kind text);
    CREATE TABLE s_tags (id bigserial, name text);
    CREATE TABLE s_plain (id integer, name text);
    INSERT INTO users (email, role) SELECT 'u' || g, CASE WHEN g > 3 THEN NULL ELSE 'r' END FROM generate_series(1, 5) g;
    INSERT INTO memberships SELECT g, g FROM generate_series(1, 5) g;
    INSERT INTO events (kind) SELECT CASE WHEN g > 2 THEN NULL ELSE 'k' END FROM generate_series(1, 5) g;
    INSERT INTO s_users (email) SELECT NULL FROM generate_series(1, 5);
    INSERT INTO s_events (kind) SELECT NULL FROM generate_series(1, 5);
    INSERT INTO s_tags (name) SELECT NULL FROM generate_series(1, 5);
    INSERT INTO s_plain SELECT CASE WHEN g > 3 THEN NULL ELSE g END, NULL FROM generate_series(1, 5) g;
  `);
  // Each column the fixtures count NOT NULL is NOT NULL in PostgreSQL's own catalog.
  for (const [table, column] of [
    ['users', 'id'],
    ['users', 'email'],
    ['memberships', 'team_id'],
    ['events', 'id'],
    ['s_users', 'id'],
    ['s_events', 'id'],
    ['s_tags', 'id'],
  ])
    expect(
      (
        await pg.query<{ attnotnull: boolean }>(
          'SELECT attnotnull FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2',
          [table, column],
        )
      ).rows,
    ).toEqual([{ attnotnull: true }]);
});
afterAll(async () => {
  await pg?.close();
  await db.destroy();
});

describe('MIG006: Kysely `is not null` on a column the series makes NOT NULL, on PostgreSQL', () => {
  it('the trigger fixture: every row of 5, each change', async () => {
    expect(await touched(db.deleteFrom('users').where('email', 'is not', null))).toBe(5);
    expect(
      await touched(db.updateTable('users').set({ role: 'member' }).where('users.id', 'is not', null)),
    ).toBe(5);
    expect(
      await touched(
        db.deleteFrom('memberships').where('team_id', 'is not', null).where('user_id', 'is not', null),
      ),
    ).toBe(5);
    expect(await touched(db.deleteFrom('events').where('id', 'is not', null))).toBe(5);
  });

  it('the near misses: a nullable column, a second condition, a NULL compared with =', async () => {
    expect(await touched(db.deleteFrom('users').where('role', 'is not', null))).toBe(3);
    expect(
      await touched(
        db
          .updateTable('users')
          .set({ role: 'member' })
          .where('email', 'is not', null)
          .where('role', '=', 'guest'),
      ),
    ).toBe(0);
    expect(await touched(db.deleteFrom('events').where('kind', 'is not', null))).toBe(2);
    expect(await touched(db.deleteFrom('users').where('email', '=', null))).toBe(0);
  });
});

describe('MIG006: serial and identity columns are NOT NULL, on PostgreSQL', () => {
  it('the trigger fixture (serial, identity, bigserial): every row of 5', async () => {
    expect(await touched('DELETE FROM s_users WHERE id IS NOT NULL')).toBe(5);
    expect(await touched('DELETE FROM s_events WHERE id IS NOT NULL')).toBe(5);
    expect(await touched('UPDATE s_tags SET name = NULL WHERE id IS NOT NULL')).toBe(5);
  });

  it('the near miss: a plain integer column keeps its NULL rows', async () => {
    expect(await touched('UPDATE s_plain SET name = NULL WHERE id IS NOT NULL')).toBe(3);
  });
});
