import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphViewFromParents, type PolicyDocument, parsePolicyText } from '@slipway/policy-core';
import { readDbFacts, StampRefused, stampBaselineOn } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbOpenError, openDb } from '../../src/db/open-db.js';
import { runAudit } from '../../src/db/run-audit.js';
import { type PgServer, serverMajor, startPostgres } from '../helpers/postgres.js';

// A real server with password (SCRAM) authentication, so wrong passwords really fail.
let server: PgServer;
const APP_PASSWORD = 'app-p@ss:w0rd/#1';
const appUrl = (db: string, pw = APP_PASSWORD) => server.url(db, 'app', pw);
const graph = graphViewFromParents({ base0001: [], a1: ['base0001'], a2: ['a1'] });
let out: string;

// The policy names the server's own major version (DB007 is postgres-version-audit.test.ts's).
let major: number;
const doc = (): PolicyDocument => {
  const parsed = parsePolicyText(
    `version: 1\nmigrations:\n  baseline: base0001\n  postgres_version: ${major}\n  databases:\n    dev: { url_env: DATABASE_URL }\n    prod: { url_env: DATABASE_URL_PROD }\n`,
  );
  return parsed.document!;
};

beforeAll(async () => {
  server = await startPostgres({ auth: 'scram-sha-256' });
  major = await serverMajor(server);
  await server.sql(`create role app login password '${APP_PASSWORD.replace(/'/g, "''")}'`);
  for (const name of ['app_dev', 'app_prod', 'app_nopublic', 'app_stamp', 'app_other']) {
    await server.sql(`create database ${name} owner app`);
  }
  const setup = async (db: string, sql: string) => {
    const c = await openDb({ name: db, url: appUrl(db), source: 'test' }, { cwd: '/' });
    try {
      for (const stmt of sql.split(';').filter((s) => s.trim())) await c.query(stmt);
    } finally {
      await c.close();
    }
  };
  await setup(
    'app_dev',
    "create table users (id int); create table orders (id int); create table alembic_version (version_num varchar(32) primary key); insert into alembic_version values ('a2')",
  );
  await setup('app_prod', 'create table users (id int); create table legacy (id int)');
  await server.sql('drop schema public', 'app_nopublic');
  await setup('app_stamp', 'create table users (id int)');
  await setup(
    'app_other',
    "create table alembic_version (version_num varchar(32) primary key); insert into alembic_version values ('ffff0000')",
  );
  out = mkdtempSync(join(tmpdir(), 'slipway-audit-'));
});

