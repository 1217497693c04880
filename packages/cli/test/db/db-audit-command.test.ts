import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardSteps } from '../../src/guard/steps.js';
import { openRepoContext } from '../../src/repo-context.js';
import { type PgServer, serverMajor, startPostgres } from '../helpers/postgres.js';
import { runCli } from '../helpers/run-cli.js';

// The CLI's database audit step: PostgreSQL and PGlite.
const databaseAuditStep = guardSteps[0]!;
const runDatabaseAuditStep = (input: Parameters<typeof databaseAuditStep.run>[0]) =>
  databaseAuditStep.run(input);

let server: PgServer;
let repo: string;
const PW = 'cli-s3cret-pw';
const url = (db: string, pw = PW) => server.url(db, 'app', pw);

// The policy names the server's own major version (DB007 is postgres-version-audit.test.ts's).
const policy = (major: number) => `version: 1
migrations:
  baseline: base0001
  databases:
    dev: { url_env: DATABASE_URL }
    prod: { url_env: DATABASE_URL_PROD }
  postgres_version: ${major}
`;

beforeAll(async () => {
  server = await startPostgres({ auth: 'scram-sha-256' });
  await server.sql(`create role app login password '${PW}'`);
  await server.sql('create database cli_dev owner app');
  await server.sql('create database cli_prod owner app');
  await server.sql('create table users (id int)', 'cli_dev');
  await server.sql('create table alembic_version (version_num varchar(32) primary key)', 'cli_dev');
  await server.sql("insert into alembic_version values ('base0001')", 'cli_dev');
  await server.sql('grant all on all tables in schema public to app', 'cli_dev');
  await server.sql('create table users (id int)', 'cli_prod');
  repo = mkdtempSync(join(tmpdir(), 'slipway-dbcli-'));
  writeFileSync(join(repo, 'slipway.yaml'), policy(await serverMajor(server)));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  execFileSync('git', ['add', '.'], { cwd: repo });
});

