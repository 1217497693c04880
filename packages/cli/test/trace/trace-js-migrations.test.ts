import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../../../../test/helpers/git-repo.js';
import { traceInstallWithoutRenderers } from '../helpers/trace-install.js';
import { runCli } from '../helpers/run-cli.js';
import { sharedTraceDb } from '../helpers/shared-trace-db.js';
import type { TraceReport } from '../helpers/trace-report.js';

/**
 * `slipway trace` on the JS tools' migrations (render-js.ts): the literal SQL each one runs
 * (`queryRunner.query`, `knex.raw`) runs on PostgreSQL as written, at its call's line; a Knex
 * schema call whose arguments are all written out runs as the SQL Knex itself renders for it
 * (knex-renderer.ts: Knex 3 is installed beside the CLI here); any other builder call (one with a
 * loop in its callback, `queryRunner.addColumn`) is listed as not traced, by its tool and why, and
 * what fails for want of it is counted under that cause. TypeORM's generated migrations are raw
 * SQL throughout: they run whole.
 */
const knex = (body: string) =>
  `exports.up = async function (knex) {\n  ${body}\n};\nexports.down = async function () {};\n`;
const typeorm = (name: string, body: string) =>
  `import { MigrationInterface, QueryRunner, TableColumn } from "typeorm";\n\nexport class ${name} implements MigrationInterface {\n    public async up(queryRunner: QueryRunner): Promise<void> {\n${body}\n    }\n\n    public async down(queryRunner: QueryRunner): Promise<void> {\n        await queryRunner.query(\`SELECT 1\`);\n    }\n}\n`;
const mikroOrm = (name: string, up: string) =>
  `import { Migration } from "@mikro-orm/migrations";\n\nexport class ${name} extends Migration {\n  async up(): Promise<void> {\n${up}\n  }\n}\n`;
const django = (deps: string, op: string) =>
  `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n    operations = [\n        ${op},\n    ]\n`;

const repo = new TempRepo({
  'slipway.yaml':
    'version: 1\nmigrations:\n  knex: db/migrations\n  typeorm: src/migrations\n  mikro_orm: packages/user/src/migrations\n  django: ["shop/migrations"]\n  sql: ["sql/*.sql"]\n',
  'db/migrations/20240101000000_users.js': knex(
    'await knex.schema.createTable("users", (t) => t.increments());',
  ),
  'src/migrations/1700000000000-Init.ts': typeorm(
    'Init1700000000000',
    '        await queryRunner.query(`CREATE TABLE "account" ("id" SERIAL NOT NULL, "email" character varying NOT NULL, CONSTRAINT "PK_account" PRIMARY KEY ("id"))`);',
  ),
  'packages/user/src/migrations/Migration20240101000000.ts': mikroOrm(
    'Migration20240101000000',
    '    this.addSql(\'create table "user" ("id" text not null, "email" text null);\');',
  ),
  'shop/__init__.py': '',
  'shop/migrations/__init__.py': '',
  'shop/migrations/0001_initial.py': django(
    '',
    'migrations.CreateModel(name="Order", fields=[("id", models.BigAutoField(primary_key=True, serialize=False))])',
  ),
});
afterAll(() => repo.dispose());

// The in-process traces share one PGlite, emptied between them (helpers/shared-trace-db.ts).
const openTraceDb = sharedTraceDb();
const trace = (args: string[]) => runCli(['trace', ...args], repo.dir, {}, { openTraceDb });