afterAll(async () => {
  await server?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('database audit against a real PostgreSQL server', () => {
  it("reads facts through pg: database, user, the server's search_path, tables, version", async () => {
    const c = await openDb({ name: 'dev', url: appUrl('app_dev'), source: '$DATABASE_URL' }, { cwd: '/' });
    try {
      const f = await readDbFacts(c, 'dev', c.url);
      expect(f).toMatchObject({
        database: 'app_dev',
        user: 'app',
        searchPath: '"$user", public',
        tables: ['orders', 'users'],
        alembic: { present: true, versions: ['a2'] },
      });
      expect(c.url).toBe(`postgresql://app:***@127.0.0.1:${server.port}/app_dev`);
    } finally {
      await c.close();
    }
  });

  it('audits dev and prod: codes, findings, summaries with JSON twins, no password anywhere', async () => {
    const run = await runAudit({
      policy: doc(),
      graph,
      targets: [
        { name: 'dev', url: appUrl('app_dev'), source: '$DATABASE_URL' },
        { name: 'prod', url: appUrl('app_prod'), source: '$DATABASE_URL_PROD' },
      ],
      cwd: out,
      now: new Date('2026-11-22T09:00:00Z'),
      outDir: join(out, 'ops/db_audit'),
    });
    expect(run.failures).toEqual([]);
    expect(run.report.databases.map((d) => [d.facts.name, d.diagnosis])).toEqual([
      ['dev', 'MISMATCH'], // the tables differ from prod's (DB005 is about both)
      ['prod', 'MISSING'],
    ]);
    expect(run.report.findings.map((f) => f.rule)).toEqual(['DB001', 'DB005']);
    const text = readFileSync(join(out, 'ops/db_audit/prod-summary.txt'), 'utf8');
    expect(text).toContain('diagnosis: MISSING');
    expect(text).toContain('database: app_prod');
    expect(text).toContain('alembic_version: (table missing)');
    expect(text).toContain('only in prod: legacy; only in dev: orders');
    const json = JSON.parse(readFileSync(join(out, 'ops/db_audit/dev-summary.json'), 'utf8'));
    expect(json).toMatchObject({
      name: 'dev',
      status: 'MISMATCH',
      alembicVersion: ['a2'],
      tables: ['orders', 'users'],
    });
    for (const f of run.written) {
      const body = readFileSync(f, 'utf8');
      expect(body).not.toContain('p@ss');
      expect(body).not.toContain(encodeURIComponent(APP_PASSWORD));
    }
    expect(run.written.map((f) => f.slice(out.length + 1)).sort()).toEqual([
      'ops/db_audit/dev-summary.json',
      'ops/db_audit/dev-summary.txt',
      'ops/db_audit/prod-summary.json',
      'ops/db_audit/prod-summary.txt',
    ]);
  });

  it('reads a URL shared by two names once and reports both', async () => {
    const run = await runAudit({
      policy: doc(),
      graph,
      targets: [
        { name: 'dev', url: appUrl('app_dev'), source: '$DATABASE_URL' },
        { name: 'prod', url: appUrl('app_dev'), source: '$DATABASE_URL_PROD' },
      ],
      cwd: out,
      now: new Date(),
    });
    expect(run.report.databases.map((d) => [d.facts.name, d.facts.database, d.diagnosis])).toEqual([
      ['dev', 'app_dev', 'OK'],
      ['prod', 'app_dev', 'OK'],
    ]);
  });

  it('says "password authentication failed" with host and port, never the password', async () => {
    const wrong = appUrl('app_dev', 'not-the-password');
    const err = await openDb({ name: 'prod', url: wrong, source: 'test' }, { cwd: '/' }).catch((e) => e);
    expect(err).toBeInstanceOf(DbOpenError);
    expect(err.message).toBe(
      `prod: cannot connect to 127.0.0.1:${server.port}: password authentication failed for user "app"`,
    );
    expect(err.message).not.toContain('not-the-password');
  });

  it('reports an unreachable server in one line and writes an ERROR summary', async () => {
    const port = server.port === 1 ? 2 : 1; // nothing listens on port 1 of loopback
    const url = `postgresql://app:${encodeURIComponent(APP_PASSWORD)}@127.0.0.1:${port}/app_prod`;
    const run = await runAudit({
      policy: doc(),
      graph,
      targets: [{ name: 'prod', url, source: '$DATABASE_URL_PROD' }],
      cwd: out,
      now: new Date('2026-11-22T09:00:00Z'),
      outDir: join(out, 'unreachable'),
      connectTimeoutMs: 5000,
    });
    expect(run.failures).toEqual([
      {
        name: 'prod',
        url: `postgresql://app:***@127.0.0.1:${port}/app_prod`,
        error: `prod: cannot connect to 127.0.0.1:${port}: connection refused (is the server running and listening there?)`,
      },
    ]);
    const text = readFileSync(join(out, 'unreachable/prod-summary.txt'), 'utf8');
    expect(text).toContain('diagnosis: ERROR');
    expect(text).not.toContain('p@ss');
  });

  it('names a database that does not exist', async () => {
    const err = await openDb({ name: 'dev', url: appUrl('nope'), source: 'test' }, { cwd: '/' }).catch(
      (e) => e,
    );
    expect(err.message).toBe(
      `dev: cannot connect to 127.0.0.1:${server.port}: database "nope" does not exist`,
    );
  });

  it('handles a database without the public schema: MISSING, and the stamp refuses without creating it', async () => {
    const run = await runAudit({
      policy: doc(),
      graph,
      targets: [{ name: 'prod', url: appUrl('app_nopublic'), source: 'test' }],
      cwd: out,
      now: new Date(),
    });
    expect(run.failures).toEqual([]);
    expect(run.report.databases[0]!.diagnosis).toBe('MISSING');
    expect(run.report.findings[0]!.message).toContain('has no schema "public"');
    const c = await openDb({ name: 'prod', url: appUrl('app_nopublic'), source: 'test' }, { cwd: '/' });
    try {
      await expect(stampBaselineOn(c, { name: 'prod', baseline: 'base0001', graph })).rejects.toThrow(
        /prod has no schema on its search_path \("\$user", public\)/,
      );
    } finally {
      await c.close();
    }
  });

  it('stamps once in a transaction, then is a no-op; refuses a database at another revision', async () => {
    const c = await openDb({ name: 'prod', url: appUrl('app_stamp'), source: 'test' }, { cwd: '/' });
    try {
      expect(await stampBaselineOn(c, { name: 'prod', baseline: 'base0001', graph })).toEqual({
        kind: 'stamped',
        created: true,
      });
      expect(await stampBaselineOn(c, { name: 'prod', baseline: 'base0001', graph })).toEqual({
        kind: 'already-at-baseline',
      });
      expect(await c.query('select version_num from alembic_version')).toEqual([{ version_num: 'base0001' }]);
    } finally {
      await c.close();
    }
    const other = await openDb({ name: 'prod', url: appUrl('app_other'), source: 'test' }, { cwd: '/' });
    try {
      await expect(stampBaselineOn(other, { name: 'prod', baseline: 'base0001', graph })).rejects.toThrow(
        StampRefused,
      );
      expect(await other.query('select version_num from alembic_version')).toEqual([
        { version_num: 'ffff0000' },
      ]);
    } finally {
      await other.close();
    }
  });

  it('serialises concurrent stamps: one stamps, the other finds it done', async () => {
    await server.sql('create database app_race owner app');
    const open = () => openDb({ name: 'prod', url: appUrl('app_race'), source: 'test' }, { cwd: '/' });
    const [a, b] = await Promise.all([open(), open()]);
    try {
      const outcomes = await Promise.all([
        stampBaselineOn(a, { name: 'prod', baseline: 'base0001', graph }),
        stampBaselineOn(b, { name: 'prod', baseline: 'base0001', graph }),
      ]);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['already-at-baseline', 'stamped']);
      expect(await a.query('select version_num from alembic_version')).toEqual([{ version_num: 'base0001' }]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('rolls back on the real server when the stamp fails midway (no table left behind)', async () => {
    await server.sql('create database app_fail owner app');
    const c = await openDb({ name: 'prod', url: appUrl('app_fail'), source: 'test' }, { cwd: '/' });
    try {
      const failing = {
        ...c,
        transaction: <T>(fn: Parameters<typeof c.transaction<T>>[0]) =>
          c.transaction((tx) =>
            fn({
              query: (sql: string, params?: unknown[]) =>
                /^INSERT/i.test(sql) ? Promise.reject(new Error('server went away')) : tx.query(sql, params),
            }),
          ),
      };
      await expect(stampBaselineOn(failing, { name: 'prod', baseline: 'base0001', graph })).rejects.toThrow(
        'server went away',
      );
      const f = await readDbFacts(c, 'prod', c.url);
      expect(f.alembic).toEqual({ present: false });
    } finally {
      await c.close();
    }
  });
});
