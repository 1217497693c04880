import {
  buildTracePlan,
  initMigrationParsers,
  renderTraceText,
  type TracePlan,
  type TracedStatement,
} from '@slipway/policy-core';
import { runTracePlan as runOn } from '@slipway/policy-core/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTraceDb } from '../../src/trace/open-trace-db.js';

const runTracePlan = (plan: TracePlan) => runOn(plan, openTraceDb);

/**
 * The trace against the real embedded PostgreSQL: each statement's locks as pg_locks shows them
 * and its rewrites as relfilenode shows them, for SQL files and for rendered Alembic calls.
 */
const HISTORY = `
CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total int);
CREATE INDEX ix_users_email ON users (email);
INSERT INTO users VALUES (1, 'a@example.com', 'x');
INSERT INTO orders VALUES (1, 1, 10);
`;

const TRACED = `SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE orders ADD CONSTRAINT ck_total CHECK (total >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT ck_total;
ALTER TABLE users ADD COLUMN public_id uuid DEFAULT gen_random_uuid();
ALTER TABLE users ADD COLUMN plan text DEFAULT 'free';
CREATE INDEX ix_orders_user ON orders (user_id);
DROP INDEX CONCURRENTLY ix_users_email;
ALTER TABLE orders ALTER COLUMN total TYPE bigint;
ALTER TABLE nowhere ADD COLUMN x int;
ALTER TABLE users DROP COLUMN legacy;
`;

const ALEMBIC = `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_foreign_key("fk_user2", "orders", "users", ["user_id"], ["id"], postgresql_not_valid=True)
    op.add_column("orders", sa.Column("note", sa.Text(), server_default="none"))
    op.create_unique_constraint("uq_users_email", "users", ["email"])
    if True:
        op.drop_column("orders", "note")
`;

const OUTSIDE = `CREATE INDEX CONCURRENTLY ix_orders_total ON orders (total);
REINDEX INDEX CONCURRENTLY ix_orders_total;
VACUUM FULL orders;
VACUUM;
CREATE INDEX CONCURRENTLY ix_nowhere ON nowhere (x);
ANALYZE orders;
`;

let sql: TracedStatement[] = [];
let outside: TracedStatement[] = [];
let alembic: Awaited<ReturnType<typeof runTracePlan>>;
let broken: Awaited<ReturnType<typeof runTracePlan>>;
beforeAll(async () => {
  await initMigrationParsers();
  const history = [{ path: 'db/001_base.sql', text: HISTORY }];
  broken = await runTracePlan(
    buildTracePlan(
      [
        {
          path: 'db/001.sql',
          // LOCK TABLE runs only in a transaction: replayed alone, it must still get one.
          text: 'CREATE TABLE a (id int);\nALTER TABLE gone ADD COLUMN x int;\nLOCK TABLE a IN SHARE MODE;\nLOCK TABLE missing IN SHARE MODE;\nCREATE TABLE b (id int);\n',
        },
      ],
      [{ path: 'db/002.sql', text: 'ALTER TABLE b ADD COLUMN y int;\n' }],
    ),
  );
  sql = (await runTracePlan(buildTracePlan(history, [{ path: 'db/002_change.sql', text: TRACED }])))
    .statements;
  outside = (await runTracePlan(buildTracePlan(history, [{ path: 'db/003_outside.sql', text: OUTSIDE }])))
    .statements;
  alembic = await runTracePlan(
    buildTracePlan(history, [{ path: 'alembic/versions/b2_change.py', text: ALEMBIC }]),
  );
}, 120_000);

const at = (line: number, list = sql) => list.find((s) => s.line === line) as TracedStatement;
const modes = (s: TracedStatement, relation: string) =>
  s.locks.filter((l) => l.relation === relation).map((l) => l.mode);