describe('trace on Knex and TypeORM migrations', () => {
  it('a TypeORM migration: its SQL runs after the earlier ones, each statement with its locks; a builder call is listed by its tool', async () => {
    repo.write({
      'src/migrations/1700000000001-Email.ts': typeorm(
        'Email1700000000001',
        [
          '        await queryRunner.query(`ALTER TABLE "account" ADD "verified" boolean NOT NULL DEFAULT false`);',
          '        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_email" ON "account" ("email") `);',
          '        await queryRunner.addColumn("account", new TableColumn({ name: "nick", type: "varchar", isNullable: true }));',
        ].join('\n'),
      ),
    });
    repo.commit('typeorm');
    const file = 'src/migrations/1700000000001-Email.ts';
    const r = await trace([file, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as TraceReport;
    expect(
      report.statements.map((s) => [s.line, s.sql, s.error, s.locks?.map((l) => `${l.mode} ${l.relation}`)]),
    ).toEqual([
      [
        5,
        'ALTER TABLE "account" ADD "verified" boolean NOT NULL DEFAULT false',
        undefined,
        ['AccessExclusiveLock account'],
      ],
      [6, 'CREATE UNIQUE INDEX "IDX_email" ON "account" ("email")', undefined, ['ShareLock account']],
    ]);
    expect(report.notTraced).toEqual([
      expect.objectContaining({
        file,
        line: 7,
        reason: expect.stringMatching(
          /^a TypeORM builder call \(queryRunner\.addColumn\("account".*\): trace does not render TypeORM's builders to SQL$/,
        ),
      }),
    ]);
  });

  it('SQL with bind parameters is listed as not traced; a function body naming $1 still runs (near miss)', async () => {
    repo.write({
      'src/migrations/1700000000002-Fill.ts': typeorm(
        'Fill1700000000002',
        [
          '        await queryRunner.query(`UPDATE "account" SET "email" = $1 WHERE "email" = \'\'`, ["none"]);',
          '        await queryRunner.query(`CREATE FUNCTION "twice"(integer) RETURNS integer AS $$ SELECT $1 * 2 $$ LANGUAGE sql`);',
        ].join('\n'),
      ),
    });
    repo.commit('parameters');
    const file = 'src/migrations/1700000000002-Fill.ts';
    const r = await trace([file, '--format', 'json']);
    const report = JSON.parse(r.stdout) as TraceReport;
    expect(report.statements.filter((s) => s.file === file).map((s) => [s.line, s.error])).toEqual([
      [6, undefined],
    ]);
    expect(report.notTraced.filter((n) => n.file === file)).toEqual([
      expect.objectContaining({
        line: 5,
        reason:
          'it takes bind parameters ($1, ...) the migration passes when it runs, which trace does not have',
      }),
    ]);
  });

  it('a MikroORM migration: what this.execute sends runs first, then what addSql queued (sent after up() returns); a Knex builder handed to addSql is listed by its tool', async () => {
    const file = 'packages/user/src/migrations/Migration20240202000000.ts';
    repo.write({
      [file]: mikroOrm(
        'Migration20240202000000',
        [
          '    this.addSql(\'alter table "user" add column "nick" text null;\');',
          '    await this.execute(\'select count(*) from "user"\');',
          '    const knex = this.getKnex();',
          '    this.addSql(knex("user").where("nick", "x").del());',
        ].join('\n'),
      ),
    });
    repo.commit('mikro-orm');
    const r = await trace([file, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as TraceReport;
    expect(report.statements.map((s) => [s.line, s.sql, s.error])).toEqual([
      [6, 'select count(*) from "user"', undefined],
      [5, 'alter table "user" add column "nick" text null', undefined],
    ]);
    expect(report.notTraced).toEqual([
      expect.objectContaining({
        file,
        line: 8,
        reason: expect.stringMatching(/^a MikroORM builder call \(knex\("user"\)/),
      }),
    ]);
  });

  it('a Knex migration: Knex renders the builder calls, each at its line, and the raw SQL after them finds their table', async () => {
    repo.write({
      'db/migrations/20240202000000_plan.js': knex(
        'await knex.schema.createTable("plans", (t) => { t.increments(); t.string("name").index(); });\n  await knex.raw("ALTER TABLE plans ADD COLUMN price integer");\n  await knex.schema.alterTable("plans", (t) => {\n    t.dropColumn("name");\n    t.integer("qty").notNullable().defaultTo(0);\n  });',
      ),
    });
    repo.commit('knex');
    const r = await trace(['db/migrations/20240202000000_plan.js', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as TraceReport;
    expect(report.statements.map((s) => [s.line, s.sql, s.error])).toEqual([
      [2, 'create table "plans" ("id" serial primary key, "name" varchar(255))', undefined],
      [2, 'create index "plans_name_index" on "plans" ("name")', undefined],
      [3, 'ALTER TABLE plans ADD COLUMN price integer', undefined],
      [5, 'alter table "plans" drop column "name"', undefined],
      [6, 'alter table "plans" add column "qty" integer not null default \'0\'', undefined],
    ]);
    // The drop took the table's lock at its own line, where MIG002 stands.
    expect(report.statements[3]?.locks).toContainEqual({ mode: 'AccessExclusiveLock', relation: 'plans' });
    expect(report.notTraced.filter((n) => n.file === 'db/migrations/20240202000000_plan.js')).toEqual([]);
    expect(report.summary.causes).toEqual([]);
  });

  it('a Knex call Knex cannot be asked about (a loop in its callback) is listed with why; the SQL needing its table fails for that cause', async () => {
    repo.write({
      'db/migrations/20240204000000_tags.js': knex(
        'await knex.schema.createTable("tags", (t) => { for (const c of ["a", "b"]) t.string(c); });\n  await knex.raw("ALTER TABLE tags ADD COLUMN x integer");',
      ),
    });
    repo.commit('knex tags');
    const r = await trace(['db/migrations/20240204000000_tags.js', '--format', 'json']);
    const report = JSON.parse(r.stdout) as TraceReport;
    expect(report.statements.map((s) => [s.line, s.sql, s.error])).toEqual([
      [3, 'ALTER TABLE tags ADD COLUMN x integer', 'relation "tags" does not exist'],
    ]);
    expect(report.notTraced.filter((n) => n.file === 'db/migrations/20240204000000_tags.js')).toEqual([
      expect.objectContaining({
        line: 2,
        reason: expect.stringMatching(
          /^a Knex builder call \(knex\.schema\.createTable\("tags".*: not every argument is known before the migration runs/,
        ),
        makes: ['tags'],
      }),
    ]);
    expect(report.summary.causes).toEqual([
      expect.objectContaining({
        cause: 'Knex builder calls whose arguments are not literals',
        notTraced: 1,
        followOns: 1,
      }),
    ]);
  });

  it('near miss: a named Django migration runs as before', async () => {
    const r = await trace(['shop/migrations/0001_initial.py', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as TraceReport;
    expect(report.statements.map((s) => [s.sql, s.error])).toEqual([
      [
        'CREATE TABLE "shop_order" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY)',
        undefined,
      ],
    ]);
    expect(report.notTraced).toEqual([]);
  });

  it('near miss: a file no section names keeps the plain refusal', async () => {
    repo.write({ 'notes.sql': 'SELECT 1;\n' });
    const r = await trace(['notes.sql']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("notes.sql is not a migration the policy's `migrations` section names");
    repo.remove('notes.sql');
  });

  it('among a change’s files, a Knex drop and a Django one are both traced; the history’s untraced call is counted by its cause', async () => {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write({
      'db/migrations/20240303000000_drop.js': knex('await knex.schema.dropTable("users");'),
      'shop/migrations/0002_drop.py': django(
        '("shop", "0001_initial")',
        'migrations.DeleteModel(name="Order")',
      ),
    });
    repo.commit('drop the users and the orders');
    const r = await trace(['--base', 'main', '--format', 'json']);
    // Exit 1: an earlier Knex migration's raw SQL failed while the schema was built, for want of
    // the table its unrendered builder call makes; counted under that call's cause, as a follow-on.
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as TraceReport & {
      setupErrors: { file: string; line: number; error: string; cause?: string; followOn?: boolean }[];
    };
    expect(report.setupErrors).toEqual([
      {
        file: 'db/migrations/20240204000000_tags.js',
        line: 3,
        error: 'relation "tags" does not exist',
        cause: 'Knex builder calls whose arguments are not literals',
        followOn: true,
      },
    ]);
    expect(report.summary.causes).toEqual([
      expect.objectContaining({
        cause: 'Knex builder calls whose arguments are not literals',
        followOns: 1,
      }),
    ]);
    expect(report.statements.map((s) => [s.file, s.sql, s.error])).toEqual([
      ['shop/migrations/0002_drop.py', 'DROP TABLE "shop_order" CASCADE', undefined],
      ['db/migrations/20240303000000_drop.js', 'drop table "users"', undefined],
    ]);
  });
});

describe('`slipway trace` installed without its optional Knex', () => {
  // What an install that left the optional dependency out has (helpers/trace-install.ts).
  const install = traceInstallWithoutRenderers();
  const knexRepo = new TempRepo({
    'slipway.yaml': 'version: 1\nmigrations:\n  knex: db/migrations\n',
    'db/migrations/20240101000000_users.js': knex('await knex.schema.dropTable("users");'),
  });
  knexRepo.commit('drop');
  afterAll(() => {
    knexRepo.dispose();
    install.dispose();
  });

  it('lists each builder call with what to install, and runs the rest', () => {
    const r = spawnSync(
      process.execPath,
      [install.bin, 'trace', 'db/migrations/20240101000000_users.js', '--format', 'json'],
      { cwd: knexRepo.dir, encoding: 'utf8', env: install.env },
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const report = JSON.parse(r.stdout) as TraceReport;
    expect(report.statements).toEqual([]);
    expect(report.notTraced).toEqual([
      expect.objectContaining({
        line: 2,
        reason: expect.stringContaining(
          'Knex is needed to render it to SQL and Knex, an optional dependency, is not installed beside Slipway (npm install -g knex',
        ),
      }),
    ]);
  });
});
