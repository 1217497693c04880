import { describe, expect, it } from 'vitest';
import {
  MAX_CALL_DEPTH,
  MAX_FOLLOWED_CALLS,
  MAX_FOLLOWED_SIZE,
} from '../../src/migrations/js-local-calls.js';
import { readJsMigration } from '../../src/migrations/js-module.js';

/**
 * A function of the migration's own file handed the handle runs its body where it is called
 * (js-local-calls.ts): a method of the TypeORM class on its own `this`, a function of the module.
 * Whatever cannot be followed is said (MIG042), never read as nothing.
 */
const typeorm = (members: string, head = '') => {
  const m = readJsMigration(
    'src/migrations/1700000000000-A.ts',
    `${head}export class A1700000000000 {\n${members}\n  async down() {}\n}\n`,
    'typeorm',
  );
  return {
    ops: m.upgrade?.ops ?? [],
    tables: (m.upgrade?.ops ?? []).map((o) => o.table),
    unfollowed: (m.upgrade?.unfollowed ?? []).map((u) => `${u.range.start.line + 1}: ${u.what}`),
  };
};
const knex = (src: string) => {
  const m = readJsMigration('db/migrations/20240101_a.js', src, 'knex');
  return {
    tables: (m.upgrade?.ops ?? []).map((o) => o.table),
    unfollowed: (m.upgrade?.unfollowed ?? []).map((u) => u.what),
  };
};

describe('a method of the migration class', () => {
  it('is read at the call, its parameter the handle under its own name', () => {
    const r = typeorm(
      "  async up(queryRunner) {\n    await this.pg(queryRunner);\n  }\n  async pg(qr) {\n    await qr.query('DROP TABLE sessions');\n    await qr.dropTable('tokens');\n  }",
    );
    expect(r.tables).toEqual(['sessions', 'tokens']);
    // The finding is where the statement is written: the helper's lines.
    expect(r.ops.map((o) => o.range.start.line + 1)).toEqual([6, 7]);
    expect(r.unfollowed).toEqual([]);
  });

  it('methods calling methods, the handle at any argument, in call order', () => {
    const r = typeorm(
      "  async up(queryRunner) {\n    await this.first('a', queryRunner);\n    await queryRunner.dropTable('c');\n  }\n  async first(name, q) {\n    await this.second(q);\n  }\n  async second(q) {\n    await q.dropTable('b');\n  }",
    );
    expect(r.tables).toEqual(['b', 'c']);
  });

  it('a call under a condition marks what the helper does conditional', () => {
    const r = typeorm(
      "  async up(queryRunner) {\n    if (process.env.X) await this.pg(queryRunner);\n    await this.pg(queryRunner);\n  }\n  async pg(q) {\n    await q.dropTable('t');\n  }",
    );
    expect(r.ops.map((o) => o.conditional === true)).toEqual([true, false]);
  });

  it("reads the module's constants, not the caller's locals", () => {
    const r = typeorm(
      "  async up(queryRunner) {\n    const LOCAL = 'from_up';\n    await this.pg(queryRunner);\n  }\n  async pg(q) {\n    await q.query(`DROP TABLE ${TABLE}`);\n    await q.query(`DROP TABLE ${LOCAL}`);\n  }",
      "const TABLE = 'from_module';\n",
    );
    expect(r.tables[0]).toBe('from_module');
    // LOCAL is not in the helper's scope: its SQL is not read (MIG030), never read as up's value.
    expect(r.ops[1]?.kind).toBe('unread_sql');
  });

  it('the DataSource’s own query runs outside the migration’s transaction', () => {
    const r = typeorm(
      "  async up(queryRunner) {\n    await queryRunner.connection.query('CREATE INDEX CONCURRENTLY i ON t (a)');\n    await queryRunner.dataSource.manager.query('DROP TABLE old');\n    await queryRunner.query('DROP TABLE kept');\n  }",
    );
    expect(r.ops.map((o) => [o.table ?? o.index, o.inAutocommit === true])).toEqual([
      ['t', true],
      ['old', true],
      ['kept', false],
    ]);
  });

  it.each([
    ['a static method', "  static async pg(q) {\n    await q.dropTable('t');\n  }"],
    ['a getter', "  get pg() {\n    return async (q) => q.dropTable('t');\n  }"],
    ['a decorated method', "  @wrap\n  async pg(q) {\n    await q.dropTable('t');\n  }"],
    ['a method written twice', "  async pg(q);\n  async pg(q) {\n    await q.dropTable('t');\n  }"],
    [
      'a method reassigned',
      "  constructor() {\n    this.pg = async () => {};\n  }\n  async pg(q) {\n    await q.dropTable('t');\n  }",
    ],
    [
      'a method named in a string',
      '  async pg(q) {\n    await q.dropTable(\'t\');\n  }\n  x = Object.defineProperty(this, "pg", {});',
    ],
    ['a method the class does not have (a base class’s)', ''],
  ])('near miss: %s is not followed, and said', (_what, member) => {
    const r = typeorm(`  async up(queryRunner) {\n    await this.pg(queryRunner);\n  }\n${member}`);
    expect(r.tables).toEqual([]);
    expect(r.unfollowed).toEqual([
      '3: queryRunner is handed on as a value, so what is done with it is not read',
    ]);
  });

  it.each([
    ['a pattern parameter', '  async pg({ q }) {}', 'whose parameter it arrives in is not a plain name'],
    ['a rest parameter', '  async pg(...q) {}', 'whose parameter it arrives in is not a plain name'],
    ['calling itself', '  async pg(q) {\n    await this.pg(q);\n  }', 'calls itself again'],
  ])('%s: said at the call', (_what, member, said) => {
    const r = typeorm(`  async up(queryRunner) {\n    await this.pg(queryRunner);\n  }\n${member}`);
    expect(r.unfollowed.join('\n')).toContain(said);
  });

  it("a module function's `this` is not the migration: its `this.m(q)` is not followed", () => {
    const r = typeorm(
      "  async up(queryRunner) {\n    await helper(queryRunner);\n  }\n  async pg(q) {\n    await q.dropTable('t');\n  }",
      'async function helper(q) {\n  await this.pg(q);\n}\n',
    );
    expect(r.tables).toEqual([]);
    expect(r.unfollowed).toEqual(['2: q is handed on as a value, so what is done with it is not read']);
  });

  it('`arguments` in a followed method (or in up): said, as it may reach the handle by position', () => {
    const r = typeorm(
      "  async up(queryRunner) {\n    await this.pg(queryRunner);\n  }\n  async pg(q) {\n    await arguments[0].query('DROP TABLE t');\n  }",
    );
    expect(r.tables).toEqual([]);
    expect(r.unfollowed).toEqual([
      '6: `arguments` reaches what the function was handed by position, which Slipway does not follow',
    ]);
  });

  it('a spread before the handle: said', () => {
    const r = typeorm(
      "  async up(queryRunner) {\n    await this.pg(...[1], queryRunner);\n  }\n  async pg(a, q) {\n    await q.dropTable('t');\n  }",
    );
    expect(r.unfollowed).toEqual(['3: queryRunner handed to this.pg() after a spread argument']);
  });

  it('`this` of a nested function is not the migration: not followed', () => {
    const r = typeorm(
      "  async up(queryRunner) {\n    await [1].forEach(function () { this.pg(queryRunner); });\n  }\n  async pg(q) {\n    await q.dropTable('t');\n  }",
    );
    expect(r.tables).toEqual([]);
    expect(r.unfollowed.length).toBe(1);
  });

  it(`stops ${MAX_CALL_DEPTH} calls deep, and after ${MAX_FOLLOWED_CALLS} bodies, saying so`, () => {
    const chain = Array.from(
      { length: MAX_CALL_DEPTH + 2 },
      (_, i) => `  async m${i}(q) {\n    await q.dropTable('t${i}');\n    await this.m${i + 1}(q);\n  }`,
    ).join('\n');
    const deep = typeorm(`  async up(queryRunner) {\n    await this.m0(queryRunner);\n  }\n${chain}`);
    expect(deep.tables).toEqual(Array.from({ length: MAX_CALL_DEPTH }, (_, i) => `t${i}`));
    expect(deep.unfollowed.join('\n')).toContain(`this.m${MAX_CALL_DEPTH}(): calls nested deeper than`);

    const calls = Array.from(
      { length: MAX_FOLLOWED_CALLS + 3 },
      () => '    await this.pg(queryRunner);',
    ).join('\n');
    const wide = typeorm(
      `  async up(queryRunner) {\n${calls}\n  }\n  async pg(q) {\n    await q.dropTable('t');\n  }`,
    );
    expect(wide.tables.length).toBe(MAX_FOLLOWED_CALLS);
    expect(wide.unfollowed.length).toBe(3);
  });

  it('a large helper called again and again: followed until its bodies add up to 4 times the file', () => {
    const big = Array.from({ length: 200 }, (_, i) => `    await q.query('SELECT ${i}');`).join('\n');
    const calls = Array.from({ length: 20 }, () => '    await this.pg(queryRunner);').join('\n');
    const r = typeorm(
      `  async up(queryRunner) {\n${calls}\n  }\n  async pg(q) {\n${big}\n    await q.dropTable('t');\n  }`,
    );
    // The file is about one body and 20 short calls long: four bodies' worth are read, the rest said.
    expect(r.tables.filter((t) => t === 't').length).toBe(MAX_FOLLOWED_SIZE);
    expect(r.unfollowed.length).toBe(20 - MAX_FOLLOWED_SIZE);
    expect(r.unfollowed[0]).toContain('would add up to more than 4 times the file');
  });
});

