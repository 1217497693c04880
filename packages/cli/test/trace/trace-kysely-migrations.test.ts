import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../../../../test/helpers/git-repo.js';
import { traceInstallWithoutRenderers } from '../helpers/trace-install.js';
import { runCli } from '../helpers/run-cli.js';
import type { TraceReport } from '../helpers/trace-report.js';

/**
 * `slipway trace` on Kysely migrations: a `db.schema` chain whose every argument is written out
 * runs as the one statement Kysely itself compiles for it (kysely-renderer.ts: Kysely is installed
 * beside the CLI here), at its line, among the `sql` texts the migration runs; a chain with a value
 * known only at run time, and the query builder, are listed as not traced, by cause.
 */
const kysely = (body: string) =>
  `import { Kysely, sql } from 'kysely';\n\nexport async function up(db: Kysely<any>): Promise<void> {\n${body}\n}\n\nexport async function down(db: Kysely<any>): Promise<void> {\n  await sql\`SELECT 1\`.execute(db);\n}\n`;

const repo = new TempRepo({
  'slipway.yaml': 'version: 1\nmigrations:\n  kysely: src/migrations\n',
  'src/migrations/2024_01_01_init.ts': kysely(`  await db.schema
    .createTable('users')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('email', 'varchar(255)', (col) => col.notNull().unique())
    .addColumn('created_at', 'timestamptz', (col) => col.defaultTo(sql\`now()\`).notNull())
    .execute();
  await db.schema.createIndex('users_created').on('users').column('created_at').execute();`),
});
repo.commit('init');
afterAll(() => repo.dispose());

describe('trace on Kysely migrations', () => {
  it('Kysely compiles each schema chain; it runs at its line after the earlier migrations, with its locks', async () => {
    repo.write({
      'src/migrations/2024_02_02_change.ts':
        kysely(`  await db.schema.alterTable('users').addColumn('nickname', 'text', (col) => col.notNull().defaultTo('x')).execute();
  await sql\`ALTER TABLE users ADD COLUMN plan text\`.execute(db);
  await db.schema.alterTable('users').alterColumn('email', (col) => col.setDataType('text')).execute();`),
    });
    repo.commit('change');
    const r = await runCli(['trace', 'src/migrations/2024_02_02_change.ts', '--format', 'json'], repo.dir);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as TraceReport;
    expect(report.statements.map((s) => [s.line, s.sql, s.error])).toEqual([
      [4, 'alter table "users" add column "nickname" text default \'x\' not null', undefined],
      [5, 'ALTER TABLE users ADD COLUMN plan text', undefined],
      [6, 'alter table "users" alter column "email" type text', undefined],
    ]);
    expect(report.statements[2]?.locks).toContainEqual({ mode: 'AccessExclusiveLock', relation: 'users' });
    expect(report.notTraced).toEqual([]);
    expect(report.summary.causes).toEqual([]);
  });

  it('a chain with a value known only at run time, and the query builder, are listed by cause; what needs them fails, said so', async () => {
    repo.write({
      'src/migrations/2024_03_03_dynamic.ts': kysely(`  const name = process.env.TABLE ?? 'teams';
  await db.schema.createTable(name).addColumn('id', 'serial').execute();
  await db.deleteFrom('users').execute();
  await sql\`ALTER TABLE teams ADD COLUMN x integer\`.execute(db);`),
    });
    repo.commit('dynamic');
    const r = await runCli(['trace', 'src/migrations/2024_03_03_dynamic.ts', '--format', 'json'], repo.dir);
    const report = JSON.parse(r.stdout) as TraceReport;
    expect(report.statements.map((s) => [s.line, s.error])).toEqual([[7, 'relation "teams" does not exist']]);
    expect(report.notTraced.map((n) => [n.line, n.reason.replace(/ \(db\..*?\):/, ':')])).toEqual([
      [
        5,
        'a Kysely builder call: not every argument is known before the migration runs (a variable, a helper, a callback that is not one chain on its builder), so Kysely cannot be asked for its SQL',
      ],
      [
        6,
        "a Kysely query builder call: trace renders Kysely's schema builder, not its query builder (rows read and changed)",
      ],
    ]);
    // The table's name is known only at run time, so the failure cannot be pinned on that call:
    // it is counted as needing what an untraced step may have made.
    expect(report.summary.causes.map((c) => [c.cause, c.notTraced])).toEqual([
      ['Kysely builder calls whose arguments are not literals', 1],
      ['Kysely query builder calls (rows): trace renders the schema builder only', 1],
      ['needs what no traced step made (an untraced step may have made it)', 0],
    ]);
  });
});

describe('`slipway trace` beside a Kysely that cannot load', () => {
  // What an install without its optional renderers has (helpers/trace-install.ts), and a kysely
  // package that throws when imported (as 0.29, which needs Node 22, or a broken install, would):
  // Kysely's chains are listed with why, and everything else is traced as ever.
  const install = traceInstallWithoutRenderers();
  afterAll(() => install.dispose());

  it('lists the chains with what went wrong and what to do, runs the SQL texts, prints no stack', () => {
    mkdirSync(join(install.modules, 'kysely'));
    writeFileSync(
      join(install.modules, 'kysely', 'package.json'),
      JSON.stringify({ name: 'kysely', version: '0.0.0-broken', type: 'module', exports: './index.js' }),
    );
    writeFileSync(
      join(install.modules, 'kysely', 'index.js'),
      "throw new Error('this Kysely needs Node 22');\n",
    );
    const r = spawnSync(
      process.execPath,
      [install.bin, 'trace', 'src/migrations/2024_01_01_init.ts', '--format', 'json'],
      { cwd: repo.dir, encoding: 'utf8', env: install.env },
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const report = JSON.parse(r.stdout) as TraceReport;
    expect(report.statements).toEqual([]);
    expect(report.notTraced.map((n) => n.line)).toEqual([4, 10]);
    expect(report.notTraced[0]?.reason).toContain(
      'Kysely, an optional dependency, could not be loaded beside Slipway (this Kysely needs Node 22); reinstall it',
    );
  });
});
