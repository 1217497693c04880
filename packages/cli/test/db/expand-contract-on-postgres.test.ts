import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  applyEditsDetailed,
  buildTracePlan,
  initMigrationParsers,
  type JsonReport,
  type TextEdit,
} from '@slipway/policy-core';
import { runTracePlan, type TraceDb } from '@slipway/policy-core/node';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { sharedTraceDb } from '../helpers/shared-trace-db.js';

/**
 * The expand/contract fix of MIG011 and MIG024, as `slipway check --format json` offers it,
 * applied and run on a real PostgreSQL (PGlite): while old and new code both run, the trigger
 * keeps the new column filled whichever name they write; the backfill copies every older row, in
 * transactions of its own (their row versions carry several transaction ids), outside any
 * transaction; the contract step, once run, leaves the column as the original statement meant.
 * And the trace: the type change's table rewrite under ACCESS EXCLUSIVE is gone.
 */
const INIT = 'CREATE TABLE users (id integer PRIMARY KEY, mail varchar(255), age int);\n';
const ROWS = 30_000;

/** A fix as `check --format json` writes it. */
type JsonFix = JsonReport['findings'][number]['fixes'][number];

let dir: string;
beforeAll(() => initMigrationParsers());
// One PGlite for the file's traces and seeded tables, emptied after each (helpers/shared-trace-db.ts):
// a cluster started for each was most of the file's CPU.
const openTraceDb = sharedTraceDb();
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A repository with the init migration and `statement` as 002, and the fixed files its fix writes. */
function fixedFiles(statement: string, rule: string): Promise<Record<string, string>> {
  return fixedRepository(
    {
      'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/migrations/**/*.sql"]\n',
      'db/migrations/001_init.sql': INIT,
      'db/migrations/002_m.sql': `SET lock_timeout = '5s';\n${statement}\n`,
    },
    rule,
  );
}

