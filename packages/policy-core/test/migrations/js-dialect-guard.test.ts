import { describe, expect, it } from 'vitest';
import { readJsMigration } from '../../src/migrations/js-module.js';

/**
 * A Knex migration's branch for another database (js-dialect-guard.ts) is not read: what a
 * SQLite-only branch drops and makes again never runs on PostgreSQL. A test the reader cannot
 * decide for every name a knexfile gives PostgreSQL's client leaves both branches read.
 */
const up = (body: string) =>
  `exports.up = async function (knex) {\n${body}\n};\nexports.down = async function () {};\n`;
const read = (test: string) => {
  const m = readJsMigration(
    'db/migrations/1_a.js',
    up(
      `  if (${test}) {\n    await knex.schema.dropTable('then_branch');\n  } else {\n    await knex.schema.dropTable('else_branch');\n  }`,
    ),
    'knex',
  );
  return {
    dropped: (m.upgrade?.ops ?? []).map((o) => o.table),
    skipped: m.jsOtherDatabase ?? [],
    replayed: (m.jsBuilders ?? []).flatMap((b) => b.steps.map((s) => s.call.args[0])),
  };
};

describe('branches on the Knex client', () => {
  it.each([
    ["knex.client.config.client.includes('sqlite3')", ['else_branch']],
    ["!knex.client.config.client.includes('sqlite3')", ['then_branch']],
    ["knex.client.config.client === 'mysql'", ['else_branch']],
    ["knex.client.config.client !== 'mysql2'", ['then_branch']],
    ["(knex.client.dialect === 'postgresql')", ['then_branch']],
    ["'postgresql' === knex.client.dialect", ['then_branch']],
    [
      "knex.client.config.client.startsWith('sqlite') || knex.client.config.client === 'mssql'",
      ['else_branch'],
    ],
    ["!knex.client.config.client.includes('sqlite3') && knex.client.dialect !== 'mysql'", ['then_branch']],
  ])('%s: reads only the branch PostgreSQL runs', (test, dropped) => {
    const r = read(test);
    expect(r.dropped).toEqual(dropped);
    expect(r.replayed).toEqual(dropped);
    // The skipped branch's line, for trace: the `if`'s block (line 2) or its `else` (line 4).
    expect(r.skipped).toEqual(dropped[0] === 'else_branch' ? [2] : [4]);
  });

  it.each([
    // Depends on which name the knexfile gives PostgreSQL: pg, postgres, postgresql.
    "knex.client.config.client === 'pg'",
    "knex.client.config.client.includes('postgres')",
    // Not a client test.
    'isSqlite',
    "process.env.DB === 'sqlite'",
    "other.client.config.client.includes('sqlite3')",
    "knex.client.config.client.indexOf('sqlite3') >= 0",
  ])('near miss: %s reads both branches', (test) => {
    const r = read(test);
    expect(r.dropped).toEqual(['then_branch', 'else_branch']);
    expect(r.skipped).toEqual([]);
  });

  it('an `if` without an else: a branch for another database reads nothing, an `if` for PostgreSQL reads its block', () => {
    const body = (test: string) =>
      readJsMigration(
        'db/migrations/1_a.js',
        up(`  if (${test}) await knex.schema.dropTable('t');\n  await knex.schema.dropTable('after');`),
        'knex',
      ).upgrade?.ops.map((o) => o.table);
    expect(body("knex.client.config.client.includes('sqlite3')")).toEqual(['after']);
    expect(body("!knex.client.config.client.includes('sqlite3')")).toEqual(['t', 'after']);
  });
});

