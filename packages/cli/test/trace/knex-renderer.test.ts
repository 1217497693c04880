import { MemoryRepo, MigrationAnalyzer } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { loadJsRenderers } from '../../src/trace/js-renderers.js';

/**
 * Knex's own SQL for the calls the reader kept (knex-renderer.ts), with Knex 3 as installed
 * beside the CLI: what a call renders to, and that a chain of names from the repository reaches
 * only builder methods (never `then`, a connection or a stream, a constructor or a function's own
 * methods), and no function where Knex would hand it a query builder.
 */
const renderers = await loadJsRenderers();
const render = (body: string) => {
  const repo = new MemoryRepo({ 'db/migrations/1_a.js': `exports.up = async (knex) => {\n${body}\n};\n` });
  const analysis = new MigrationAnalyzer().analyze(repo, {
    alembic: [],
    sqlFiles: [],
    knex: ['db/migrations'],
  });
  const calls = analysis.trees[0]?.modules[0]?.jsBuilders ?? [];
  if (!renderers.knex) throw new Error(`no Knex: ${renderers.knexMissing}`);
  return calls.flatMap((c) => c.steps.map((s) => renderers.knex?.(s)));
};

describe("Knex's SQL for a kept call", () => {
  it('a table with its keys, defaults and index, as Knex writes it for PostgreSQL', () => {
    expect(
      render(`  await knex.schema.withSchema('app').createTable('users', (t) => {
    t.bigIncrements('id');
    t.string('email', 320).notNullable().unique();
    t.integer('org_id').references('id').inTable('app.orgs').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).defaultTo(knex.fn.now());
    t.jsonb('settings').defaultTo(knex.raw("'{}'::jsonb"));
    t.enu('kind', ['a', 'b'], { useNative: true, enumName: 'user_kind' });
    t.index(['org_id', 'email'], 'users_org_email_idx');
  });`),
    ).toEqual([
      {
        sql: [
          'create type "app"."user_kind" as enum (\'a\', \'b\')',
          'create table "app"."users" ("id" bigserial primary key, "email" varchar(320) not null, "org_id" integer, "created_at" timestamptz default CURRENT_TIMESTAMP, "settings" jsonb default \'{}\'::jsonb, "kind" "app"."user_kind")',
          'alter table "app"."users" add constraint "users_email_unique" unique ("email")',
          'alter table "app"."users" add constraint "users_org_id_foreign" foreign key ("org_id") references "app"."orgs" ("id") on delete CASCADE',
          'create index "users_org_email_idx" on "app"."users" ("org_id", "email")',
        ],
      },
    ]);
  });

  it('a comment, as Knex writes it: a quote in the text is not escaped, so trace fails where the deploy would', () => {
    const [plain] = render("  await knex.schema.alterTable('users', (t) => { t.comment('the users'); });");
    expect(plain).toEqual({ sql: ['comment on table "users" is \'the users\''] });
    const [quoted] = render("  await knex.schema.alterTable('users', (t) => { t.comment(\"it's\"); });");
    expect(quoted).toEqual({ sql: ["comment on table \"users\" is 'it's'"] });
  });

  it.each([
    ['then', "  await knex.schema.createTable('t', (t) => { t.string('a').then('x'); });"],
    [
      'constructor',
      "  await knex.schema.createTable('t', (t) => { t.string('a').constructor('return 1'); });",
    ],
    ['a private name', "  await knex.schema.createTable('t', (t) => { t._statements('x'); });"],
    ['toString', "  await knex.schema.createTable('t', (t) => { t.toString(); });"],
    ['a connection', "  await knex.schema.createTable('t', (t) => { t.string('a').connection({}); });"],
    ['a stream', "  await knex.schema.createTable('t', (t) => { t.stream({}); });"],
    ['a property, not a method', "  await knex.schema.createTable('t', (t) => { t.client('x'); });"],
    [
      'a method Knex does not have',
      "  await knex.schema.createTable('t', (t) => { t.notAColumnType('x'); });",
    ],
  ])('refused: %s', (_what, body) => {
    const [out] = render(body);
    expect(out && 'why' in out ? out.why : out).toMatch(/not a builder method Slipway replays|Knex has no/);
  });

  it('refuses what the reader never keeps, if it is handed over anyway: a function where Knex expects a value, a method not replayed', () => {
    const knexRender = renderers.knex;
    if (!knexRender) throw new Error('no Knex');
    const builder = (calls: { method: string; args: unknown[] }[]) =>
      ({ builder: [calls], lines: [1] }) as never;
    // Knex would call this function with a query builder whose fromJS reaches every method.
    const inColumn = knexRender({
      line: 1,
      call: { method: 'createTable', args: ['t', builder([{ method: 'string', args: [builder([])] }])] },
    });
    expect(inColumn).toEqual({ why: 'a table builder where Knex expects a value' });
    expect(knexRender({ line: 1, call: { method: 'dropTable', args: [builder([])] } })).toEqual({
      why: 'a table builder where Knex expects a value',
    });
    expect(knexRender({ line: 1, call: { method: 'then', args: [] } })).toEqual({
      why: '`then` is not a schema method Slipway replays',
    });
  });

  it("writes nothing of Knex's own warnings (they would land in the JSON report)", () => {
    const logged: unknown[] = [];
    const [log, warn] = [console.log, console.warn];
    console.log = (...a: unknown[]) => logged.push(a);
    console.warn = (...a: unknown[]) => logged.push(a);
    try {
      const [out] = render("  await knex.schema.createTableIfNotExists('t', (t) => { t.json('j', true); });");
      expect(out && 'sql' in out ? out.sql[0] : out).toMatch(/^create table if not exists "t"/);
    } finally {
      console.log = log;
      console.warn = warn;
    }
    expect(logged).toEqual([]);
  });
});
