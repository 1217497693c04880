import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { repoFactory } from './e2e-helpers.js';

/**
 * `slipway check --fix` on migrations, end to end: a real repository on a branch, the fix
 * written to the working tree, the rest reported, and `slipway trace` (PGlite) on the fixed file
 * showing what the fix changed in the locks PostgreSQL takes.
 */
const repo = repoFactory();

describe('slipway check --fix on migrations', () => {
  it("sets lock_timeout before a SQL migration's first lock (MIG037), and trace shows it set before the lock", () => {
    const r = repo({
      'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/migrations/*.sql"]\n',
      'db/migrations/001_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
    });
    r.commit('users');
    r.git('checkout', '-q', '-b', 'feature');
    // 003 is the near miss: a statement that starts mid-line has no certain place for the SET.
    r.write({
      'db/migrations/002_bio.sql': '-- add bio\nALTER TABLE users ADD COLUMN bio text;\n',
      'db/migrations/003_age.sql': 'SELECT 1; ALTER TABLE users ADD COLUMN age int;\n',
    });
    r.commit('bio and age');
    const fixed = slipway(['check', '--base', 'main', '--fix', '--format', 'json'], { cwd: r.dir });
    expect(fixed.stderr).toBe('fixed 1 finding in db/migrations/002_bio.sql\n');
    expect(
      JSON.parse(fixed.stdout).findings.map((f: { rule: string; file: string }) => `${f.rule} ${f.file}`),
    ).toEqual(['MIG037 db/migrations/003_age.sql']);
    expect(readFileSync(join(r.dir, 'db/migrations/002_bio.sql'), 'utf8')).toBe(
      "-- add bio\nSET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN bio text;\n",
    );
    // On PostgreSQL (PGlite): the SET runs, then the ALTER takes its ACCESS EXCLUSIVE lock.
    const trace = JSON.parse(slipway(['trace', '--base', 'main', '--format', 'json'], { cwd: r.dir }).stdout);
    const bio = trace.statements.filter((s: { file: string }) => s.file === 'db/migrations/002_bio.sql');
    expect(
      bio.map((s: { line: number; sql: string; status: string }) => `${s.line} ${s.status} ${s.sql}`),
    ).toEqual(["2 ok SET lock_timeout = '5s'", '3 ok ALTER TABLE users ADD COLUMN bio text']);
    expect(bio[0].locks).toEqual([]);
    expect(bio[1].locks).toContainEqual({ mode: 'AccessExclusiveLock', relation: 'users' });
    expect(trace.findings.map((f: { rule: string; file: string }) => `${f.rule} ${f.file}`)).toEqual([
      'MIG037 db/migrations/003_age.sql',
    ]);
  });

  it('builds a goose index CONCURRENTLY outside its transaction (MIG020), and trace shows no SHARE lock', () => {
    const r = repo({
      'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/migrations/*.sql"]\n  sql_runner: goose\n',
      'db/migrations/001_users.sql': '-- +goose Up\nCREATE TABLE users (id bigint, email text);\n',
    });
    r.commit('users');
    r.git('checkout', '-q', '-b', 'feature');
    r.write({
      'db/migrations/002_ix.sql':
        '-- +goose Up\nCREATE UNIQUE INDEX ix_users_email ON users (email);\n\n-- +goose Down\nDROP INDEX ix_users_email;\n',
    });
    r.commit('index');
    const fixed = slipway(['check', '--base', 'main', '--fix', '--format', 'json'], { cwd: r.dir });
    // One finding fixed (its fix edits two places); MIG037 on the same build is answered by it.
    expect(fixed.stderr).toBe('fixed 1 finding in db/migrations/002_ix.sql\n');
    expect(JSON.parse(fixed.stdout).findings).toEqual([]);
    expect(readFileSync(join(r.dir, 'db/migrations/002_ix.sql'), 'utf8')).toBe(
      '-- +goose NO TRANSACTION\n-- +goose Up\nCREATE UNIQUE INDEX CONCURRENTLY ix_users_email ON users (email);\n\n-- +goose Down\nDROP INDEX ix_users_email;\n',
    );
    // On PostgreSQL: the build runs outside a transaction, taking SHARE UPDATE EXCLUSIVE (documented).
    const trace = JSON.parse(slipway(['trace', '--base', 'main', '--format', 'json'], { cwd: r.dir }).stdout);
    expect(trace.statements).toHaveLength(1);
    expect(trace.statements[0]).toMatchObject({ status: 'outside-transaction', locks: [] });
    expect(trace.statements[0].documentedLocks.map((l: { mode: string }) => l.mode)).toEqual([
      'ShareUpdateExclusiveLock',
    ]);
    expect(trace.findings).toEqual([]);
  });

  it('moves an Alembic index into autocommit_block() with postgresql_concurrently (MIG020); trace runs it outside the transaction', () => {
    const r = repo({
      'slipway.yaml': 'version: 1\nmigrations:\n  alembic: alembic/versions\n',
      'alembic/versions/a1_users.py':
        'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.BigInteger()), sa.Column("email", sa.Text()))\n\n\ndef downgrade():\n    op.drop_table("users")\n',
    });
    r.commit('users');
    r.git('checkout', '-q', '-b', 'feature');
    const head = 'from alembic import op\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n';
    const tail = '\n\n\ndef downgrade():\n    op.drop_index("ix_users_email", table_name="users")\n';
    r.write({
      'alembic/versions/b2_ix.py': `${head}    op.create_index("ix_users_email", "users", ["email"])${tail}`,
    });
    r.commit('index');
    const fixed = slipway(['check', '--base', 'main', '--fix', '--format', 'json'], { cwd: r.dir });
    // Two findings on the call (MIG020, MIG037), each with its certain fix: both land.
    expect(fixed.stderr).toBe('fixed 2 findings in alembic/versions/b2_ix.py\n');
    expect(JSON.parse(fixed.stdout).findings).toEqual([]);
    expect(readFileSync(join(r.dir, 'alembic/versions/b2_ix.py'), 'utf8')).toBe(
      `${head}    op.execute("SET lock_timeout = '5s'")\n    with op.get_context().autocommit_block():\n        op.create_index("ix_users_email", "users", ["email"], postgresql_concurrently=True)${tail}`,
    );
    const trace = JSON.parse(slipway(['trace', '--base', 'main', '--format', 'json'], { cwd: r.dir }).stdout);
    const build = trace.statements.find((s: { sql: string }) => s.sql.startsWith('CREATE INDEX'));
    expect(build).toMatchObject({
      sql: 'CREATE INDEX CONCURRENTLY "ix_users_email" ON "users" ("email")',
      status: 'outside-transaction',
      locks: [],
    });
    expect(build.documentedLocks.map((l: { mode: string }) => l.mode)).toEqual(['ShareUpdateExclusiveLock']);
    expect(trace.findings).toEqual([]);
  });
});
