import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText, runCheck } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Knex and TypeORM migrations (`migrations.knex`, `migrations.typeorm`) judged by the MIG rules,
 * in process: each way of hiding a change from the reader (a computed name, the handle handed on,
 * a builder passed by name, eval, SQL built at run time) is reported, never read as "nothing
 * happened", and each near miss beside it stays quiet.
 *
 * Over 300 lines: one table of cases, each a way of hiding a change with its near miss beside it;
 * split, a hiding way and its near miss would land in different files.
 */
beforeAll(() => initSqlParser());

const POLICY = 'version: 1\nmigrations:\n  knex: db/migrations\n  typeorm: src/migrations\n';
const INIT = `exports.up = (knex) => knex.schema.createTable("users", (t) => { t.increments("id"); t.string("email"); });
exports.down = (knex) => knex.schema.dropTable("users");
`;
const KNEX = 'db/migrations/20240202000000_change.js';
const TYPEORM = 'src/migrations/1704067200000-Change.ts';

/** A Knex migration whose `up` body is `body` (and whose down is a harmless literal). */
const knexUp = (body: string, extra = '') =>
  `${extra}exports.up = async function (knex) {\n${body}\n};\nexports.down = async function (knex) {\n  await knex.raw("SELECT 1");\n};\n`;
const typeormUp = (body: string, extra = '') =>
  `import { MigrationInterface, QueryRunner } from "typeorm";\nexport class Change1704067200000 implements MigrationInterface {\n${extra}  async up(queryRunner: QueryRunner): Promise<void> {\n${body}\n  }\n  async down(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query("SELECT 1");\n  }\n}\n`;

function rulesOn(path: string, text: string): string[] {
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  // The whole check (runCheck), so `slipway: allow` comments are applied as a user's run applies them.
  const repo = new MemoryRepo({
    'slipway.yaml': POLICY,
    'db/migrations/20240101000000_init.js': INIT,
    [path]: text,
  });
  const { findings } = runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) });
  return findings.filter((f) => f.file === path).map((f) => f.rule);
}

