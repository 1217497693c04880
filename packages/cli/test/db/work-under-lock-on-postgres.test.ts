import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgServer, startPostgres } from '../helpers/postgres.js';

/**
 * MIG044 and MIG047 proved on a real PostgreSQL: each finding of their SQL fixtures is replayed
 * — the script run in one session up to and including the flagged statement, its transaction left
 * open — and PostgreSQL itself is asked (pg_locks) whether that session holds the lock the finding
 * names on the table it names, and whether another session's write (MIG047: writes wait) or read
 * (MIG044: reads wait too) is kept waiting (lock_timeout: 55P03). The near miss of each finding
 * is checked too: MIG047's lock lets readers through, as its message says. And the near-miss
 * fixtures' statements, replayed the same way, keep no other session waiting.
 */
const FIXTURES = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'policy-core',
  'test',
  'rules',
  'migrations',
  'fixtures',
);

/**
 * Every table a rule's fixtures touch, a few rows each, and what their statements expect to exist
 * (MIG044's add the columns MIG047's find there).
 */
const ROWS = `
CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE payments (id bigint PRIMARY KEY, paid int);
CREATE TABLE order_drafts (id bigint PRIMARY KEY);
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
INSERT INTO customers SELECT g FROM generate_series(1, 10) g;
INSERT INTO payments SELECT g, g FROM generate_series(1, 10) g;
INSERT INTO order_drafts SELECT g FROM generate_series(1, 10) g;
`;
const SCHEMA: Record<'MIG044' | 'MIG047', string> = {
  MIG047: `${ROWS}
CREATE TABLE orders (id bigint PRIMARY KEY, region text, state text, customer_id bigint);
CREATE TABLE order_archive (LIKE orders);
CREATE TABLE invoices (id bigint PRIMARY KEY, currency text, amount int, state text);
ALTER TABLE invoices ADD CONSTRAINT ck_invoices_amount CHECK (amount >= 0) NOT VALID;
INSERT INTO orders SELECT g, 'eu', 'new', g FROM generate_series(1, 10) g;
INSERT INTO invoices SELECT g, 'USD', g, 'open' FROM generate_series(1, 10) g;
`,
  MIG044: `${ROWS}
CREATE TABLE orders (id bigint PRIMARY KEY, state text, customer_id bigint);
CREATE TABLE order_archive (id bigint, state text, customer_id bigint, region text);
CREATE TABLE invoices (id bigint PRIMARY KEY, currency text, amount int, state text);
INSERT INTO orders SELECT g, 'new', g FROM generate_series(1, 10) g;
INSERT INTO invoices SELECT g, 'USD', g, 'open' FROM generate_series(1, 10) g;
`,
};

/** pg_locks' names of the modes the messages give. */
const MODE: Record<string, string> = {
  SHARE: 'ShareLock',
  'SHARE ROW EXCLUSIVE': 'ShareRowExclusiveLock',
  EXCLUSIVE: 'ExclusiveLock',
  'ACCESS EXCLUSIVE': 'AccessExclusiveLock',
};

interface Claim {
  rule: 'MIG044' | 'MIG047';
  line: number;
  mode: string;
  table: string;
}

/** The findings of a fixture's snapshot (which the fixture test holds to the engine's output). */
function claims(fixture: string): Claim[] {
  const expected = readFileSync(join(FIXTURES, fixture, 'expected.txt'), 'utf8');
  return [
    ...expected.matchAll(
      /^db\/migrations\/001_m\.sql:(\d+):1 (MIG04[47]) .* still holds the ([A-Z ]+) lock .* took on "(\w+)"/gm,
    ),
  ].map((m) => ({
    line: Number(m[1]),
    rule: m[2] as Claim['rule'],
    mode: m[3] as string,
    table: m[4] as string,
  }));
}

const script = (fixture: string) =>
  readFileSync(join(FIXTURES, fixture, 'db', 'migrations', '001_m.sql'), 'utf8').split('\n');

