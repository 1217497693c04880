import { describe, expect, it } from 'vitest';
import { readJsMigration } from '../../src/migrations/js-module.js';
import type { JsBuilderStep } from '../../src/migrations/js-builder-call.js';
import { renderJsMigration } from '../../src/trace/render-js.js';

/**
 * How trace places what Knex renders (render-js.ts), apart from Knex: the renderer here is a
 * stand-in that writes each call's method and line (the real one, Knex itself, is tested with
 * the CLI: packages/cli/test/trace/knex-renderer.test.ts). What is under test is the order, the
 * lines, what is left out as rendered, and what is said when nothing can render.
 */
const src = `exports.up = async function (knex) {
  await knex.raw('CREATE TABLE first (id int)');
  await knex.schema.alterTable('first', (t) => {
    t.string('a');
    t.dropColumn('id');
  });
  await knex.schema.createTable('dyn', (t) => { for (const c of ['a']) t.string(c); });
  if (knex.client.config.client.includes('sqlite3')) {
    await knex.schema.dropTable('first');
  }
  await knex.raw('SELECT 1');
};
exports.down = async function () {};
`;
const module = readJsMigration('db/migrations/1_a.js', src, 'knex');
const written = (c: JsBuilderStep) =>
  `SELECT '${c.call.method} ${JSON.stringify(c.call.args[1] ?? null).length}'`;

describe('Knex calls in the trace plan', () => {
  it('rendered calls run where they are written, an alterTable one statement per line; the rest is listed with why', () => {
    const r = renderJsMigration('db/migrations/1_a.js', module, { knex: (c) => ({ sql: [written(c)] }) });
    expect(r.statements.map((s) => [s.line, s.sql.slice(0, 19)])).toEqual([
      [2, 'CREATE TABLE first '],
      [4, "SELECT 'alterTable "],
      [5, "SELECT 'alterTable "],
      [11, 'SELECT 1'],
    ]);
    expect(r.notTraced.map((n) => [n.line, n.cause ?? n.reason])).toEqual([
      [7, 'Knex builder calls whose arguments are not literals'],
      [8, 'a branch for another database: PostgreSQL does not run it'],
    ]);
  });

  it('a call Knex refuses is listed with what Knex said, its steps not run', () => {
    const r = renderJsMigration('db/migrations/1_a.js', module, {
      knex: (c) => (c.call.method === 'alterTable' ? { why: 'no such method' } : { sql: [written(c)] }),
    });
    expect(r.statements.map((s) => s.line)).toEqual([2, 11]);
    expect(r.notTraced.map((n) => [n.line, n.reason.replace(/ \(.*?\):/, ':')])).toEqual([
      [4, 'a Knex builder call: Knex could not render it (no such method)'],
      [5, 'a Knex builder call: Knex could not render it (no such method)'],
      [7, expect.stringContaining('not every argument is known')],
      [8, 'a branch for another database: PostgreSQL does not run it'],
    ]);
  });

  it('without Knex at hand, every builder step says so and why', () => {
    const r = renderJsMigration('db/migrations/1_a.js', module, {
      knexMissing: 'Knex is not installed here',
    });
    expect(r.statements.map((s) => s.line)).toEqual([2, 11]);
    expect(r.notTraced.slice(0, 3).map((n) => [n.line, n.cause])).toEqual([
      [4, 'Knex builder calls: Knex is not installed beside Slipway'],
      [5, 'Knex builder calls: Knex is not installed beside Slipway'],
      [7, 'Knex builder calls: Knex is not installed beside Slipway'],
    ]);
    expect(r.notTraced[0]?.reason).toContain(
      'Knex is needed to render it to SQL and Knex is not installed here',
    );
  });

  it('near miss: a TypeORM builder call is listed by its tool, as before', () => {
    const ts = `import { MigrationInterface, QueryRunner } from "typeorm";
export class A1 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable("users");
  }
  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    const m = readJsMigration('src/migrations/1-A.ts', ts, 'typeorm');
    const r = renderJsMigration('src/migrations/1-A.ts', m, { knex: () => ({ sql: ['SELECT 1'] }) });
    expect(r.statements).toEqual([]);
    expect(r.notTraced.map((n) => n.cause)).toEqual([
      'TypeORM builder calls: trace does not render them to SQL',
    ]);
  });
});

describe('knex.schema.raw inside a chain', () => {
  const chain = `exports.up = function (knex) {
  return knex.schema
    .raw('DROP VIEW latest;')
    .dropTable('log')
    .createTable('log', (t) => { t.bigIncrements('id'); })
    .raw('CREATE VIEW latest AS SELECT max(id) FROM log');
};
`;
  const m = readJsMigration('db/migrations/1_a.js', chain, 'knex');
  it('runs once, in the chain’s order, when Knex renders the chain', () => {
    const r = renderJsMigration('db/migrations/1_a.js', m, {
      knex: (s) => ({
        sql: [s.call.method === 'raw' ? (s.call.args[0] as string) : `SELECT '${s.call.method}'`],
      }),
    });
    // Each at the line the chain starts, where the MIG rules put the findings of its calls.
    expect(r.statements.map((s) => [s.line, s.sql])).toEqual([
      [2, 'DROP VIEW latest'],
      [2, "SELECT 'dropTable'"],
      [2, "SELECT 'createTable'"],
      [2, 'CREATE VIEW latest AS SELECT max(id) FROM log'],
    ]);
    expect(r.notTraced).toEqual([]);
  });
  it('runs as SQL texts, the builder calls listed, when Knex cannot', () => {
    const r = renderJsMigration('db/migrations/1_a.js', m, { knexMissing: 'not here' });
    expect(r.statements.map((s) => s.sql)).toEqual([
      'DROP VIEW latest',
      'CREATE VIEW latest AS SELECT max(id) FROM log',
    ]);
    expect(r.notTraced.map((n) => [n.line, n.cause])).toEqual([
      [2, 'Knex builder calls: Knex is not installed beside Slipway'],
    ]);
  });
  it('near miss: raw alone is a SQL text, never a replayed chain', () => {
    const lone = readJsMigration(
      'db/migrations/1_a.js',
      "exports.up = (knex) => knex.schema.raw('DROP TABLE a');\n",
      'knex',
    );
    expect(lone.jsBuilders).toBeUndefined();
    expect(lone.jsSql?.map((t) => t.sql)).toEqual(['DROP TABLE a']);
  });
});
