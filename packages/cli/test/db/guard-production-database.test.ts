import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alembicRepo } from './alembic-repo.js';
import { type PgServer, startPostgres } from '../helpers/postgres.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * Before the first promote there is no deploy record, but production's database knows what ran:
 * `slipway guard --tree` reads its alembic_version (real PostgreSQL) and judges only the
 * migrations after it, saying why.
 */
const dropColumn = (rev: string, down: string | null, column: string) => `"""drop ${column}"""
from alembic import op
import sqlalchemy as sa

revision = "${rev}"
down_revision = ${down === null ? 'None' : `"${down}"`}


def upgrade():
    op.drop_column("users", "${column}")


def downgrade():
    op.add_column("users", sa.Column("${column}", sa.Text(), nullable=True))
`;

const POLICY = `version: 1
migrations:
  alembic: alembic/versions
  databases:
    prod: { url_env: DATABASE_URL_PROD }
`;

let server: PgServer;
let repo: string;

beforeAll(async () => {
  server = await startPostgres();
  await server.sql('create database prod_at_0002');
  await server.sql('create table alembic_version (version_num varchar(32) primary key)', 'prod_at_0002');
  await server.sql("insert into alembic_version values ('0002')", 'prod_at_0002');
  await server.sql('create database prod_elsewhere');
  await server.sql('create table alembic_version (version_num varchar(32) primary key)', 'prod_elsewhere');
  await server.sql("insert into alembic_version values ('9999')", 'prod_elsewhere');
  repo = alembicRepo(POLICY, {
    'alembic/versions/0001_nickname.py': dropColumn('0001', null, 'nickname'),
    'alembic/versions/0002_bio.py': dropColumn('0002', '0001', 'bio'),
    'alembic/versions/0003_avatar.py': dropColumn('0003', '0002', 'avatar'),
  });
  execFileSync('git', ['-c', 'user.email=t@x', '-c', 'user.name=t', 'commit', '-qm', 'history'], {
    cwd: repo,
  });
}, 120_000);
afterAll(() => server?.stop());

const guardTree = (env: Record<string, string>) => runCli(['guard', '--tree', '--rule', 'MIG002'], repo, env);
const flagged = (stdout: string) =>
  [...stdout.matchAll(/(alembic\/versions\/\S+\.py):\d+:\d+: error MIG002/g)].map((m) => m[1]);

describe("guard --tree reads production's alembic_version", () => {
  it('judges only the migrations after the version production is at, and says why', async () => {
    const r = await guardTree({ DATABASE_URL_PROD: server.url('prod_at_0002') });
    expect(flagged(r.stdout)).toEqual(['alembic/versions/0003_avatar.py']);
    expect(r.stdout).toContain(
      "judged: the tree; 2 applied migrations not judged (at or below database prod's alembic_version (0002))",
    );
  });

  it('a SQLAlchemy URL: postgresql+psycopg:// is read as PostgreSQL; mysql+pymysql:// is called MySQL, nothing read', async () => {
    const psycopg = server.url('prod_at_0002').replace(/^postgresql:/, 'postgresql+psycopg:');
    const r = await guardTree({ DATABASE_URL_PROD: psycopg });
    expect(flagged(r.stdout)).toEqual(['alembic/versions/0003_avatar.py']);
    const mysql = await guardTree({ DATABASE_URL_PROD: 'mysql+pymysql://app:hush@127.0.0.1:1/app' });
    expect(flagged(mysql.stdout)).toHaveLength(3);
    expect(mysql.stdout + mysql.stderr).toContain(
      'database prod not read for the migrations it ran (prod: the audit reads PostgreSQL only; this database is MySQL (from $DATABASE_URL_PROD: mysql+pymysql://app:***@127.0.0.1:1/app))',
    );
    expect(mysql.stdout + mysql.stderr).not.toContain('hush');
  });

  it('near miss: without the URL nothing is read, and every migration is judged', async () => {
    const r = await guardTree({});
    expect(flagged(r.stdout)).toEqual([
      'alembic/versions/0001_nickname.py',
      'alembic/versions/0002_bio.py',
      'alembic/versions/0003_avatar.py',
    ]);
  });

  it('bad input: a version that is no revision here, or a database that cannot be reached, decides nothing and is said', async () => {
    const elsewhere = await guardTree({ DATABASE_URL_PROD: server.url('prod_elsewhere') });
    expect(flagged(elsewhere.stdout)).toHaveLength(3);
    expect(elsewhere.stdout).toContain(
      'database prod is at 9999, which is no revision in this checkout: nothing is treated as applied for it',
    );
    const down = await guardTree({ DATABASE_URL_PROD: 'postgresql://app@127.0.0.1:1/none' });
    expect(flagged(down.stdout)).toHaveLength(3);
    expect(down.stdout + down.stderr).toContain('database prod not read for the migrations it ran (');
    expect(down.code).not.toBe(0);
  });
});
