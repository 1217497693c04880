import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgServer, startPostgres } from '../helpers/postgres.js';
import { alembicRepo, migration } from './alembic-repo.js';

// The built CLI as users run it: exit codes, stdout, stderr (Node warnings included) and files.
const CLI = fileURLToPath(new URL('../../dist/slipway.mjs', import.meta.url));
const SECRET = 'SekretQ9';

let server: PgServer;
let closedPort: number;
const repos: string[] = [];
const url = (db: string) => server.url(db, 'app', SECRET);

const POLICY = `version: 1
migrations:
  alembic: alembic/versions
  baseline: base0001
  databases:
    dev: { url_env: DATABASE_URL }
    prod: { url_env: DATABASE_URL_PROD }
`;
const FILES = {
  'alembic/versions/base0001_baseline.py': migration('base0001', null, [], 'baseline'),
  'alembic/versions/a1_add_orders.py': migration('a1', 'base0001', [
    "op.create_table('orders', sa.Column('id', sa.Integer(), primary_key=True))",
  ]),
  // A destructive operation: `check` (and so `guard`) reports it, and stamping would refuse it.
  'alembic/versions/a2_drop_legacy.py': migration('a2', 'a1', ["op.drop_table('legacy')"]),
};

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const newRepo = () => {
  const r = alembicRepo(POLICY, FILES);
  repos.push(r);
  return r;
};

