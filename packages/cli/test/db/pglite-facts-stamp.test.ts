import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DEFAULT_POSTGRES_VERSION, graphViewFromParents } from '@slipway/policy-core';
import { type DbClient, readDbFacts, StampRefused, stampBaselineOn } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteClient, pgliteLocation } from '../../src/db/pglite-client.js';
import { runCli } from '../helpers/run-cli.js';
import { alembicRepo, migration } from './alembic-repo.js';

// One PGlite instance for the file (it takes seconds to start); each case works in its own schema.
let pglite: PGlite;
let db: DbClient;
beforeAll(async () => {
  pglite = await PGlite.create();
  db = pgliteClient(pglite, 'pglite://memory', false);
});
afterAll(async () => {
  await pglite?.close();
});

const graph = graphViewFromParents({ base0001: [], a1: ['base0001'], a2: ['a1'] });

/** A schema holding `tables`, and alembic_version with `versions` unless null. */
async function scenario(schema: string, tables: string[], versions: string[] | null): Promise<void> {
  await db.query(`create schema ${schema}`);
  for (const t of tables) await db.query(`create table ${schema}."${t}" (id int primary key)`);
  if (versions) {
    await db.query(`create table ${schema}.alembic_version (version_num varchar(32) not null primary key)`);
    for (const v of versions) await db.query(`insert into ${schema}.alembic_version values ($1)`, [v]);
  }
}

/** Statements a client was asked to run, to show what a stamp issued. */
function recording(inner: DbClient): { client: DbClient; log: string[] } {
  const log: string[] = [];
  const client: DbClient = {
    url: inner.url,
    query: (sql, params) => {
      log.push(sql);
      return inner.query(sql, params);
    },
    transaction: (fn) =>
      inner.transaction((tx) =>
        fn({
          query: (sql, params) => {
            log.push(sql);
            return tx.query(sql, params);
          },
        }),
      ),
    close: () => inner.close(),
  };
  return { client, log };
}

describe('reading database facts (PGlite)', () => {
  it('reads database, user, search_path, sorted tables without alembic_version, and the version', async () => {
    await scenario('s_ok', ['users', 'orders', 'Accounts'], ['a2']);
    const f = await readDbFacts(db, 'dev', 'pglite://memory', 's_ok');
    expect(f).toMatchObject({
      name: 'dev',
      database: 'postgres',
      user: 'postgres',
      schema: 's_ok',
      schemaExists: true,
      tables: ['Accounts', 'orders', 'users'],
      alembic: { present: true, versions: ['a2'] },
    });
    expect(f.searchPath).toContain('public');
  });

  it('reports a missing alembic_version table', async () => {
    await scenario('s_missing', ['users'], null);
    const f = await readDbFacts(db, 'prod', 'pglite://memory', 's_missing');
    expect(f.alembic).toEqual({ present: false });
    expect(f.tables).toEqual(['users']);
  });

  it('reports a schema that does not exist instead of failing', async () => {
    const f = await readDbFacts(db, 'prod', 'pglite://memory', 'no_such_schema');
    expect(f.schemaExists).toBe(false);
    expect(f.tables).toEqual([]);
    expect(f.alembic).toEqual({ present: false });
  });
});