/** [attack or near miss, file, text, rules that must fire, rules that must not]. */
const CASES: [string, string, string, string[], string[]][] = [
  [
    'a schema method named at run time',
    KNEX,
    knexUp('  await knex.schema["drop" + "Table"]("users");'),
    ['MIG042'],
    [],
  ],
  [
    'near miss: the same method written literally',
    KNEX,
    knexUp('  await knex.schema.dropTable("users");'),
    ['MIG001'],
    ['MIG042'],
  ],
  [
    'knex handed to a helper of another module',
    KNEX,
    knexUp('  await retire(knex, "users");', 'const { retire } = require("../lib/retire");\n'),
    ['MIG042'],
    ['MIG001'],
  ],
  [
    'near miss: a helper that is not handed knex',
    KNEX,
    knexUp(
      '  log("users");\n  await knex.schema.createTable("t2", (t) => { t.increments(); });',
      'const log = console.log;\n',
    ),
    [],
    ['MIG042', 'MIG001'],
  ],
  [
    'a table builder callback passed by name',
    KNEX,
    knexUp(
      '  await knex.schema.alterTable("users", dropEmail);',
      'const dropEmail = (t) => t.dropColumn("email");\n',
    ),
    ['MIG042'],
    [],
  ],
  [
    'near miss: the builder callback written in place',
    KNEX,
    knexUp('  await knex.schema.alterTable("users", (t) => t.dropColumn("email"));'),
    ['MIG002'],
    ['MIG042'],
  ],
  ['eval inside up', KNEX, knexUp('  eval("knex.schema.dropTable(\'users\')");'), ['MIG042'], []],
  ['require inside up', KNEX, knexUp('  await require("./drop")(knex);'), ['MIG042'], []],
  [
    'up bound to what another module exports',
    KNEX,
    'exports.up = require("../lib/drop").up;\nexports.down = async () => {};\n',
    ['MIG042'],
    [],
  ],
  [
    'knex stored under another name',
    KNEX,
    knexUp('  const k = knex;\n  await k.schema.dropTable("users");'),
    ['MIG042'],
    [],
  ],
  [
    'raw SQL built from a substitution known only when it runs',
    KNEX,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the migration's own template literal, as its author writes it
    knexUp('  const t = process.env.TABLE;\n  await knex.raw(`DROP TABLE ${t}`);'),
    ['MIG030'],
    [],
  ],
  [
    "raw SQL built from the function's own constant, read in place",
    KNEX,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the migration's own template literal, as its author writes it
    knexUp('  const t = "users";\n  await knex.raw(`DROP TABLE ${t}`);'),
    ['MIG001'],
    ['MIG030'],
  ],
  [
    // Found by a review: a `with` block's object hides any name (sloppy-mode .js).
    'a file with a with statement: no constant is read in place',
    KNEX,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the migration's own template literal, as its author writes it
    knexUp("  const t = 'scratch';\n  with ({ t: 'users' }) { await knex.raw(`DROP TABLE ${t}`); }"),
    ['MIG030'],
    ['MIG001'],
  ],
  [
    // A class expression's own name is the class inside it, not the module's constant.
    "a class expression named like the module's constant: not read in place",
    KNEX,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the migration's own template literal, as its author writes it
    "const T = 'scratch';\nexports.up = async (knex) => { const C = class T {}; await knex.raw(`DROP TABLE ${T}`); };\nexports.down = async () => {};\n",
    ['MIG030'],
    ['MIG001'],
  ],
  [
    'a constant a nested function declares again: not read in place',
    KNEX,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the migration's own template literal, as its author writes it
    knexUp(
      '  const t = "scratch";\n  [1].forEach(() => { const t = "x"; });\n  await knex.raw(`DROP TABLE ${t}`);',
    ),
    ['MIG030'],
    ['MIG001'],
  ],
  [
    'raw DROP TABLE split over a concatenation of literals',
    KNEX,
    knexUp('  await knex.raw("DROP " + "TABLE " + \'users\');'),
    ['MIG001'],
    ['MIG030'],
  ],
  [
    'raw DROP TABLE through a module constant',
    KNEX,
    knexUp('  await knex.raw(SQL);', 'const SQL = `DROP TABLE users`;\n'),
    ['MIG001'],
    ['MIG030'],
  ],
  [
    'raw DROP TABLE written with a unicode escape',
    KNEX,
    knexUp("  await knex.raw('DROP\\u0020TABLE users');"),
    ['MIG001'],
    ['MIG030'],
  ],
  [
    'near miss: a concatenation of literals that only reads',
    KNEX,
    knexUp('  await knex.raw("SELECT " + "1");'),
    [],
    ['MIG001', 'MIG030'],
  ],
  [
    'near miss: knex.raw as a column default is a fragment, not a statement',
    KNEX,
    knexUp(
      '  await knex.schema.alterTable("users", (t) => { t.timestamp("seen_at").defaultTo(knex.raw("now()")); });',
    ),
    [],
    ['MIG030', 'MIG042', 'MIG022'],
  ],
  [
    'a drop inside a transaction callback',
    KNEX,
    knexUp('  await knex.transaction(async (trx) => { await trx.schema.dropTable("users"); });'),
    ['MIG001'],
    ['MIG042'],
  ],
  [
    'a transaction handle Slipway cannot follow',
    KNEX,
    knexUp('  const trx = await knex.transaction();\n  await trx.schema.dropTable("users");'),
    ['MIG042'],
    [],
  ],
  [
    'a call through knex.client (its connection, its query runner)',
    KNEX,
    knexUp('  await knex.client.acquireConnection();'),
    ['MIG042'],
    [],
  ],
  [
    'near miss: knex.client.config read to pick a dialect, every branch read',
    KNEX,
    knexUp('  if (knex.client.config.client === "pg") await knex.schema.dropTable("users");'),
    ['MIG001'],
    ['MIG042'],
  ],
  [
    'delete of every row through the query builder',
    KNEX,
    knexUp('  await knex("users").del();'),
    ['MIG006'],
    [],
  ],
  [
    'near miss: delete with a where',
    KNEX,
    knexUp('  await knex("users").where("id", 1).del();'),
    [],
    ['MIG006'],
  ],
  [
    'an ES module migration dropping a column',
    KNEX.replace('.js', '.ts'),
    'import type { Knex } from "knex";\nexport async function up(knex: Knex): Promise<void> {\n  await knex.schema.table("users", (t: Knex.TableBuilder) => { t.dropColumn("email"); });\n}\nexport async function down(knex: Knex): Promise<void> {\n  await knex.schema.table("users", (t) => { t.string("email"); });\n}\n',
    ['MIG002'],
    ['MIG130', 'MIG042'],
  ],
  [
    'a syntax error Knex cannot load',
    KNEX,
    'exports.up = function (knex) {\n  return knex.schema.dropTable("users"\n};\n',
    ['MIG130'],
    [],
  ],
  ['a file of the folder without up', KNEX, 'module.exports = { helper() {} };\n', ['MIG130'], []],
  [
    'near miss: module.exports with up and down methods',
    KNEX,
    'module.exports = {\n  async up(knex) { await knex.schema.createTable("t2", (t) => { t.increments(); }); },\n  async down(knex) { await knex.schema.dropTable("t2"); },\n};\n',
    [],
    ['MIG130', 'MIG001', 'MIG042'],
  ],
  [
    'TypeORM: SQL from a variable',
    TYPEORM,
    typeormUp('    const sql = process.env.SQL as string;\n    await queryRunner.query(sql);'),
    ['MIG030'],
    [],
  ],
  [
    'TypeORM: queryRunner stored under another name',
    TYPEORM,
    typeormUp('    const q = queryRunner;\n    await q.dropTable("users");'),
    ['MIG042'],
    [],
  ],
  [
    'TypeORM: queryRunner handed to a method of the class',
    TYPEORM,
    typeormUp('    await this.drop(queryRunner);'),
    ['MIG042'],
    [],
  ],
  [
    'TypeORM: a method Slipway does not map',
    TYPEORM,
    typeormUp('    await queryRunner.executeSchemaHack("users");'),
    ['MIG042'],
    [],
  ],
  [
    'TypeORM: NOT NULL column added without default (TableColumn is NOT NULL unless it says isNullable)',
    TYPEORM,
    typeormUp(
      '    await queryRunner.addColumn("users", new TableColumn({ name: "locale", type: "varchar" }));',
    ),
    ['MIG022'],
    [],
  ],
  [
    'near miss: TypeORM nullable column added',
    TYPEORM,
    typeormUp(
      '    await queryRunner.addColumn("users", new TableColumn({ name: "locale", type: "varchar", isNullable: true }));',
    ),
    [],
    ['MIG022', 'MIG042'],
  ],
  [
    // PostgresQueryRunner.createTable returns without a word when ifNotExist is true and the table is there.
    'TypeORM: a table made only if missing (createTable(t, true)) and dropped is maybe an old one',
    TYPEORM,
    typeormUp(
      '    await queryRunner.createTable(new Table({ name: "scratch", columns: [{ name: "id", type: "int" }] }), true);\n    await queryRunner.dropTable("scratch");',
    ),
    ['MIG001'],
    [],
  ],
  [
    'near miss: TypeORM table made in the migration (createTable(t) or createTable(t, false)) and dropped',
    TYPEORM,
    typeormUp(
      '    await queryRunner.createTable(new Table({ name: "scratch", columns: [{ name: "id", type: "int" }] }), false);\n    await queryRunner.dropTable("scratch");',
    ),
    [],
    ['MIG001', 'MIG042'],
  ],
  [
    "near miss: a drop allowed by a comment in the file's own syntax",
    TYPEORM,
    typeormUp(
      '    // slipway: allow MIG001 -- retired in ticket 12\n    await queryRunner.dropTable("users");',
    ),
    [],
    ['MIG001'],
  ],
  [
    // A quoted key is the same key to JavaScript: Knex calls this up (it was "exports no up", MIG130).
    'module.exports with quoted "up"/"down" keys is read, its drop found',
    KNEX,
    'module.exports = {\n  "up": (knex) => knex.schema.dropTable("users"),\n  \'down\': (knex) => knex.raw("SELECT 1"),\n};\n',
    ['MIG001'],
    ['MIG130', 'MIG042'],
  ],
  [
    'a comment between "up:" and its function does not hide the function',
    KNEX,
    'module.exports = {\n  up: /* retire the table */ (knex) => knex.schema.dropTable("users"),\n  down: (knex) => knex.raw("SELECT 1"),\n};\n',
    ['MIG001'],
    ['MIG130', 'MIG042'],
  ],
  [
    'near miss: quoted keys around a harmless up',
    KNEX,
    'module.exports = {\n  "up": (knex) => knex.raw("SELECT 1"),\n  \'down\': (knex) => knex.raw("SELECT 1"),\n};\n',
    [],
    ['MIG001', 'MIG130', 'MIG042'],
  ],
];

describe('Knex and TypeORM migrations', () => {
  it.each(CASES)('%s', (_what, path, text, fire, quiet) => {
    const rules = rulesOn(path, text);
    for (const r of fire) expect(rules, `${r} must fire`).toContain(r);
    for (const r of quiet) expect(rules, `${r} must stay quiet`).not.toContain(r);
  });
});