/** Every summary file the audit left, concatenated. */
function summaries(repo: string): string {
  const dir = join(repo, 'ops/db_audit');
  if (!existsSync(dir)) return '';
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

beforeAll(async () => {
  server = await startPostgres({ auth: 'scram-sha-256' });
  await server.sql(`create role app login password '${SECRET}'`);
  const setup = async (db: string, sql: string) => {
    await server.sql(`create database ${db} owner app`);
    for (const stmt of sql.split(';').filter((s) => s.trim())) await server.sql(stmt, db);
  };
  const versionTable = (schema: string, ...revs: string[]) =>
    `create table ${schema}.alembic_version (version_num varchar(32) primary key); ` +
    revs.map((r) => `insert into ${schema}.alembic_version values ('${r}')`).join('; ');
  await setup('rv_overlap', versionTable('public', 'base0001', 'a2'));
  await setup('rv_app', `create schema app authorization app; ${versionTable('app', 'a2')}`);
  await server.sql('alter database rv_app set search_path = app');
  await setup('rv_split', `create schema app authorization app; ${versionTable('public', 'base0001')}`);
  await server.sql('alter database rv_split set search_path = app, public');
  await setup('rv_head', versionTable('public', 'a2'));
  await setup('rv_base', versionTable('public', 'base0001'));
  await setup('rv_untracked', 'create table users (id int)');
  for (const db of ['rv_overlap', 'rv_app', 'rv_split', 'rv_head', 'rv_base', 'rv_untracked']) {
    await server.sql('grant all on all tables in schema public to app', db);
    await server.sql('grant all on schema public to app', db);
  }
  await server.sql('grant all on all tables in schema app to app', 'rv_app');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  await server?.stop();
  for (const r of repos) rmSync(r, { recursive: true, force: true });
});

describe('credentials in malformed URLs are never echoed', () => {
  const shapes = () => [
    `postgresql:/app:${SECRET}@127.0.0.1:${server.port}/dev`,
    `postgresql:app:${SECRET}@127.0.0.1:${server.port}/dev`,
    `postgresql://app:${SECRET}@127.0.0.1:notaport/dev`,
    `postgres//app:${SECRET}@127.0.0.1/dev`,
    `mysql://app:${SECRET}@h/db`,
    `host=127.0.0.1 user=app password=${SECRET} dbname=dev`,
    `app:${SECRET}@127.0.0.1:5432/dev`,
  ];
  /**
   * A database a shape (s0, s1, ... each read from $SHAPE_0, $SHAPE_1, ...): one run of a command
   * reads every shape, where a run a shape cost a process's start each (14 in all).
   */
  const shapesRepo = (count: number) => {
    const databases = Array.from({ length: count }, (_, i) => `    s${i}: { url_env: SHAPE_${i} }\n`);
    const policy = `version: 1\nmigrations:\n  alembic: alembic/versions\n  baseline: base0001\n  databases:\n${databases.join('')}`;
    const r = alembicRepo(policy, FILES);
    repos.push(r);
    return r;
  };
  const shapesEnv = (values: string[]) => Object.fromEntries(values.map((v, i) => [`SHAPE_${i}`, v]));

  it('db audit: not in stdout, stderr or the summaries', () => {
    const values = shapes();
    const repo = shapesRepo(values.length);
    const r = cli(['db', 'audit'], repo, shapesEnv(values));
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(values.length);
    values.forEach((value, i) => {
      expect(r.stdout, value).toMatch(
        new RegExp(`^ERROR {4}s${i}: (\\$SHAPE_${i} is not a|the audit reads PostgreSQL only)`, 'm'),
      );
      const written = readFileSync(join(repo, `ops/db_audit/s${i}-summary.json`), 'utf8');
      expect(written, value).toContain('"status": "ERROR"');
    });
    expect(r.stdout + r.stderr + summaries(repo)).not.toContain(SECRET);
  });

  it('guard: not in stdout, stderr, the summaries or any report, in every format', () => {
    // One run writes every format: text on stdout, the others through --report.
    const others = ['json', 'sarif', 'github', 'markdown'];
    const values = shapes();
    const repo = shapesRepo(values.length);
    const r = cli(
      ['guard', '--tree', ...others.flatMap((f) => ['--report', `${f}:report.${f}`])],
      repo,
      shapesEnv(values),
    );
    expect(r.code).toBe(1);
    // Every shape was read: guard names each database whose audit failed.
    for (const [i, value] of values.entries())
      expect(r.stderr, value).toContain(`slipway guard: database audit failed: s${i}: `);
    const reports = others.map((f) => readFileSync(join(repo, `report.${f}`), 'utf8'));
    expect(JSON.parse(reports[0] ?? '').findings.length).toBeGreaterThan(0);
    expect([r.stdout, r.stderr, summaries(repo), ...reports].join('\n')).not.toContain(SECRET);
  });

  it('says which variable holds an invalid URL, without an SQLSTATE label', () => {
    const r = cli(['db', 'audit', '--no-write'], newRepo(), {
      DATABASE_URL: `postgresql://app:${SECRET}@127.0.0.1:notaport/dev`,
    });
    expect(r.stdout).toBe(
      'ERROR    dev: $DATABASE_URL is not a valid URL (postgresql://app:***@127.0.0.1:notaport/dev): check that the port is a number and that special characters in the user name and password are percent-encoded\n',
    );
  });
});

describe('guard with a database it cannot read', () => {
  const dead = () => ({ DATABASE_URL: `postgresql://app:x@127.0.0.1:${closedPort}/dev` });
  const failure = () =>
    `slipway guard: database audit failed: dev: cannot connect to 127.0.0.1:${closedPort}: connection refused (is the server running and listening there?)\n`;

  it('still reports the check findings (JSON), then fails with one line naming the database', () => {
    const r = cli(['guard', '--tree', '--format', 'json'], newRepo(), dead());
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.findings.some((f: { rule: string }) => f.rule.startsWith('MIG'))).toBe(true);
    expect(r.stderr).toBe(failure());
  });

  it('writes the SARIF file and the text report', () => {
    const repo = newRepo();
    const s = cli(['guard', '--tree', '--format', 'sarif', '--output', 'f.sarif'], repo, dead());
    expect(s.code).toBe(1);
    expect(JSON.parse(readFileSync(join(repo, 'f.sarif'), 'utf8')).runs[0].results.length).toBeGreaterThan(0);
    expect(s.stderr).toBe(failure());
    const t = cli(['guard', '--tree'], repo, dead());
    expect(t.code).toBe(1);
    expect(t.stdout).toMatch(/MIG\d{3}/);
    expect(t.stderr.trimEnd().split('\n').at(-1)).toBe(failure().trimEnd());
  });

  it('fails (exit 1) on an unreadable database even when nothing else is wrong', () => {
    const r = cli(['guard', '--tree', '--rule', 'DB'], newRepo(), dead());
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(failure().trimEnd());
  });
});