describe('stamping the baseline (PGlite)', () => {
  it("creates alembic_version with Alembic's DDL and records the baseline, without any DROP", async () => {
    await scenario('st_new', ['users', 'orders'], null);
    const { client, log } = recording(db);
    const out = await stampBaselineOn(client, {
      name: 'prod',
      baseline: 'base0001',
      schema: 'st_new',
      graph,
    });
    expect(out).toEqual({ kind: 'stamped', created: true });
    const f = await readDbFacts(db, 'prod', 'pglite://memory', 'st_new');
    expect(f.alembic).toEqual({ present: true, versions: ['base0001'] });
    expect(f.tables).toEqual(['orders', 'users']);
    const pk = await db.query<{ conname: string }>(
      "select conname from pg_constraint where conrelid = 'st_new.alembic_version'::regclass and contype = 'p'",
    );
    expect(pk.map((r) => r.conname)).toEqual(['alembic_version_pkc']);
    expect(log.some((s) => /CREATE TABLE st_new\.alembic_version/.test(s))).toBe(true);
    expect(log.filter((s) => /\bdrop\b/i.test(s))).toEqual([]);
  });

  it('is idempotent: a second run changes nothing', async () => {
    await scenario('st_twice', ['users'], null);
    await stampBaselineOn(db, { name: 'prod', baseline: 'base0001', schema: 'st_twice', graph });
    const { client, log } = recording(db);
    const again = await stampBaselineOn(client, {
      name: 'prod',
      baseline: 'base0001',
      schema: 'st_twice',
      graph,
    });
    expect(again).toEqual({ kind: 'already-at-baseline' });
    expect(log.some((s) => /INSERT|CREATE/i.test(s))).toBe(false);
    const rows = await db.query('select * from st_twice.alembic_version');
    expect(rows).toEqual([{ version_num: 'base0001' }]);
  });

  it('fills an empty alembic_version table', async () => {
    await scenario('st_empty', ['users'], []);
    expect(
      await stampBaselineOn(db, { name: 'prod', baseline: 'base0001', schema: 'st_empty', graph }),
    ).toEqual({
      kind: 'stamped',
      created: false,
    });
    expect(await db.query('select * from st_empty.alembic_version')).toEqual([{ version_num: 'base0001' }]);
  });

  it('leaves a database already past the baseline alone', async () => {
    await scenario('st_past', ['users'], ['a2']);
    const out = await stampBaselineOn(db, { name: 'prod', baseline: 'base0001', schema: 'st_past', graph });
    expect(out).toEqual({ kind: 'already-past-baseline', versions: ['a2'] });
    expect(await db.query('select * from st_past.alembic_version')).toEqual([{ version_num: 'a2' }]);
  });

  it('refuses a database at another revision: do not force-stamp', async () => {
    await scenario('st_other', ['users'], ['zz99']);
    const run = stampBaselineOn(db, { name: 'prod', baseline: 'base0001', schema: 'st_other', graph });
    await expect(run).rejects.toThrow(StampRefused);
    await expect(run).rejects.toThrow(
      /prod is already at revision zz99, not the baseline base0001: do not force-stamp/,
    );
    expect(await db.query('select * from st_other.alembic_version')).toEqual([{ version_num: 'zz99' }]);
  });

  it('refuses a schema that does not exist, creating nothing', async () => {
    await expect(
      stampBaselineOn(db, { name: 'prod', baseline: 'base0001', schema: 'st_absent', graph }),
    ).rejects.toThrow(/prod has no schema "st_absent"/);
    expect(await db.query("select 1 from pg_namespace where nspname = 'st_absent'")).toEqual([]);
  });

  it('never half-applies: a failure after CREATE TABLE rolls the table back', async () => {
    await scenario('st_fail', ['users'], null);
    const failing: DbClient = {
      ...db,
      transaction: (fn) =>
        db.transaction((tx) =>
          fn({
            query: (sql, params) => {
              if (/^INSERT/i.test(sql)) throw new Error('connection lost');
              return tx.query(sql, params);
            },
          }),
        ),
    };
    await expect(
      stampBaselineOn(failing, { name: 'prod', baseline: 'base0001', schema: 'st_fail', graph }),
    ).rejects.toThrow('connection lost');
    const f = await readDbFacts(db, 'prod', 'pglite://memory', 'st_fail');
    expect(f.alembic).toEqual({ present: false });
  });

  it('dry run checks everything, then leaves the database as it was', async () => {
    await scenario('st_dry', ['users'], null);
    const out = await stampBaselineOn(db, {
      name: 'prod',
      baseline: 'base0001',
      schema: 'st_dry',
      graph,
      dryRun: true,
    });
    expect(out).toEqual({ kind: 'stamped', created: true });
    expect((await readDbFacts(db, 'prod', 'pglite://memory', 'st_dry')).alembic).toEqual({ present: false });
  });

  it('refuses a baseline longer than the version column', async () => {
    await expect(
      stampBaselineOn(db, { name: 'prod', baseline: 'x'.repeat(33), schema: 'st_dry' }),
    ).rejects.toThrow(/longer than alembic_version's 32 characters/);
  });
});

describe('PGlite databases by URL', () => {
  it('parses pglite URLs: memory, absolute and repository-relative directories', () => {
    expect(pgliteLocation('pglite://memory', '/repo')).toEqual({ memory: true });
    expect(pgliteLocation('pglite:///var/db/dev', '/repo')).toEqual({ memory: false, dir: '/var/db/dev' });
    expect(pgliteLocation('pglite://./.slipway/dev', '/repo')).toEqual({
      memory: false,
      dir: '/repo/.slipway/dev',
    });
  });

  it('audits and stamps a PGlite directory through the CLI, then reads it back at the baseline', async () => {
    const repo = alembicRepo(
      'version: 1\nmigrations:\n  alembic: alembic/versions\n  baseline: base0001\n  databases:\n    prod: { url: "pglite://./.db/prod" }\n',
      { 'alembic/versions/base0001_baseline.py': migration('base0001', null, []) },
    );
    try {
      mkdirSync(join(repo, '.db'));
      const seed = await PGlite.create(join(repo, '.db/prod'));
      await seed.exec('create table users (id int)');
      const [row] = (await seed.query<{ v: string }>(`select current_setting('server_version_num') as v`))
        .rows;
      const major = Math.floor(Number(row?.v) / 10000);
      await seed.close();
      const before = await runCli(['db', 'audit'], repo);
      expect(before.code).toBe(1);
      expect(before.stdout).toContain(
        'MISSING  prod: postgres as postgres, no alembic_version, 1 table in public',
      );
      const stamp = await runCli(['db', 'stamp-baseline'], repo);
      expect(stamp).toMatchObject({
        code: 0,
        stdout: 'prod: created alembic_version and stamped at baseline base0001\n',
      });
      const after = await runCli(['db', 'audit'], repo);
      expect(after.code).toBe(0);
      // PGlite runs a newer PostgreSQL than the default postgres_version, which the policy does not
      // set: nothing to correct, so DB007 says nothing (postgres-version-audit.test.ts: when it does).
      expect(major).toBeGreaterThan(DEFAULT_POSTGRES_VERSION);
      expect(after.stdout).toBe('OK       prod: postgres as postgres, at base0001, 1 table in public\n');
      expect(JSON.parse(readFileSync(join(repo, 'ops/db_audit/prod-summary.json'), 'utf8')).status).toBe(
        'OK',
      );
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  }, 180_000); // three PGlite starts (seconds each); generous for a loaded CI machine
});
