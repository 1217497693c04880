import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAuditReport, DB_RULES, type Finding, parsePolicyText } from '@slipway/policy-core';
import { type DbQueryable, readDbFacts, readServerVersion, runAudit } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/open-db.js';
import { type PgServer, serverMajor, startPostgres } from '../helpers/postgres.js';
import { runCli } from '../helpers/run-cli.js';

// DB007 against the machine's real PostgreSQL server (whichever major it has), started once: the
// policy's postgres_version is set relative to what it runs. PGlite's newer major is judged in
// pglite-facts-stamp.test.ts, which starts one already.
let server: PgServer;
let major: number;
let repo: string;

const policyText = (version: number) =>
  `version: 1\nmigrations:\n  postgres_version: ${version}\n  databases:\n    dev: { url_env: DATABASE_URL }\n    prod: { url_env: DATABASE_URL_PROD }\n`;
const policy = (version: number) => parsePolicyText(policyText(version), 'slipway.yaml').document!;

/** `slipway db audit` in process over dev and prod; DB007's findings with their database. */
async function audit(version: number, outDir?: string): Promise<[string, Finding][]> {
  const run = await runAudit({
    policy: policy(version),
    targets: [
      { name: 'dev', url: server.url('ver_dev'), source: '$DATABASE_URL' },
      { name: 'prod', url: server.url('ver_prod'), source: '$DATABASE_URL_PROD' },
    ],
    cwd: repo,
    now: new Date('2026-11-27T12:00:00Z'),
    ...(outDir ? { outDir } : {}),
  });
  expect(run.failures).toEqual([]);
  return run.report.databases.flatMap((d) =>
    d.findings.filter((f) => f.rule === 'DB007').map((f): [string, Finding] => [d.facts.name, f]),
  );
}

beforeAll(async () => {
  server = await startPostgres();
  await server.sql('create database ver_dev');
  await server.sql('create database ver_prod');
  major = await serverMajor(server);
  repo = mkdtempSync(join(tmpdir(), 'slipway-pgversion-'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe("DB007: the databases' PostgreSQL versions against the policy's postgres_version", () => {
  it('warns through the CLI when production runs an older PostgreSQL than the policy says', async () => {
    writeFileSync(join(repo, 'slipway.yaml'), policyText(major + 1));
    const r = await runCli(['db', 'audit', '--no-write'], repo, {
      DATABASE_URL: server.url('ver_dev'),
      DATABASE_URL_PROD: server.url('ver_prod'),
    });
    const lines = r.stdout.split('\n').filter((l) => l.includes('DB007'));
    const said = (line: number, db: string) =>
      `slipway.yaml:${line}:5: warning DB007 Database ${db} (ver_${db}) runs PostgreSQL ${major}, older than migrations.postgres_version: ${major + 1}: `;
    expect(lines).toHaveLength(2);
    expect(lines[0]!.startsWith(said(5, 'dev'))).toBe(true);
    expect(lines[1]!.startsWith(said(6, 'prod'))).toBe(true);
    for (const l of lines) expect(l).toContain(`set \`migrations.postgres_version: ${major}\``);
    // The version is not where the migrations stand: the codes are the migration state's.
    expect(r.stdout).toMatch(/^MISSING {2}dev: ver_dev as postgres, no alembic_version/m);
  });

  it("near miss: a server at the policy's version is not reported", async () => {
    expect(await audit(major, join(repo, 'ops/db_audit'))).toEqual([]);
    // The summary says what the server runs.
    const summary = readFileSync(join(repo, 'ops/db_audit/prod-summary.txt'), 'utf8');
    expect(summary).toMatch(new RegExp(`\\npostgresql: ${major} \\(server_version_num ${major}\\d{4}\\)\\n`));
  });

  it('informs when the servers run a newer PostgreSQL than the policy says', async () => {
    const found = await audit(major - 1);
    expect(found.map(([db, f]) => [db, f.severity])).toEqual([
      ['dev', 'info'],
      ['prod', 'info'],
    ]);
    expect(found[1]![1].message).toContain(
      `Database prod (ver_prod) runs PostgreSQL ${major}, newer than migrations.postgres_version: ${major - 1}`,
    );
  });

  it('says when a server will not tell its version, and still reads the rest', async () => {
    const c = await openDb({ name: 'prod', url: server.url('ver_prod'), source: 'test' }, { cwd: '/' });
    try {
      // A look-alike of PostgreSQL (a proxy, another engine) that does not know the setting.
      const refusing: DbQueryable = {
        query: (sql, params) =>
          sql.includes('server_version_num')
            ? Promise.reject(new Error('unrecognized configuration parameter "server_version_num"'))
            : c.query(sql, params),
      };
      const facts = await readDbFacts(refusing, 'prod', c.url);
      expect(facts.database).toBe('ver_prod');
      const report = buildAuditReport([facts], undefined, policy(major), DB_RULES);
      expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([
        ['DB001', 'error'],
        ['DB007', 'info'],
      ]);
      expect(report.findings[1]!.message).toContain(
        `Database prod (ver_prod): its PostgreSQL version could not be read (current_setting('server_version_num') failed: unrecognized configuration parameter "server_version_num")`,
      );
      // The real server answers.
      expect(await readServerVersion(c)).toEqual({ num: expect.any(Number) });
    } finally {
      await c.close();
    }
  });
});