afterAll(async () => {
  await server?.stop();
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('slipway db audit', () => {
  it('prints the codes and findings, writes the summaries, exits 1 on DB001', async () => {
    const r = await runCli(['db', 'audit'], repo, {
      DATABASE_URL: url('cli_dev'),
      DATABASE_URL_PROD: url('cli_prod'),
    });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('OK       dev: cli_dev as app, at base0001, 1 table in public');
    expect(lines[1]).toBe('MISSING  prod: cli_prod as app, no alembic_version, 1 table in public');
    expect(lines[2]).toMatch(
      /^slipway\.yaml:6:5: error DB001 Database prod \(cli_prod\) has no public\.alembic_version table/,
    );
    for (const f of ['dev-summary.txt', 'dev-summary.json', 'prod-summary.txt', 'prod-summary.json']) {
      const body = readFileSync(join(repo, 'ops/db_audit', f), 'utf8');
      expect(body).not.toContain(PW);
    }
    expect(r.stdout + r.stderr).not.toContain(PW);
  });

  it('emits the JSON contract with a databases list', async () => {
    const r = await runCli(['db', 'audit', '--format', 'json', '--no-write'], repo, {
      DATABASE_URL: url('cli_dev'),
      DATABASE_URL_PROD: url('cli_prod'),
    });
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.version).toBe(1);
    expect(json.findings.map((f: { rule: string }) => f.rule)).toEqual(['DB001']);
    expect(json.findings[0]).toMatchObject({ file: 'slipway.yaml', line: 6, column: 5 });
    expect(json.summary).toMatchObject({ errors: 1, warnings: 0 });
    expect(json.databases.map((d: { name: string; status: string }) => [d.name, d.status])).toEqual([
      ['dev', 'OK'],
      ['prod', 'MISSING'],
    ]);
  });

  it('audits only what is set, saying what it skipped; --db narrows', async () => {
    const r = await runCli(['db', 'audit', '--no-write'], repo, { DATABASE_URL: url('cli_dev') });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('slipway db audit: prod not audited: $DATABASE_URL_PROD is not set');
    const only = await runCli(['db', 'audit', '--db', 'prod', '--no-write'], repo, {
      DATABASE_URL: url('cli_dev'),
    });
    expect(only.code).toBe(2);
    expect(only.stderr).toBe('slipway db: --db prod: $DATABASE_URL_PROD is not set\n');
  });

  it('exits 2 with one line when no database URL is set', async () => {
    const r = await runCli(['db', 'audit'], repo, {});
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^slipway db: no database to audit: none of the databases/,
    );
  });

  it('fails in one line with host and port for a wrong password or a closed port, never printing the password', async () => {
    const wrong = await runCli(['db', 'audit', '--no-write'], repo, {
      DATABASE_URL: url('cli_dev'),
      DATABASE_URL_PROD: url('cli_prod', 'WrongPassw0rd'),
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain(
      `ERROR    prod: cannot connect to 127.0.0.1:${server.port}: password authentication failed for user "app"`,
    );
    expect(wrong.stdout + wrong.stderr).not.toContain('WrongPassw0rd');
    const closed = await runCli(['db', 'audit', '--no-write', '--timeout', '5'], repo, {
      DATABASE_URL: 'postgresql://app:pw123456@127.0.0.1:1/x',
    });
    expect(closed.code).toBe(1);
    expect(closed.stdout).toContain('ERROR    dev: cannot connect to 127.0.0.1:1: connection refused');
    expect(closed.stdout + closed.stderr).not.toContain('pw123456');
  });

  it('gives up on a server that accepts but never answers, after --timeout', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const r = await runCli(['db', 'audit', '--no-write', '--timeout', '0.5'], repo, {
        DATABASE_URL: `postgresql://app:hush-hush@127.0.0.1:${port}/app`,
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe(
        `ERROR    dev: cannot connect to 127.0.0.1:${port}: connection timed out (the server did not answer)\n`,
      );
      expect(r.stdout + r.stderr).not.toContain('hush-hush');
    } finally {
      silent.close();
    }
  });

  it('calls a MySQL URL MySQL (not "not a database URL"), and rejects a PGlite path without a database', async () => {
    const r = await runCli(['db', 'audit', '--no-write'], repo, { DATABASE_URL: 'mysql://u:hidden@h/db' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'dev: the audit reads PostgreSQL only; this database is MySQL (from $DATABASE_URL: mysql://u:***@h/db)',
    );
    expect(r.stdout + r.stderr).not.toContain('hidden');
    mkdirSync(join(repo, 'empty-dir'), { recursive: true });
    const p = await runCli(['db', 'audit', '--no-write'], repo, { DATABASE_URL: 'pglite://./empty-dir' });
    expect(p.code).toBe(1);
    expect(p.stdout).toBe(
      `ERROR    dev: no PGlite database in ${join(repo, 'empty-dir')} (PG_VERSION missing)\n`,
    );
    expect(existsSync(join(repo, 'empty-dir', 'PG_VERSION'))).toBe(false);
  });

  it('rejects bad flags and subcommands with exit 2', async () => {
    expect((await runCli(['db'], repo)).code).toBe(2);
    const bad = await runCli(['db', 'vacuum'], repo);
    expect(bad.stderr).toBe(
      'slipway db: unknown subcommand `vacuum`; use `slipway db audit` or `slipway db stamp-baseline`\n',
    );
    const t = await runCli(['db', 'audit', '--timeout', 'soon'], repo);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('"soon" is not a positive number of seconds');
  });
});

describe('the guard step', () => {
  const env = () => ({ DATABASE_URL: url('cli_dev'), DATABASE_URL_PROD: url('cli_prod') });

  it('applies when the policy lists databases', async () => {
    const context = await openRepoContext(repo, undefined);
    expect(databaseAuditStep.applies(context, env())).toBe(true);
    // Configured but no URL set: it still runs, to say that nothing was audited.
    expect(databaseAuditStep.applies(context, {})).toBe(true);
    const bare = mkdtempSync(join(tmpdir(), 'slipway-guard-'));
    try {
      writeFileSync(join(bare, 'slipway.yaml'), 'version: 1\nmigrations:\n  baseline: base0001\n');
      expect(databaseAuditStep.applies(await openRepoContext(bare, undefined), env())).toBe(false);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('returns the audit findings, logs the codes and warns about DISABLE_AUTO_MIGRATIONS (DB006)', async () => {
    const context = await openRepoContext(repo, undefined);
    const log: string[] = [];
    const { findings } = await runDatabaseAuditStep({
      context,
      env: { ...env(), DISABLE_AUTO_MIGRATIONS: 'true' },
      log: (l) => log.push(l),
    });
    expect(findings.map((f) => f.rule)).toEqual(['DB006', 'DB001']);
    expect(findings[0]?.message).toMatch(
      /^DISABLE_AUTO_MIGRATIONS=true: the deploy will skip `alembic upgrade head`/,
    );
    expect(log).toContain('guard: dev: OK');
    expect(log).toContain('guard: prod: MISSING');
  });

  it('warns about DISABLE_AUTO_MIGRATIONS even when the policy configures no databases', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'slipway-guard-'));
    try {
      writeFileSync(join(bare, 'slipway.yaml'), 'version: 1\nmigrations:\n  alembic: alembic/versions\n');
      const context = await openRepoContext(bare, undefined);
      const env = { DISABLE_AUTO_MIGRATIONS: 'yes' };
      expect(databaseAuditStep.applies(context, env)).toBe(true);
      const log: string[] = [];
      const { findings } = await runDatabaseAuditStep({ context, env, log: (l) => log.push(l) });
      expect(findings.map((f) => [f.rule, f.severity])).toEqual([['DB006', 'warning']]);
      expect(findings[0]?.message).toMatch(/^DISABLE_AUTO_MIGRATIONS=yes: /);
      expect(log).toEqual([]);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('does not warn when DISABLE_AUTO_MIGRATIONS is false, and skips databases without a URL', async () => {
    const context = await openRepoContext(repo, undefined);
    const log: string[] = [];
    const { findings } = await runDatabaseAuditStep({
      context,
      env: { DATABASE_URL: url('cli_dev'), DISABLE_AUTO_MIGRATIONS: 'false' },
      log: (l) => log.push(l),
    });
    expect(findings).toEqual([]);
    expect(log.some((l) => l.includes('DISABLE_AUTO_MIGRATIONS'))).toBe(false);
    expect(log).toContain('guard: database prod not audited: $DATABASE_URL_PROD is not set');
  });

  it('says so in one line when none of the configured databases has its URL set', async () => {
    const context = await openRepoContext(repo, undefined);
    const log: string[] = [];
    const out = await runDatabaseAuditStep({ context, env: {}, log: (l) => log.push(l) });
    expect(out).toEqual({ findings: [], failures: [] });
    expect(log).toEqual([
      'guard: no database audited: none of their URL variables is set ($DATABASE_URL, $DATABASE_URL_PROD)',
    ]);
  });

  it('reports a database it cannot read as a failure, keeping the findings of the others', async () => {
    const context = await openRepoContext(repo, undefined);
    const out = await runDatabaseAuditStep({
      context,
      env: { DATABASE_URL: url('cli_dev', 'nope-nope'), DATABASE_URL_PROD: url('cli_prod') },
      log: () => {},
    });
    expect(out.findings.map((f) => f.rule)).toEqual(['DB001']);
    expect(out.failures).toEqual([
      `dev: cannot connect to 127.0.0.1:${server.port}: password authentication failed for user "app"`,
    ]);
  });
});