/** The files, committed, and with the fix `slipway check --format json` offers for `rule` applied. */
async function fixedRepository(files: Record<string, string>, rule: string): Promise<Record<string, string>> {
  dir = mkdtempSync(join(tmpdir(), 'slipway-expand-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  execFileSync('git', ['add', '-A'], { cwd: dir });
  execFileSync('git', ['-c', 'user.name=a', '-c', 'user.email=a@b', 'commit', '-qm', 'init'], { cwd: dir });
  const result = await runCli(['check', '--tree', '--format', 'json'], dir);
  const report = JSON.parse(result.stdout) as JsonReport;
  const fix = report.findings.find((f) => f.rule === rule)?.fixes[0] as JsonFix;
  expect(fix.choice).toBe(true);
  const out = { ...files };
  for (const file of new Set(fix.edits.map((e) => e.file))) {
    const edits: TextEdit[] = fix.edits
      .filter((e) => e.file === file)
      .map((e) => ({
        file,
        range: {
          start: { line: e.line - 1, character: e.column - 1 },
          end: { line: e.endLine - 1, character: e.endColumn - 1 },
        },
        newText: e.newText,
      }));
    out[file] = applyEditsDetailed(out[file] ?? '', edits).text;
  }
  return out;
}

/** The contract step, as the backfill migration writes it out in comments. */
const contract = (backfill: string) =>
  backfill
    .split('\n')
    .filter((l) => l.startsWith('--   '))
    .map((l) => l.slice(5))
    .join('\n');

async function seeded(): Promise<TraceDb> {
  const db = await openTraceDb();
  await db.exec(INIT);
  await db.exec(
    `INSERT INTO users SELECT g, 'u' || g || '@example.com', g % 90 FROM generate_series(1, ${ROWS}) g;
     INSERT INTO users (id, mail) VALUES (${ROWS + 1}, NULL);`,
  );
  return db;
}

const one = async (db: TraceDb, query: string) => (await db.query<Record<string, unknown>>(query)).rows[0];

describe('expand/contract on PostgreSQL', () => {
  it('a rename: both names written while the code moves, every row copied in batches, then contracted', async () => {
    const files = await fixedFiles('ALTER TABLE users RENAME COLUMN mail TO email;', 'MIG011');
    const backfill = files['db/migrations/003_backfill_users_email.sql'] as string;
    const db = await seeded();
    try {
      await db.exec(files['db/migrations/002_m.sql'] as string);
      // Old code writes "mail", new code "email": the trigger fills the other.
      await db.exec(`INSERT INTO users (id, mail) VALUES (90001, 'old@x');
        INSERT INTO users (id, email) VALUES (90002, 'new@x');`);
      const names = (id: number) => one(db, `SELECT mail, email FROM users WHERE id = ${id}`);
      expect(await names(90001)).toEqual({ mail: 'old@x', email: 'old@x' });
      expect(await names(90002)).toEqual({ mail: 'new@x', email: 'new@x' });
      await db.exec(
        `UPDATE users SET mail = 'm2' WHERE id = 90001; UPDATE users SET email = 'e3' WHERE id = 90002;`,
      );
      expect(await names(90001)).toEqual({ mail: 'm2', email: 'm2' });
      expect(await names(90002)).toEqual({ mail: 'e3', email: 'e3' });
      const missing = 'SELECT count(*)::int AS n FROM users WHERE email IS DISTINCT FROM mail';
      expect(await one(db, missing)).toEqual({ n: ROWS });

      // The batches the backfill will make: the pages of the rows to copy, a hundred at a time.
      const batches = await one(
        db,
        `SELECT count(DISTINCT (ctid::text::point)[0]::bigint / 100)::int AS n FROM users WHERE id <= ${ROWS}`,
      );
      expect(batches?.n).toBeGreaterThanOrEqual(2);
      const timeoutBefore = await one(db, 'SHOW lock_timeout');
      await db.exec(backfill);
      expect(await one(db, missing)).toEqual({ n: 0 });
      // Each batch its own transaction: the copied rows carry one transaction id per batch.
      expect(
        await one(db, `SELECT count(DISTINCT xmin::text)::int AS n FROM users WHERE id <= ${ROWS}`),
      ).toEqual(batches);
      // lock_timeout is as the backfill found it (the expand migration's SET, in this one session).
      expect(await one(db, 'SHOW lock_timeout')).toEqual(timeoutBefore);
      expect(await one(db, `SELECT email FROM users WHERE id = ${ROWS + 1}`)).toEqual({ email: null });

      await db.exec(contract(backfill));
      expect(await one(db, 'SELECT email FROM users WHERE id = 7')).toEqual({ email: 'u7@example.com' });
      await expect(db.query('SELECT mail FROM users')).rejects.toThrow(/column "mail" does not exist/);
      expect(
        await one(db, "SELECT count(*)::int AS n FROM pg_trigger WHERE tgname LIKE 'users_mail%'"),
      ).toEqual({
        n: 0,
      });
    } finally {
      await db.close();
    }
  }, 120_000);

  it('a type change: no rewrite under ACCESS EXCLUSIVE, the values copied, and the column of the new type', async () => {
    const original = "SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN age TYPE bigint;\n";
    const files = await fixedFiles('ALTER TABLE users ALTER COLUMN age TYPE bigint;', 'MIG024');
    const expand = files['db/migrations/002_m.sql'] as string;
    const history = [{ path: 'db/migrations/001_init.sql', text: INIT }];
    const before = await runTracePlan(
      buildTracePlan(history, [{ path: 'db/migrations/002_m.sql', text: original }]),
      openTraceDb,
    );
    expect(before.statements.flatMap((s) => s.rewrites)).toEqual(['users']);
    const after = await runTracePlan(
      buildTracePlan(history, [{ path: 'db/migrations/002_m.sql', text: expand }]),
      openTraceDb,
    );
    expect(after.statements.map((s) => s.status).every((s) => s === 'ok')).toBe(true);
    expect(after.statements.flatMap((s) => s.rewrites)).toEqual([]);

    const backfill = files['db/migrations/003_backfill_users_age_new.sql'] as string;
    const db = await seeded();
    try {
      await db.exec(expand);
      await db.exec(
        "INSERT INTO users (id, mail, age) VALUES (90001, 'old@x', 5); UPDATE users SET age = 7 WHERE id = 90001;",
      );
      expect(await one(db, 'SELECT age_new FROM users WHERE id = 90001')).toEqual({ age_new: 7 });
      await db.exec(backfill);
      expect(
        await one(db, 'SELECT count(*)::int AS n FROM users WHERE age_new IS DISTINCT FROM age'),
      ).toEqual({ n: 0 });
      await db.exec(contract(backfill));
      expect(
        await one(
          db,
          "SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'age'",
        ),
      ).toEqual({ t: 'bigint' });
      expect(await one(db, 'SELECT mail FROM users WHERE id = 7')).toEqual({ mail: 'u7@example.com' });
    } finally {
      await db.close();
    }
  }, 120_000);

  it('an Alembic type change: the rendered revision rewrites nothing; the backfill revision runs outside a transaction', async () => {
    const a1 = `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("mail", sa.String(255)), sa.Column("age", sa.Integer()))
    op.execute("INSERT INTO users SELECT g, 'u' || g, g % 90 FROM generate_series(1, 12345) g")


def downgrade():
    op.drop_table("users")
`;
    const b2 = `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("SET lock_timeout = '5s'")
    op.alter_column("users", "age", type_=sa.BigInteger(), existing_type=sa.Integer(), existing_nullable=True)


def downgrade():
    op.alter_column("users", "age", type_=sa.Integer(), existing_type=sa.BigInteger(), existing_nullable=True)
`;
    const files = await fixedRepository(
      {
        'slipway.yaml': 'version: 1\nmigrations:\n  alembic: alembic/versions\n',
        'alembic/versions/a1_init.py': a1,
        'alembic/versions/b2_retype.py': b2,
      },
      'MIG024',
    );
    const history = [{ path: 'alembic/versions/a1_init.py', text: a1 }];
    const trace = (path: string, text: string, before = history) =>
      runTracePlan(buildTracePlan(before, [{ path, text }]), openTraceDb);
    expect((await trace('alembic/versions/b2_retype.py', b2)).statements.flatMap((s) => s.rewrites)).toEqual([
      'users',
    ]);
    const expand = files['alembic/versions/b2_retype.py'] as string;
    const after = await trace('alembic/versions/b2_retype.py', expand);
    expect(after.statements.map((s) => s.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(after.statements.flatMap((s) => s.rewrites)).toEqual([]);
    const [path, backfill] = Object.entries(files).find(([p]) => p.includes('_backfill_users_age_new')) as [
      string,
      string,
    ];
    const copied = await trace(path, backfill, [
      ...history,
      { path: 'alembic/versions/b2_retype.py', text: expand },
    ]);
    expect(copied.setupErrors).toEqual([]);
    expect(copied.statements.map((s) => [s.status, s.error])).toEqual([['outside-transaction', undefined]]);
  }, 120_000);
});