describe('a const bound to a client test', () => {
  const body = (decl: string, test = 'isSQLite') =>
    readJsMigration(
      'db/migrations/1_a.js',
      up(
        `  ${decl}\n  if (${test}) {\n    await knex.raw('ALTER TABLE t DROP COLUMN a');\n  } else {\n    await knex.schema.alterTable('t', (x) => x.dropColumn('a'));\n  }`,
      ),
      'knex',
    );
  it('is the test it is bound to', () => {
    const m = body("const isSQLite = knex.client.config.client.includes('sqlite');");
    expect(m.jsSql).toBeUndefined();
    expect(m.jsBuilders?.flatMap((b) => b.steps.map((s) => s.call.method))).toEqual(['alterTable']);
    expect(m.upgrade?.ops.map((o) => o.kind)).toEqual(['drop_column']);
    expect(
      body("const isPg = !knex.client.config.client.includes('sqlite');", '!isPg').jsSql,
    ).toBeUndefined();
  });
  it.each([
    "let isSQLite = knex.client.config.client.includes('sqlite');",
    'const isSQLite = process.env.SQLITE === "1";',
    "const other = knex.client.config.client.includes('sqlite');",
  ])('near miss: %s reads both branches', (decl) => {
    const m = body(decl);
    expect(m.jsSql?.map((s) => s.sql)).toEqual(['ALTER TABLE t DROP COLUMN a']);
    expect(m.upgrade?.ops.map((o) => o.kind)).toEqual(['drop_column', 'drop_column']);
  });
});

describe('a body that could make the client test lie decides nothing', () => {
  const ops = (body: string) =>
    readJsMigration('db/migrations/1_a.js', up(body), 'knex').upgrade?.ops.map((o) => o.table);
  it.each([
    [
      'the client name written first',
      "  knex.client.config.client = 'sqlite3';\n  if (knex.client.config.client === 'sqlite3') await knex.schema.dropTable('users');",
    ],
    [
      'Object.assign on the handle',
      "  Object.assign(knex.client.config, { client: 'sqlite3' });\n  if (knex.client.config.client === 'sqlite3') await knex.schema.dropTable('users');",
    ],
    [
      'delete on the handle',
      "  delete knex.client.config.client;\n  if (knex.client.config.client !== 'pg' && knex.client.config.client !== 'postgres' && knex.client.config.client !== 'postgresql') await knex.schema.dropTable('users');",
    ],
    [
      'the test’s const shadowed by a loop variable',
      "  const isSqlite = knex.client.config.client.includes('sqlite');\n  for (const isSqlite of [true]) { if (isSqlite) await knex.schema.dropTable('users'); }",
    ],
    [
      'the test’s const shadowed by a callback parameter',
      "  const isPg = !knex.client.config.client.includes('sqlite');\n  await [false].reduce(async (_, isPg) => { if (!isPg) await knex.schema.dropTable('users'); }, null);",
    ],
    [
      'the handle’s name bound again inside',
      "  const run = async (knex) => { if (knex.client.config.client.includes('sqlite3')) await knex.schema.dropTable('users'); };\n  await run({ client: { config: { client: 'sqlite3' } }, schema: knex.schema });",
    ],
  ])('%s: the drop is read', (_what, body) => {
    expect(ops(body)).toContain('users');
  });

  it('comments between the test and its branches change nothing', () => {
    const m = readJsMigration(
      'db/migrations/1_a.js',
      up(
        "  if (knex.client.config.client.includes('sqlite3')) /* sqlite */ {\n    await knex.schema.dropTable('a');\n  } else /* pg */ {\n    await knex.schema.dropTable('b');\n  }",
      ),
      'knex',
    );
    expect(m.upgrade?.ops.map((o) => o.table)).toEqual(['b']);
    expect(m.jsOtherDatabase).toEqual([2]);
  });
});

describe('a const bound to the client name', () => {
  it("`const client = knex.client.config.client; if (client.includes('mysql'))` is a client test", () => {
    const m = readJsMigration(
      'db/migrations/1_a.js',
      up(
        "  const client = knex.client.config.client;\n  if (client.includes('pg')) {\n    await knex.schema.dropTable('pg_or_not');\n  } else if (client.includes('mysql')) {\n    await knex.raw('SELECT DATABASE()');\n  }",
      ),
      'knex',
    );
    // includes('pg') depends on which of pg, postgres, postgresql the knexfile names: read.
    expect(m.upgrade?.ops.map((o) => o.table)).toEqual(['pg_or_not']);
    expect(m.jsSql).toBeUndefined();
    expect(m.jsOtherDatabase).toEqual([5]);
  });
});