describe('MIG044 and MIG047 on a real PostgreSQL', () => {
  let server: PgServer;
  let n = 0;
  beforeAll(async () => {
    server = await startPostgres();
    for (const rule of ['MIG044', 'MIG047'] as const) {
      await server.sql(`CREATE DATABASE template_${rule.toLowerCase()}`);
      await server.sql(SCHEMA[rule], `template_${rule.toLowerCase()}`);
    }
  }, 120_000);
  afterAll(async () => server?.stop());

  /** A fresh copy of the schema, and two sessions on it: the migration's and another's. */
  async function sessions(rule: 'MIG044' | 'MIG047') {
    const db = `proof_${++n}`;
    await server.sql(`CREATE DATABASE ${db} TEMPLATE template_${rule.toLowerCase()}`);
    const migration = new pg.Client({ connectionString: server.url(db) });
    const other = new pg.Client({ connectionString: server.url(db) });
    await Promise.all([migration.connect(), other.connect()]);
    await other.query("SET lock_timeout = '300ms'");
    return {
      migration,
      /** Whether `sql` in the other session had to wait for a lock (and gave up). */
      waits: async (sql: string) => {
        try {
          await other.query(sql);
          return false;
        } catch (e) {
          if ((e as { code?: string }).code === '55P03') return true;
          throw e;
        }
      },
      close: () => Promise.all([migration.end(), other.end()]),
    };
  }

  /** The modes the migration's session holds on `table`, as pg_locks names them. */
  async function held(c: pg.Client, table: string): Promise<string[]> {
    const r = await c.query(
      'SELECT l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = pg_backend_pid() AND c.relname = $1 AND l.granted',
      [table],
    );
    return r.rows.map((row: { mode: string }) => row.mode);
  }

  for (const fixture of ['MIG047/trigger-sql', 'MIG044/trigger-sql']) {
    it(`${fixture}: each finding's lock is held at its statement, and the other session waits as the message says`, async () => {
      const found = claims(fixture);
      expect(found.length).toBeGreaterThan(1);
      const lines = script(fixture);
      for (const claim of found) {
        const s = await sessions(claim.rule);
        try {
          // The script as the migration runs it, through the flagged statement: its transaction stays open.
          for (const sql of lines.slice(0, claim.line)) if (sql.trim()) await s.migration.query(sql);
          const where = `${fixture}:${claim.line}`;
          expect(await held(s.migration, claim.table), where).toContain(MODE[claim.mode]);
          expect(
            await s.waits(`UPDATE ${claim.table} SET id = id WHERE false`),
            `${where}: a write waits`,
          ).toBe(true);
          // MIG044 says reads wait too; MIG047 says only writes do: a reader gets through.
          expect(await s.waits(`SELECT count(*) FROM ${claim.table}`), `${where}: a read`).toBe(
            claim.rule === 'MIG044',
          );
        } finally {
          await s.close();
        }
      }
    }, 120_000);
  }

  it('the near misses: their work statements, replayed the same way, keep no other session waiting', async () => {
    // Each: the fixture, the work statement's line, the tables another session writes meanwhile.
    const cases: [string, number, string[]][] = [
      ['MIG047/near-miss-sql', 5, ['orders', 'invoices']], // the index's transaction committed first
      ['MIG044/near-miss-sql', 9, ['orders']], // ADD COLUMN in autocommit: its lock ended with it
    ];
    for (const [fixture, line, tables] of cases) {
      expect(claims(fixture)).toEqual([]);
      const lines = script(fixture);
      const s = await sessions(fixture.slice(0, 6) as 'MIG044' | 'MIG047');
      try {
        for (const sql of lines.slice(0, line - 1)) if (sql.trim()) await s.migration.query(sql);
        await s.migration.query('BEGIN');
        await s.migration.query(lines[line - 1] as string);
        for (const table of tables)
          expect(
            await s.waits(`UPDATE ${table} SET id = id WHERE false`),
            `${fixture}:${line} ${table}`,
          ).toBe(false);
        await s.migration.query('ROLLBACK');
      } finally {
        await s.close();
      }
    }
  }, 120_000);
});
