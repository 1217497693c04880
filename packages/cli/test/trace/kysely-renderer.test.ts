import { MemoryRepo, MigrationAnalyzer } from '@slipway/policy-core';
import { describe, expect, it, vi } from 'vitest';
import { loadJsRenderers } from '../../src/trace/js-renderers.js';

/**
 * Kysely's own SQL for the chains the reader kept (kysely-renderer.ts), with Kysely as installed
 * beside the CLI: what a chain compiles to, and that a chain of names from the repository reaches
 * only builder methods (never execute, compile, a plugin, a constructor or a function's own
 * methods), with a function only as a call's last argument.
 */
const renderers = await loadJsRenderers();
const render = (body: string, imports = "import { Kysely, sql } from 'kysely';") => {
  const repo = new MemoryRepo({
    'src/migrations/2024_01_01_a.ts': `${imports}\n\nexport async function up(db: Kysely<any>): Promise<void> {\n${body}\n}\n`,
  });
  const analysis = new MigrationAnalyzer().analyze(repo, {
    alembic: [],
    sqlFiles: [],
    kysely: ['src/migrations'],
  });
  const calls = analysis.trees[0]?.modules[0]?.jsBuilders ?? [];
  if (!renderers.kysely) throw new Error(`no Kysely: ${renderers.kyselyMissing}`);
  return calls.map((c) => renderers.kysely?.(c.steps));
};

describe("Kysely's SQL for a kept chain", () => {
  it('a table with its keys, defaults and references, as Kysely writes it for PostgreSQL', () => {
    expect(
      render(`  await db.schema
    .createTable('users')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('email', 'varchar(320)', (col) => col.notNull().unique())
    .addColumn('org_id', 'integer', (col) => col.references('orgs.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (col) => col.defaultTo(sql\`now()\`).notNull())
    .addColumn('kind', 'text', (col) => col.defaultTo('a'))
    .execute();`),
    ).toEqual([
      {
        sql: [
          'create table "users" ("id" serial primary key, "email" varchar(320) not null unique, "org_id" integer references "orgs" ("id") on delete cascade, "created_at" timestamptz default now() not null, "kind" text default \'a\')',
        ],
      },
    ]);
  });

  it('an alterTable chain is one statement; indexes, schemas and drops as Kysely writes them', () => {
    expect(
      render(`  await db.schema.alterTable('users').addColumn('age', 'integer').dropColumn('nickname').execute();
  await db.schema.alterTable('users').alterColumn('email', (col) => col.setDataType('text')).execute();
  await db.schema.createIndex('users_email').on('users').column('email').unique().execute();
  await db.schema.withSchema('app').dropTable('sessions').ifExists().cascade().execute();
  await db.schema.createType('mood').asEnum(['happy', 'sad']).execute();`),
    ).toEqual([
      { sql: ['alter table "users" add column "age" integer, drop column "nickname"'] },
      { sql: ['alter table "users" alter column "email" type text'] },
      { sql: ['create unique index "users_email" on "users" ("email")'] },
      { sql: ['drop table if exists "app"."sessions" cascade'] },
      { sql: ["create type \"mood\" as enum ('happy', 'sad')"] },
    ]);
  });

  it('what Kysely refuses is the reason, in one line', () => {
    const [out] = render("  await db.schema.createTable('t').addColumn('a', 'not_a_type').execute();");
    expect(out).toEqual({ why: 'invalid column data type "not_a_type"' });
  });

  it.each([
    ['compile', "  await db.schema.createTable('t').compile().execute();"],
    ['toOperationNode', "  await db.schema.createTable('t').toOperationNode().execute();"],
    [
      'constructor',
      "  await db.schema.createTable('t').addColumn('a', 'text', (c) => c.constructor('x')).execute();",
    ],
    ['withPlugin', "  await db.schema.withPlugin('x').createTable('t').execute();"],
    ['toString', "  await db.schema.createTable('t').toString().execute();"],
  ])('refuses `%s`: not a builder method', (name, body) => {
    const [out] = render(body);
    expect(out).toEqual({ why: `\`${name}\` is not a builder method Slipway replays` });
  });

  it('what Kysely prints while it compiles (a deprecation, reached through a callback) reaches no output', () => {
    const log = vi.spyOn(console, 'log');
    try {
      const [out] = render(
        "  await db.schema.createIndex('i').on('users').column('a').where((eb) => eb.selectFrom('t').select('a').orderBy(['a', 'b'])).execute();",
      );
      expect(out).toBeDefined();
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });

  it('a name Kysely does not have there is said, never called', () => {
    const [out] = render("  await db.schema.createTable('t').dropEverything().execute();");
    expect(out).toEqual({ why: 'Kysely has no `dropEverything` there' });
  });
});

describe('what the reader keeps for Kysely to compile (near misses: listed, not rendered)', () => {
  it.each([
    [
      'a variable argument',
      "  const c = process.env.C;\n  await db.schema.alterTable('t').dropColumn(c).execute();",
    ],
    [
      'sql with a substitution',
      `  await db.schema.createTable('t').addColumn('a', 'text', (col) => col.defaultTo(sql\`\${'x'}\`)).execute();`,
    ],
    [
      'a callback with a block body',
      "  await db.schema.createTable('t').addColumn('a', 'text', (col) => { return col.notNull(); }).execute();",
    ],
    [
      'a callback not in the last place',
      "  await db.schema.createTable('t').addColumn((col) => col, 'a', 'text').execute();",
    ],
    ['a chain that is not run', "  db.schema.createTable('t').addColumn('a', 'text');"],
    ['a chain run with arguments', "  await db.schema.createTable('t').addColumn('a', 'text').execute(db);"],
  ])('%s', (_what, body) => {
    expect(render(body)).toEqual([]);
  });

  it('a partial unique index: sql.ref names the column in its WHERE', () => {
    expect(
      render(
        "  await db.schema.createIndex('one_active').on('catalog').column('partner_id').where(sql.ref('is_active'), '=', true).unique().execute();",
      ),
    ).toEqual([
      { sql: ['create unique index "one_active" on "catalog" ("partner_id") where "is_active" = true'] },
    ]);
  });

  it('a module constant and sql.raw are known', () => {
    expect(
      render(
        "  await db.schema.alterTable(TABLE).addColumn('a', 'jsonb', (col) => col.defaultTo(sql.raw(\"'{}'::jsonb\"))).execute();",
        "import { Kysely, sql } from 'kysely';\nconst TABLE = 'users';",
      ),
    ).toEqual([{ sql: ['alter table "users" add column "a" jsonb default \'{}\'::jsonb'] }]);
  });
});