describe('slipway trace on PGlite', () => {
  it('reads the lock a foreign key takes on both tables: SHARE ROW EXCLUSIVE', () => {
    expect(at(2).status).toBe('ok');
    expect(modes(at(2), 'orders')).toContain('ShareRowExclusiveLock');
    expect(modes(at(2), 'users')).toContain('ShareRowExclusiveLock');
  });

  it('shows NOT VALID taking ACCESS EXCLUSIVE briefly, and VALIDATE only SHARE UPDATE EXCLUSIVE', () => {
    expect(modes(at(3), 'orders')[0]).toBe('AccessExclusiveLock');
    expect(modes(at(4), 'orders')[0]).toBe('ShareUpdateExclusiveLock');
  });

  it('sees the rewrite of a volatile default, and none for a constant one', () => {
    expect(at(5).rewrites).toEqual(['users']);
    expect(modes(at(5), 'users')[0]).toBe('AccessExclusiveLock');
    expect(at(6).rewrites).toEqual([]);
    expect(at(9).rewrites).toEqual(['orders']);
  });

  it('reads CREATE INDEX as SHARE, and runs CONCURRENTLY outside a transaction', () => {
    expect(modes(at(7), 'orders')[0]).toBe('ShareLock');
    expect(at(8).status).toBe('outside-transaction');
    expect(at(8).locks).toEqual([]);
  });

  it("reports a statement PostgreSQL rejects with PostgreSQL's error and goes on with the next", () => {
    expect(at(10)).toMatchObject({
      status: 'error',
      error: expect.stringContaining('"nowhere" does not exist'),
    });
    expect(at(11).status).toBe('ok');
    expect(modes(at(11), 'users')[0]).toBe('AccessExclusiveLock');
  });

  it('reports an earlier migration that fails at its own line, and builds the rest of the schema', () => {
    expect(broken.setupErrors).toEqual([
      { file: 'db/001.sql', line: 2, error: expect.stringContaining('"gone" does not exist') },
      { file: 'db/001.sql', line: 4, error: expect.stringContaining('"missing" does not exist') },
    ]);
    expect(broken.statements.map((x) => x.status)).toEqual(['ok']);
  });

  it('traces rendered Alembic calls at their lines and lists what it cannot run', () => {
    const s = alembic.statements;
    expect(s.map((x) => x.line)).toEqual([9, 10, 11]);
    expect(s.map((x) => x.status)).toEqual(['ok', 'ok', 'ok']);
    expect(modes(at(9, s), 'orders')).toContain('ShareRowExclusiveLock');
    expect(modes(at(11, s), 'users')[0]).toBe('AccessExclusiveLock');
    expect(alembic.notTraced).toEqual([
      {
        file: 'alembic/versions/b2_change.py',
        line: 12,
        reason: 'Python if statement Slipway does not run',
        cause: 'Python Slipway does not run (assignments, loops, calls into other code)',
      },
    ]);
  });

  it('gives statements that cannot run in a transaction the lock PostgreSQL documents, marked as not observed', () => {
    const documented = (s: TracedStatement) => s.documentedLocks?.map((l) => `${l.mode} ${l.relation}`);
    expect(outside.map((s) => s.status)).toEqual([
      'outside-transaction',
      'outside-transaction',
      'outside-transaction',
      'outside-transaction',
      'error',
      'ok',
    ]);
    // Nothing observed is claimed: their own locks end before pg_locks can be read.
    for (const s of outside.slice(0, 5)) expect(s.locks).toEqual([]);
    // Near miss: ANALYZE runs in a transaction, so its lock is observed, and nothing is documented.
    expect(at(6, outside).locks[0]).toEqual({ mode: 'ShareUpdateExclusiveLock', relation: 'orders' });
    expect(at(6, outside).documentedLocks).toBeUndefined();
    expect(documented(at(1, outside))).toEqual(['ShareUpdateExclusiveLock orders']);
    expect(documented(at(2, outside))).toEqual(['ShareUpdateExclusiveLock ix_orders_total']);
    expect(documented(at(3, outside))).toEqual(['AccessExclusiveLock orders']);
    expect(documented(at(4, outside))).toEqual(['ShareUpdateExclusiveLock every table of the database']);
    // VACUUM FULL rewrites the table: that much is observed, from relfilenode, as for any statement.
    expect(at(3, outside).rewrites).toEqual(['orders']);
    expect(at(5, outside).error).toContain('"nowhere" does not exist');
    expect(at(8).documentedLocks?.[0]?.mode).toBe('ShareUpdateExclusiveLock');
    const text = renderTraceText({
      ranAt: '2026-01-01T00:00:00.000Z',
      statements: outside,
      findings: [],
      notTraced: [],
      setupErrors: [],
    });
    expect(text).toContain(
      'locks: not observed (ran outside a transaction block); PostgreSQL documents AccessExclusiveLock on orders (documented, not observed)',
    );
  });
});