describe('a function of the module', () => {
  it('declared or bound to a const, called with the handle', () => {
    const r = knex(
      "async function retire(db) { await db.schema.dropTable('a'); }\nconst more = async (k) => { await k.raw('DROP TABLE b'); };\nexports.up = async function (knex) {\n  await retire(knex);\n  await more(knex);\n};\nexports.down = async function () {};\n",
    );
    expect(r.tables).toEqual(['a', 'b']);
    expect(r.unfollowed).toEqual([]);
  });

  const RETIRE = "async function retire(db) { await db.schema.dropTable('a'); }\n";
  const UP_CALLS = (name: string) => `exports.up = async function (knex) {\n  await ${name}(knex);\n};\n`;
  it.each([
    [
      'bound twice (a local of the same name hides it)',
      `${RETIRE}exports.up = async function (knex) {\n  const retire = async () => {};\n  await retire(knex);\n};\n`,
    ],
    ['imported', `const { retire } = require('./helpers');\n${UP_CALLS('retire')}`],
    [
      'a let, which may be rebound',
      `let retire = async (db) => db.schema.dropTable('a');\n${UP_CALLS('retire')}`,
    ],
    ['assigned again', `${RETIRE}retire = async () => {};\n${UP_CALLS('retire')}`],
  ])('near miss: a function %s is not followed, and said', (_what, body) => {
    const r = knex(`${body}exports.down = async function () {};\n`);
    expect(r.tables).toEqual([]);
    expect(r.unfollowed.join('\n')).toContain('knex is handed on as a value');
  });
});
