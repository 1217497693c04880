import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText, runCheck } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSql } from '../helpers/fixture-sql.js';
import { type PgServer, psqlPath, startPostgres } from '../helpers/postgres.js';

/**
 * MIG001's swap under `sql_runner: psql`, run by the real `psql -f` as that runner means: each
 * fixture's migrations in order, with rows seeded after the first that the new table's NOT NULL
 * refuses (one user without an email, one team without a name), then the rows counted. psql goes
 * on after the failed copy and drops the old table (the trigger: every row gone, psql exits 0);
 * `\set ON_ERROR_STOP on` stops it, and BEGIN … COMMIT makes the drop fail with the copy (the
 * near miss: every row kept).
 */
let server: PgServer;
let databases = 0;
const dir = mkdtempSync(join(tmpdir(), 'slipway-psql-'));
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the fixture's files with `psql -f`, each in turn; the exit codes and what is left in users and teams. */
async function runWithPsql(fixture: string, files: string[]) {
  const db = `psql${++databases}`;
  await server.sql(`CREATE DATABASE ${db}`);
  const codes: (number | null)[] = [];
  for (const [i, name] of files.entries()) {
    const path = join(dir, `${db}-${name}`);
    writeFileSync(path, fixtureSql('MIG001', fixture, name));
    const run = spawnSync(psqlPath(), ['-X', '-q', '-d', server.url(db), '-f', path], { encoding: 'utf8' });
    codes.push(run.status);
    if (i === 0)
      await server.sql(
        "INSERT INTO users VALUES (1, 'a@x'), (2, NULL), (3, 'c@x'); INSERT INTO teams VALUES (1, 'a'), (2, NULL);",
        db,
      );
  }
  const count = async (t: string) =>
    (await server.sql(`SELECT count(*)::int AS n FROM ${t}`, db))[0]?.n as number;
  return { codes, users: await count('users'), teams: await count('teams') };
}

describe('MIG001: a swap run by psql -f, on PostgreSQL', () => {
  it('the trigger: the copy fails, psql goes on, the drop runs, every user is gone and psql exits 0', async () => {
    const run = await runWithPsql('trigger-swap-psql-goes-on', ['001_init.sql', '005_swap.sql']);
    expect(run.codes).toEqual([0, 0]);
    expect(run.users).toBe(0);
  });

  it('the near miss: ON_ERROR_STOP stops at the failed copy, BEGIN … COMMIT fails the drop with it; every row kept', async () => {
    const run = await runWithPsql('near-miss-swap-psql-stops', [
      '001_init.sql',
      '005_swap.sql',
      '006_swap_teams.sql',
    ]);
    // psql exits 3 when ON_ERROR_STOP stops a script; 0 after a failed transaction it went on past.
    expect(run.codes).toEqual([0, 3, 0]);
    expect(run.users).toBe(3);
    expect(run.teams).toBe(2);
  });
});

/**
 * How psql reads `\set ON_ERROR_STOP <value>` (its ParseVariableBool and the variable's substitute
 * hook), asked of the real psql: a failed statement after it, then an echo; psql stopped when the
 * echo never came. Slipway's reading is MIG001 on a swap after the same line: no finding when it
 * reads psql as stopping.
 */
const VALUES = [
  '',
  'on',
  'ON',
  'On',
  'o',
  'of',
  'off',
  't',
  'tr',
  'true',
  'TRUE',
  'f',
  '1',
  '0',
  '2',
  'y',
  'yes',
  'n',
  'no',
  "'on'",
  '"on"',
  'on off',
  'o n',
  'truex',
  ':x',
  'on;',
];

function psqlStops(value: string): boolean {
  const path = join(dir, 'stop.sql');
  writeFileSync(path, `\\set ON_ERROR_STOP ${value}\nSELECT 1/0;\n\\echo went-on\n`);
  const run = spawnSync(psqlPath(), ['-X', '-q', '-d', server.url(), '-f', path], { encoding: 'utf8' });
  return !run.stdout.includes('went-on');
}

const POLICY = 'version: 1\nmigrations:\n  sql: ["db/migrations/*.sql"]\n  sql_runner: psql\n';
function slipwayStops(value: string): boolean {
  const swap = `\\set ON_ERROR_STOP ${value}\n${fixtureSql('MIG001', 'trigger-swap-psql-goes-on', '005_swap.sql')}`;
  const repo = new MemoryRepo({
    'slipway.yaml': POLICY,
    'db/migrations/001_init.sql': fixtureSql('MIG001', 'trigger-swap-psql-goes-on', '001_init.sql'),
    'db/migrations/005_swap.sql': swap,
  });
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const { findings } = runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) });
  return !findings.some((f) => f.rule === 'MIG001');
}

describe('MIG001 under psql: `\\set ON_ERROR_STOP <value>` read as the real psql reads it', () => {
  beforeAll(async () => {
    await initSqlParser();
  });
  it.each(VALUES)('\\set ON_ERROR_STOP %s', (value) => {
    expect(slipwayStops(value)).toBe(psqlStops(value));
  });
  it('the oracle tells both apart: some values stop psql and some do not', () => {
    const stops = VALUES.map(psqlStops);
    expect(stops).toContain(true);
    expect(stops).toContain(false);
  });
});
