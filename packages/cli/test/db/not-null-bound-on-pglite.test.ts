import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureSql, sqlStatements } from '../helpers/fixture-sql.js';

/**
 * MIG006's `col IS NOT NULL` fixtures run on a real PostgreSQL (PGlite): each statement the rule
 * flags, with the migrations before it applied and rows in every table, deletes or rewrites every
 * row; each of the near misses leaves the rows whose column holds NULL (or that it does not join).
 */
const file = (fixture: string, name: string) => fixtureSql('MIG006', fixture, name);
const statements = sqlStatements;

/** How many rows one statement touches of how many its table holds (a transaction rolled back). */
async function touched(db: PGlite, statement: string): Promise<{ touched: number; of: number }> {
  const table = /^(?:DELETE FROM|UPDATE)\s+(\w+)/.exec(statement)?.[1] as string;
  await db.exec('BEGIN');
  try {
    const of = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? 0;
    const result = await db.query(statement);
    return { touched: result.affectedRows ?? 0, of };
  } finally {
    await db.exec('ROLLBACK');
  }
}

describe('MIG006: a WHERE of `col IS NOT NULL` on PostgreSQL', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
  });
  afterAll(() => db.close());
  // Each case applies its fixture's migrations to an empty database.
  beforeEach(() => db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;'));

  it('on a column the migrations make NOT NULL, every flagged statement touches every row', async () => {
    const fixture = 'trigger-where-not-null-column';
    await db.exec(file(fixture, '001_init.sql'));
    await db.exec(`INSERT INTO users SELECT g, 'u' || g || '@x', NULL FROM generate_series(1, 5) g;
      INSERT INTO orders SELECT g, 'eu', g FROM generate_series(1, 5) g;
      INSERT INTO sessions SELECT 't' || g, g FROM generate_series(1, 5) g;
      INSERT INTO teams SELECT g FROM generate_series(1, 5) g;`);
    await db.exec(file(fixture, '002_tighten.sql'));
    const flagged = statements(file(fixture, '003_purge.sql'));
    expect(flagged).toHaveLength(7);
    for (const statement of flagged)
      expect(await touched(db, statement), statement).toEqual({ touched: 5, of: 5 });
  });

  it('near misses: a nullable column, one made before the migrations, an AND, a join keep rows', async () => {
    const fixture = 'near-miss-where-not-null-unknown';
    await db.exec(file(fixture, '001_init.sql'));
    await db.exec(`CREATE TABLE accounts (id bigint);
      INSERT INTO accounts VALUES (1), (NULL);
      INSERT INTO users VALUES (1, 'spam'), (2, NULL), (3, 'ham');
      INSERT INTO teams VALUES (1);`);
    for (const statement of statements(file(fixture, '002_purge.sql'))) {
      const t = await touched(db, statement);
      expect(t.touched, statement).toBeLessThan(t.of);
    }
  });
});