describe('guard with databases configured but no URL set', () => {
  it('says in one line that no database was audited', () => {
    const r = cli(['guard', '--tree', '--rule', 'DB'], newRepo(), {});
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'guard: no database audited: none of their URL variables is set ($DATABASE_URL, $DATABASE_URL_PROD)\n',
    );
  });
});

describe('overlapping alembic_version rows', () => {
  it('are a DB002 error in the audit, and the stamp refuses them', () => {
    const repo = newRepo();
    const a = cli(['db', 'audit', '--db', 'prod', '--no-write'], repo, {
      DATABASE_URL_PROD: url('rv_overlap'),
    });
    expect(a.code).toBe(1);
    expect(a.stdout).toMatch(/^MISMATCH prod: rv_overlap as app, at a2\+base0001/);
    expect(a.stdout).toContain(
      'error DB002 Database prod records both base0001 and its descendant a2 in alembic_version; Alembic refuses overlapping revisions',
    );
    const s = cli(['db', 'stamp-baseline', '--db', 'prod'], repo, { DATABASE_URL_PROD: url('rv_overlap') });
    expect(s.code).toBe(1);
    expect(s.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(s.stderr).toContain('prod records both base0001 and its descendant a2 in alembic_version');
  });
});

describe('the version table lives in current_schema()', () => {
  it('audits app.alembic_version when the search_path is app, and the stamp is a no-op there', () => {
    const repo = newRepo();
    const a = cli(['db', 'audit', '--db', 'prod'], repo, { DATABASE_URL_PROD: url('rv_app') });
    expect(a.stdout).toMatch(/^OK {7}prod: rv_app as app, at a2, 0 tables in app\n/);
    expect(a.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(repo, 'ops/db_audit/prod-summary.json'), 'utf8'));
    expect(summary).toMatchObject({ schema: 'app', searchPath: 'app', alembicVersion: ['a2'] });
    const s = cli(['db', 'stamp-baseline', '--db', 'prod', '--dry-run'], repo, {
      DATABASE_URL_PROD: url('rv_app'),
    });
    expect(s).toMatchObject({ code: 0, stderr: '' });
    expect(s.stdout).toBe('prod is tracked at a2, past baseline base0001; nothing to do\n');
  });

  it('refuses to create a second version table when another schema on the path has one', () => {
    const repo = newRepo();
    const s = cli(['db', 'stamp-baseline', '--db', 'prod', '--dry-run'], repo, {
      DATABASE_URL_PROD: url('rv_split'),
    });
    expect(s.code).toBe(1);
    expect(s.stderr).toBe(
      'slipway db: prod: prod already has public.alembic_version on its search_path; stamping would create a second one in app: set the search_path (or version_table_schema) to the schema that holds it, then re-run the audit\n',
    );
  });
});

describe('smaller fixes', () => {
  it('keeps stderr to one line with sslmode=require (no pg SECURITY WARNING)', () => {
    const r = cli(['db', 'audit', '--db', 'dev', '--no-write', '--format', 'json'], newRepo(), {
      DATABASE_URL: `${url('rv_head')}?sslmode=require`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('SECURITY WARNING');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('stamp is a no-op at or past the baseline even when the path to head is destructive', () => {
    const repo = newRepo();
    const past = cli(['db', 'stamp-baseline'], repo, { DATABASE_URL_PROD: url('rv_head') });
    expect(past).toMatchObject({
      code: 0,
      stdout: 'prod is tracked at a2, past baseline base0001; nothing to do\n',
    });
    const at = cli(['db', 'stamp-baseline'], repo, { DATABASE_URL_PROD: url('rv_base') });
    expect(at).toMatchObject({
      code: 0,
      stdout: 'prod is already stamped at baseline base0001; nothing to do\n',
    });
    const untracked = cli(['db', 'stamp-baseline', '--dry-run'], repo, {
      DATABASE_URL_PROD: url('rv_untracked'),
    });
    expect(untracked.code).toBe(1);
    expect(untracked.stderr).toMatch(
      /refusing to stamp: upgrading from baseline base0001 to head would run 1/,
    );
  });
});
