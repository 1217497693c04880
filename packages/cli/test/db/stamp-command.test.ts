import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgServer, startPostgres } from '../helpers/postgres.js';
import { runCli } from '../helpers/run-cli.js';
import { alembicRepo, migration } from './alembic-repo.js';

let server: PgServer;
const repos: string[] = [];
const PW = 'stamp-pw-42';
const url = (db: string) => server.url(db, 'app', PW);

const POLICY = `version: 1
migrations:
  alembic: alembic/versions
  baseline: base0001
  databases:
    dev: { url_env: DATABASE_URL }
    prod: { url_env: DATABASE_URL_PROD }
`;
const BASE = { 'alembic/versions/base0001_baseline.py': migration('base0001', null, [], 'baseline') };
const CLEAN = {
  ...BASE,
  'alembic/versions/a1_add_orders.py': migration('a1', 'base0001', [
    "op.create_table('orders', sa.Column('id', sa.Integer(), primary_key=True))",
  ]),
};
const DESTRUCTIVE = {
  ...CLEAN,
  'alembic/versions/a2_drop_legacy.py': migration('a2', 'a1', [
    "op.drop_table('legacy')",
    'op.execute("TRUNCATE audit_log")',
  ]),
};

const repo = (files: Record<string, string>, policy = POLICY) => {
  const r = alembicRepo(policy, files);
  repos.push(r);
  return r;
};

beforeAll(async () => {
  server = await startPostgres({ auth: 'scram-sha-256' });
  await server.sql(`create role app login password '${PW}'`);
  for (const db of ['st_prod', 'st_destr', 'st_other', 'st_dry', 'st_dev']) {
    await server.sql(`create database ${db} owner app`);
    await server.sql('create table users (id int); alter table users owner to app', db);
  }
  await server.sql(
    "create table alembic_version (version_num varchar(32) primary key); insert into alembic_version values ('cafe0042'); alter table alembic_version owner to app",
    'st_other',
  );
  await server.sql(
    "create table alembic_version (version_num varchar(32) primary key); insert into alembic_version values ('a1'); alter table alembic_version owner to app; create table orders (id int)",
    'st_dev',
  );
});

afterAll(async () => {
  await server?.stop();
  for (const r of repos) rmSync(r, { recursive: true, force: true });
});

const versions = async (db: string) =>
  (await server.sql('select version_num from alembic_version', db)).map((r) => r.version_num);

describe('slipway db stamp-baseline', () => {
  it('stamps prod once, is a no-op after, and the audit then sees prod behind head', async () => {
    const r = repo(CLEAN);
    const env = { DATABASE_URL: url('st_dev'), DATABASE_URL_PROD: url('st_prod') };
    const first = await runCli(['db', 'stamp-baseline'], r, env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe('prod: created alembic_version and stamped at baseline base0001\n');
    expect(await versions('st_prod')).toEqual(['base0001']);
    const again = await runCli(['db', 'stamp-baseline'], r, env);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('prod is already stamped at baseline base0001; nothing to do\n');

    const audit = await runCli(['db', 'audit', '--no-write'], r, env);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain('MISMATCH dev: st_dev as app, at a1, 2 tables in public');
    expect(audit.stdout).toContain(
      'MISMATCH prod: st_prod as app, at base0001, 1 pending, 1 table in public',
    );
    expect(audit.stdout).toContain('warning DB004 Database prod is 1 revision behind head (a1): pending a1');
    expect(audit.stdout).toContain('    alembic/versions/a1_add_orders.py:11:12: pending revision a1');
    expect(audit.stdout).toContain('warning DB003 Database prod is at base0001 but dev is at a1');
    expect(audit.stdout).toContain(
      'warning DB005 Schema public of prod differs from dev by 1 table (only in dev: orders)',
    );
  });

  it('refuses when the path from baseline to head is destructive, listing each operation, touching nothing', async () => {
    const r = repo(DESTRUCTIVE);
    const res = await runCli(['db', 'stamp-baseline'], r, { DATABASE_URL_PROD: url('st_destr') });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      [
        'slipway db: refusing to stamp: upgrading from baseline base0001 to head would run 2 destructive operations:',
        "  alembic/versions/a2_drop_legacy.py:18: MIG001 op.drop_table('legacy') (revision a2)",
        '  alembic/versions/a2_drop_legacy.py:19: MIG005 TRUNCATE audit_log (revision a2)',
        '',
      ].join('\n'),
    );
    const tables = await server.sql("select 1 from pg_class where relname = 'alembic_version'", 'st_destr');
    expect(tables).toEqual([]);
  });

  it('refuses a database at another revision: do not force-stamp', async () => {
    const r = repo(CLEAN);
    const res = await runCli(['db', 'stamp-baseline', '--db', 'prod'], r, {
      DATABASE_URL_PROD: url('st_other'),
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      'slipway db: prod: prod is already at revision cafe0042, not the baseline base0001: do not force-stamp; compare `alembic history` with the database and find why they diverged\n',
    );
    expect(await versions('st_other')).toEqual(['cafe0042']);
  });

  it('reports an unknown revision in the audit (DB002) with the real graph', async () => {
    const r = repo(CLEAN);
    const res = await runCli(['db', 'audit', '--no-write', '--db', 'prod'], r, {
      DATABASE_URL_PROD: url('st_other'),
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      'error DB002 Database prod is at revision cafe0042, which no migration in the repository defines',
    );
  });

  it('dry run: says what it would do and changes nothing', async () => {
    const r = repo(CLEAN);
    const res = await runCli(['db', 'stamp-baseline', '--dry-run'], r, { DATABASE_URL_PROD: url('st_dry') });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(
      'prod: created alembic_version and stamped at baseline base0001 (dry run: rolled back, nothing changed)\n',
    );
    expect(await server.sql("select 1 from pg_class where relname = 'alembic_version'", 'st_dry')).toEqual(
      [],
    );
  });

  it('exits 2 for a baseline the repository does not have, or no baseline at all', async () => {
    const r = repo(CLEAN);
    const bad = await runCli(['db', 'stamp-baseline', '--revision', 'nope'], r, {
      DATABASE_URL_PROD: url('st_dry'),
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "slipway db: --revision: baseline nope is not a revision in the repository's migrations\n",
    );
    const none = repo(CLEAN, POLICY.replace('  baseline: base0001\n', ''));
    const res = await runCli(['db', 'stamp-baseline'], none, { DATABASE_URL_PROD: url('st_dry') });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      'slipway db: no baseline revision: set migrations.baseline in slipway.yaml or pass --revision\n',
    );
  });
});
