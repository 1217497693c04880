import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migration } from '../db/alembic-repo.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * `slipway trace` end to end: a real git repository, a change that adds an Alembic revision and a
 * .sql migration, the trace of that change on PGlite, in text, JSON and SARIF.
 */
const POLICY = 'version: 1\nmigrations:\n  alembic: alembic/versions\n  sql: ["db/*.sql"]\n';
let root: string;

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: root });
}

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'slipway-trace-'));
  git('init', '-q', '-b', 'main');
  write({
    'slipway.yaml': POLICY,
    'alembic/versions/a1_base.py': migration('a1', null, [
      // As autogenerate writes them: the keys and checks as table constraints.
      'op.create_table("users", sa.Column("id", sa.BigInteger(), nullable=False), sa.Column("email", sa.String(200)),',
      '    sa.PrimaryKeyConstraint("id", name=op.f("pk_users")), sa.UniqueConstraint("email"),',
      '    sa.CheckConstraint("email <> \'\'", name="ck_users_email"))',
      'op.create_table("orders", sa.Column("id", sa.BigInteger(), nullable=False), sa.Column("user_id", sa.BigInteger()),',
      '    sa.Column("buyer_id", sa.BigInteger()), sa.PrimaryKeyConstraint("id"),',
      '    sa.ForeignKeyConstraint(["buyer_id"], ["users.id"], ondelete="SET NULL"))',
      'op.create_index("ix_users_lower", "users", [sa.literal_column("lower(email)"), sa.text("id DESC")],',
      '    postgresql_where=sa.text("email IS NOT NULL"))',
    ]),
    'db/001_base.sql': 'CREATE TABLE events (id bigint, at timestamptz);\n',
  });
  git('add', '-A');
  git('commit', '-qm', 'base');
  git('checkout', '-qb', 'feature');
  write({
    'alembic/versions/b2_fk.py': migration('b2', 'a1', [
      'op.create_foreign_key("fk_orders_user", "orders", "users", ["user_id"], ["id"])',
      'op.add_column("users", sa.Column("public_id", sa.Uuid(), server_default=sa.text("gen_random_uuid()")))',
      'for name in ["a", "b"]:',
      '    op.add_column("users", sa.Column(name, sa.Text()))',
      'op.drop_index("ix_users_lower", table_name="users")',
    ]),
    'db/002_events.sql':
      'ALTER TABLE events ADD COLUMN kind text;\nALTER TABLE missing ADD COLUMN x int;\nCREATE INDEX ix_events_at ON events (at);\n',
    'db/003_after.sql': 'ALTER TABLE events ADD COLUMN note text;\n',
  });
  git('add', '-A');
  git('commit', '-qm', 'change');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('slipway trace', () => {
  it('traces the change: each statement with its locks and rewrites, findings judged, the rest listed', async () => {
    const { code, stdout, stderr } = await runCli(['trace', '--base', 'main', '--format', 'json'], root);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout);
    const at = (file: string, line: number) =>
      report.statements.find((s: { file: string; line: number }) => s.file === file && s.line === line);
    expect(at('alembic/versions/b2_fk.py', 18).locks).toContainEqual({
      mode: 'ShareRowExclusiveLock',
      relation: 'users',
    });
    expect(at('alembic/versions/b2_fk.py', 19).rewrites).toEqual(['users']);
    // The expression index the base built (so its rendering ran on PostgreSQL) is there to drop.
    expect(at('alembic/versions/b2_fk.py', 22)).toMatchObject({ status: 'ok' });
    expect(at('alembic/versions/b2_fk.py', 22).locks).toContainEqual({
      mode: 'AccessExclusiveLock',
      relation: 'users',
    });
    expect(at('db/002_events.sql', 2)).toMatchObject({
      status: 'error',
      error: expect.stringContaining('"missing"'),
    });
    expect(at('db/002_events.sql', 3).locks[0]).toEqual({ mode: 'ShareLock', relation: 'events' });
    // The next file still runs, on the schema the failure left.
    expect(at('db/003_after.sql', 1)).toMatchObject({
      status: 'ok',
      locks: [{ mode: 'AccessExclusiveLock', relation: 'events' }],
    });
    expect(report.notTraced).toEqual([
      {
        file: 'alembic/versions/b2_fk.py',
        line: 20,
        reason: 'Python for statement Slipway does not run',
        cause: 'Python Slipway does not run (assignments, loops, calls into other code)',
      },
    ]);
    // The summary leads, as in the text: the statement PostgreSQL rejected is a cause of its own.
    expect(report.summary.traced).toMatchObject({ failed: 1, followOns: 0 });
    expect(report.summary.causes).toContainEqual({
      cause: 'needs what no traced step made (an untraced step may have made it)',
      notTraced: 0,
      failed: 1,
      followOns: 0,
      first: { file: 'db/002_events.sql', line: 2 },
      missing: ['missing'],
    });
    const verdict = (rule: string) => report.findings.find((f: { rule: string }) => f.rule === rule)?.verdict;
    expect(verdict('MIG025')).toBe('confirmed');
    expect(verdict('MIG028')).toBe('confirmed');
    expect(verdict('MIG020')).toBe('confirmed');
    // The statement PostgreSQL rejected makes the run fail, after every other statement ran.
    expect(code).toBe(1);
  }, 120_000);

  it('traces the files it is given, in text and SARIF, leaving no file behind', async () => {
    const before = readdirSync(root).sort();
    const text = await runCli(['trace', 'alembic/versions/b2_fk.py'], root);
    expect(text.stdout).toContain(
      'alembic/versions/b2_fk.py:18  ALTER TABLE "orders" ADD CONSTRAINT "fk_orders_user" FOREIGN KEY',
    );
    expect(text.stdout).toMatch(/locks: ShareRowExclusiveLock orders, ShareRowExclusiveLock users/);
    expect(text.stdout).toContain(
      '  1 step not traced: Python Slipway does not run (assignments, loops, calls into other code) (first: alembic/versions/b2_fk.py:20)',
    );
    const verbose = await runCli(['trace', 'alembic/versions/b2_fk.py', '--verbose'], root);
    expect(verbose.stdout).toContain(
      'alembic/versions/b2_fk.py:20: not traced: Python for statement Slipway does not run',
    );
    expect(text.code).toBe(0);
    const sarif = JSON.parse(
      (await runCli(['trace', 'alembic/versions/b2_fk.py', '--format', 'sarif'], root)).stdout,
    );
    const messages = sarif.runs[0].results.map((r: { message: { text: string } }) => r.message.text);
    expect(messages.some((m: string) => m.includes('Trace: confirmed (rewrote users)'))).toBe(true);
    expect(readdirSync(root).sort()).toEqual(before);
  }, 120_000);

  it('reads a file argument from the root of --repo when the working directory has no such file', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'slipway-trace-cwd-'));
    try {
      const { code, stdout, stderr } = await runCli(
        ['trace', '--repo', root, 'alembic/versions/b2_fk.py', '--format', 'json'],
        elsewhere,
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(JSON.parse(stdout).statements[0]).toMatchObject({ file: 'alembic/versions/b2_fk.py', line: 18 });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a file that is not a migration of the policy, in one line', async () => {
    write({ 'notes.sql': 'SELECT 1;\n' });
    const { code, stderr, stdout } = await runCli(['trace', 'notes.sql'], root);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain("notes.sql is not a migration the policy's `migrations` section names");
  });
});
