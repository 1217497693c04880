import { describe, expect, it } from 'vitest';
import { readJsMigration } from '../../src/migrations/js-module.js';

/**
 * The Knex schema calls the reader keeps as data for trace (js-knex-replay.ts): each argument
 * known before the migration runs, or the call is not kept (trace then lists it with why).
 */
const up = (body: string, head = '') =>
  `${head}exports.up = async function (knex) {\n${body}\n};\nexports.down = async function () {};\n`;
const calls = (body: string, head = '') =>
  readJsMigration('db/migrations/1_a.js', up(body, head), 'knex').jsBuilders ?? [];

describe('Knex calls kept for trace', () => {
  it('a createTable of literals, module constants, negatives, lists, objects, knex.raw and knex.fn.now', () => {
    const table = (length: string) =>
      calls(
        `  await knex.schema.createTable(TABLE, (t) => {
    t.increments('id');
    t.decimal('price', 10, -2).defaultTo(0.5);
    t.enu('kind', ['a', "b"], { useNative: true, enumName: 'kind_t' });
    t.timestamp('at').defaultTo(knex.fn.now());
    t.jsonb('data').defaultTo(knex.raw("'{}'::jsonb"));
    t.boolean('on').defaultTo(false).nullable();
    t.string(\`note\`, ${length});
  });`,
        "const TABLE = 'orders';\n",
      );
    // The last statement's length an expression: the whole call is not kept.
    expect(table('10 + 0 === 10 ? 5 : 6')).toEqual([]);
    const [kept] = table('null');
    expect(kept?.autocommit).toBe(false);
    expect(kept?.steps).toHaveLength(1);
    expect(kept?.steps[0]?.line).toBe(3);
    expect(kept?.steps[0]?.call).toEqual({
      method: 'createTable',
      args: [
        'orders',
        {
          builder: [
            [{ method: 'increments', args: ['id'] }],
            [
              { method: 'decimal', args: ['price', 10, -2] },
              { method: 'defaultTo', args: [0.5] },
            ],
            [
              {
                method: 'enu',
                args: [
                  'kind',
                  { list: ['a', 'b'] },
                  {
                    object: [
                      ['useNative', true],
                      ['enumName', 'kind_t'],
                    ],
                  },
                ],
              },
            ],
            [
              { method: 'timestamp', args: ['at'] },
              { method: 'defaultTo', args: [{ now: true }] },
            ],
            [
              { method: 'jsonb', args: ['data'] },
              { method: 'defaultTo', args: [{ raw: "'{}'::jsonb" }] },
            ],
            [
              { method: 'boolean', args: ['on'] },
              { method: 'defaultTo', args: [false] },
              { method: 'nullable', args: [] },
            ],
            [{ method: 'string', args: ['note', null] }],
          ],
          lines: [4, 5, 6, 7, 8, 9, 10],
        },
      ],
    });
  });

  it('each call of a chain, with the schema withSchema names, an expression-bodied callback, and a drop', () => {
    const kept = calls(
      `  await knex.schema.withSchema('app').alterTable('users', (t) => t.dropColumn('a')).dropTable('old');
  await knex.schema.createTable('empty', function () {});`,
    );
    expect(kept.map((k) => k.steps.map((s) => [s.line, s.schema, s.call.method, s.call.args]))).toEqual([
      [
        [
          2,
          'app',
          'alterTable',
          ['users', { builder: [[{ method: 'dropColumn', args: ['a'] }]], lines: [2] }],
        ],
        [2, 'app', 'dropTable', ['old']],
      ],
      [[3, undefined, 'createTable', ['empty', { builder: [], lines: [] }]]],
    ]);
  });

  it('a chain is kept whole or not at all', () => {
    // The second call's table is a variable: neither runs in trace, both are listed.
    expect(
      calls(
        "  const name = process.env.B;\n  await knex.schema.dropTable('a').createTable(name, (t) => t.increments());",
      ),
    ).toEqual([]);
    expect(
      // A call trace does not replay (a view built from a query) keeps the whole chain out.
      calls("  await knex.schema.dropTable('a').createView('v', (v) => { v.as(knex.select('*')); });"),
    ).toEqual([]);
  });

  it('a function is kept only as the table builder callback', () => {
    // Knex calls a function found where a name belongs with a query builder: never handed one.
    expect(
      calls("  await knex.schema.createTable('t', (t) => { t.string((q) => q.fromJS({ then: 1 })); });"),
    ).toEqual([]);
    expect(calls('  await knex.schema.dropTable((q) => q.fromJS({ then: 1 }));')).toEqual([]);
    expect(calls("  await knex.schema.createTable('t', (t) => t.increments(), (x) => x);")).toEqual([]);
  });

  it.each([
    ['a variable argument', '  const name = process.env.T;\n  await knex.schema.dropTable(name);'],
    [
      'a loop in the callback',
      "  await knex.schema.createTable('t', (t) => { for (const c of ['a']) t.string(c); });",
    ],
    ['a helper called in the callback', "  await knex.schema.createTable('t', (t) => { addColumns(t); });"],
    [
      'a statement not on the builder',
      "  await knex.schema.createTable('t', (t) => { console.log(t); t.increments(); });",
    ],
    [
      'a spread in an options object',
      "  await knex.schema.createTable('t', (t) => { t.enu('k', ['a'], { ...opts }); });",
    ],
    [
      'a computed key',
      "  await knex.schema.createTable('t', (t) => { t.enu('k', ['a'], { [key]: true }); });",
    ],
    ['a callback using `this`', "  await knex.schema.createTable('t', function () { this.increments(); });"],
    [
      'knex.raw with bindings',
      "  await knex.schema.createTable('t', (t) => { t.string('a').defaultTo(knex.raw('?', ['x'])); });",
    ],
    ['a callback passed by name', "  await knex.schema.createTable('t', build);"],
    [
      'a member read off the builder',
      "  await knex.schema.createTable('t', (t) => { t.string('a').x.y(); });",
    ],
  ])('not kept: %s', (_what, body) => {
    expect(calls(body)).toEqual([]);
  });

  it('near miss: knex.raw and knex.schema.raw stay SQL texts, never builder calls', () => {
    const m = readJsMigration(
      'db/migrations/1_a.js',
      up("  await knex.raw('DROP TABLE a');\n  await knex.schema.raw('DROP TABLE b');"),
      'knex',
    );
    expect(m.jsBuilders).toBeUndefined();
    expect(m.jsSql?.map((s) => s.sql)).toEqual(['DROP TABLE a', 'DROP TABLE b']);
  });

  it('outside a transaction when the migration says so', () => {
    const m = readJsMigration(
      'db/migrations/1_a.js',
      `exports.config = { transaction: false };\n${up("  await knex.schema.dropTable('a');")}`,
      'knex',
    );
    expect(m.jsBuilders?.[0]?.autocommit).toBe(true);
  });
});

describe("Knex's older `this` builder", () => {
  it('is said, not silently read as building nothing', () => {
    const m = readJsMigration(
      'db/migrations/1_a.js',
      up("  await knex.schema.alterTable('users', function () { this.dropColumn('email'); });"),
      'knex',
    );
    expect(m.upgrade?.unfollowed?.map((u) => u.what)).toEqual([
      "a table builder used as `this` (Knex's older callback style), which Slipway does not read",
    ]);
  });

  it('near miss: an empty callback, or an arrow function (whose `this` is not the builder), says nothing', () => {
    for (const body of [
      "  await knex.schema.createTable('a', function () {});",
      "  await knex.schema.alterTable('a', () => { this.log('x'); });",
      "  await knex.schema.alterTable('a', function () { return function () { this.x(); }; });",
    ])
      expect(
        readJsMigration('db/migrations/1_a.js', up(body), 'knex').upgrade?.unfollowed,
        body,
      ).toBeUndefined();
  });
});
