import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSql, sqlStatements } from '../helpers/fixture-sql.js';

/**
 * MIG006's DELETE … USING and UPDATE … FROM whose condition reads only the tables beside the
 * target, on a real PostgreSQL (PGlite): each flagged statement writes every row of its target;
 * each near miss (the condition joins or reads the written rows) only the rows it picks.
 */
const statements = (fixture: string) => sqlStatements(fixtureSql('MIG006', fixture, '005_purge.sql'));

const SCHEMA = `
CREATE TABLE teams (id bigint PRIMARY KEY, archived boolean);
CREATE TABLE users (id bigint PRIMARY KEY, team_id bigint);
CREATE TABLE plans (id bigint PRIMARY KEY, name text);
CREATE TABLE accounts (id bigint PRIMARY KEY, plan_id bigint, active boolean);
INSERT INTO teams VALUES (1, true), (2, false);
INSERT INTO users VALUES (1, 1), (2, 2), (3, 2), (4, 2), (5, 1);
INSERT INTO plans VALUES (1, 'legacy'), (2, 'pro');
INSERT INTO accounts VALUES (1, 1, true), (2, 2, true), (3, 2, true);`;

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await db.exec(SCHEMA);
});
afterAll(() => db.close());

/** Rows `statement` writes of how many its target holds, rolled back. */
async function written(statement: string): Promise<{ touched: number; of: number }> {
  const table = /^(?:DELETE FROM|UPDATE)\s+(\w+)/.exec(statement)?.[1] as string;
  await db.exec('BEGIN');
  try {
    const of = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? 0;
    return { touched: (await db.query(statement)).affectedRows ?? 0, of };
  } finally {
    await db.exec('ROLLBACK');
  }
}

describe('MIG006: a condition on the other tables alone, on PostgreSQL', () => {
  it('each flagged statement writes every row of its target', async () => {
    const flagged = statements('trigger-where-reads-other-tables');
    expect(flagged).toHaveLength(3);
    for (const s of flagged) {
      const w = await written(s);
      expect(w.touched, s).toBe(w.of);
    }
  });

  it('near misses write only the rows they pick', async () => {
    for (const s of statements('near-miss-where-joins-other-tables')) {
      const w = await written(s);
      expect(w.touched, s).toBeLessThan(w.of);
    }
  });
});
