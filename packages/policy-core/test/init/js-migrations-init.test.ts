import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText, runCheck } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectIn, initPolicy } from './init-harness.js';

/**
 * `slipway init` on Knex and TypeORM projects (issue 51 §1): the folders their configs name,
 * read statically (a knexfile is a program; Slipway parses it, never runs it), else the
 * migrations themselves; what a config says that cannot be read without running it is said.
 * And the knexfile's `disableTransactions` fed to the CONCURRENTLY rules, in process.
 */
beforeAll(() => initSqlParser());

const KNEX_MIGRATION = `exports.up = (knex) => knex.schema.createTable("users", (t) => { t.increments("id"); });
exports.down = (knex) => knex.schema.dropTable("users");
`;
const TYPEORM_MIGRATION = `import { MigrationInterface, QueryRunner } from "typeorm";
export class Users1704067200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> { await queryRunner.query("CREATE TABLE users (id int)"); }
  async down(queryRunner: QueryRunner): Promise<void> { await queryRunner.query("DROP TABLE users"); }
}
`;
const SEQUELIZE_MIGRATION = `'use strict';
module.exports = {
  async up(queryInterface, Sequelize) { await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true } }); },
  async down(queryInterface) { await queryInterface.dropTable('users'); },
};
`;
const knexfile = (migrations: string) =>
  `const path = require("path");\nmodule.exports = {\n  client: "pg",\n  connection: process.env.DATABASE_URL,\n  migrations: ${migrations},\n};\n`;

/** [case, files, knex folders, typeorm folders, a decision that must be said, sequelize, kysely, mikro_orm folders]. */
type Case = [string, Record<string, string>, string[], string[], RegExp, string[]?, string[]?, string[]?];
const CASES: Case[] = [
  [
    'a knexfile naming its directory as a literal',
    {
      'knexfile.js': knexfile('{ directory: "./db/migrations", tableName: "knex_migrations" }'),
      'db/migrations/20240101000000_users.js': KNEX_MIGRATION,
    },
    ['db/migrations'],
    [],
    /^db\/migrations: 1 Knex migration \(knexfile\.js names it\)/,
  ],
  [
    'a knexfile with a comment between a key and its value (read as the value, not as the comment)',
    {
      'knexfile.js': knexfile(
        '{\n    directory: /* one folder for all environments */ "./db/migrations",\n  }',
      ),
      'db/migrations/20240101000000_users.js': KNEX_MIGRATION,
    },
    ['db/migrations'],
    [],
    /^db\/migrations: 1 Knex migration \(knexfile\.js names it\)/,
  ],
  [
    'a knexfile spreading shared settings into its migrations block: the spread is said, not read',
    {
      'knexfile.js': knexfile('{ ...shared.migrations, directory: "./db/migrations" }'),
      'db/migrations/20240101000000_users.js': KNEX_MIGRATION,
    },
    ['db/migrations'],
    [],
    /^knexfile\.js: migrations is `\.\.\.shared\.migrations`, which Slipway does not read without running the file/,
  ],
  [
    'a knexfile with path.join(__dirname, ...) in a package folder',
    {
      'services/api/knexfile.ts': knexfile('{ directory: path.join(__dirname, "src", "migrations") }'),
      'services/api/src/migrations/20240101000000_users.ts': KNEX_MIGRATION,
    },
    ['services/api/src/migrations'],
    [],
    /services\/api\/knexfile\.ts names it/,
  ],
  [
    "a knexfile without a directory: Knex's default ./migrations",
    {
      'knexfile.cjs': 'module.exports = { client: "pg", migrations: { tableName: "m" } };\n',
      'migrations/1_a.js': KNEX_MIGRATION,
    },
    ['migrations'],
    [],
    /^migrations: 1 Knex migration/,
  ],
  [
    'a knexfile whose directory is computed: said, with what to do, and nothing guessed',
    {
      'knexfile.js': knexfile('{ directory: process.env.MIGRATIONS_DIR }'),
      'db/migrations/20240101000000_users.js': KNEX_MIGRATION,
    },
    [],
    [],
    /knexfile\.js: migrations\.directory is `process\.env\.MIGRATIONS_DIR`, which Slipway does not read without running the file .*name the folder under migrations\.knex by hand/,
  ],
  [
    'no knexfile, a package.json depending on knex and Knex-shaped migrations',
    {
      'package.json': '{ "dependencies": { "knex": "^3.1.0", "pg": "^8" } }',
      'migrations/20240101000000_users.js': KNEX_MIGRATION,
    },
    ['migrations'],
    [],
    /^migrations: 1 Knex migration \(Knex-shaped files, and package\.json depends on knex\)/,
  ],
  [
    // louislam/uptime-kuma: no knexfile; server/database.js runs knex.migrate.latest({ directory: "./db/knex_migrations" }).
    'no knexfile, Knex-shaped migrations in a folder named knex_migrations',
    {
      'package.json': '{ "dependencies": { "knex": "~2.4.2", "pg": "^8" } }',
      'db/knex_migrations/2023-08-16-0000-create-uptime.js': KNEX_MIGRATION,
      'db/knex_migrations/2023-10-16-0000-create-remote-browsers.js': KNEX_MIGRATION,
      // Near misses beside it: a folder whose name only starts with migrations, another database's folder.
      'db/migrations-archive/2020-01-01-0000-old.js': KNEX_MIGRATION,
      'db/sqlite_migrations/2023-08-16-0000-create-uptime.js': KNEX_MIGRATION,
    },
    ['db/knex_migrations'],
    [],
    /^db\/knex_migrations: 2 Knex migrations \(Knex-shaped files, and package\.json depends on knex\)/,
  ],
  [
    // medusajs/medusa: MikroORM migrations (knex under @mikro-orm/knex, `const knex = this.getKnex()` in a file) beside a
    // package.json naming knex: not proposed as Knex (its reader would judge none of this.addSql), proposed as MikroORM's.
    'MikroORM migrations using knex, a package.json depending on knex: MikroORM, not Knex',
    {
      'package.json': '{ "dependencies": { "@mikro-orm/migrations": "5.9.7", "knex": "2.4.2" } }',
      'src/migrations/Migration20240524123112.ts':
        'import { Migration } from "@mikro-orm/migrations";\nexport class Migration20240524123112 extends Migration {\n  async up(): Promise<void> {\n    const knex = this.getKnex();\n    this.addSql(knex.schema.dropTable("customer_address").toQuery());\n  }\n}\n',
    },
    [],
    [],
    /^src\/migrations: 1 MikroORM migration \(classes extending MikroORM's Migration\); checked as MikroORM migrations \(migrations\.mikro_orm\)$/,
    [],
    [],
    ['src/migrations'],
  ],
  [
    'near miss: the same files, the package.json naming no knex (not proposed, listed as not judged)',
    {
      'package.json': '{ "dependencies": { "pg": "^8" } }',
      'migrations/20240101000000_users.js': KNEX_MIGRATION,
    },
    [],
    [],
    /^not judged: 1 Knex migration .*migrations\.knex/,
  ],
  [
    'a TypeORM data source naming its migrations glob',
    {
      'package.json': '{ "dependencies": { "typeorm": "^0.3" } }',
      'src/data-source.ts':
        'import { DataSource } from "typeorm";\nexport default new DataSource({ type: "postgres", migrations: ["src/migrations/*.ts"] });\n',
      'src/migrations/1704067200000-Users.ts': TYPEORM_MIGRATION,
    },
    [],
    ['src/migrations'],
    /^src\/migrations: 1 TypeORM migration \(src\/data-source\.ts names `src\/migrations\/\*\.ts`\)/,
  ],
  [
    "an ormconfig.json naming built output: said, and the classes' folder taken",
    {
      'ormconfig.json': '{ "type": "postgres", "migrations": ["dist/migrations/*.js"] }',
      'src/db/migrations/1704067200000-Users.ts': TYPEORM_MIGRATION,
    },
    [],
    ['src/db/migrations'],
    /ormconfig\.json: migrations `dist\/migrations\/\*\.js` names dist\/migrations, which holds no migration/,
  ],
  [
    ".sequelizerc naming migrations-path with path.resolve: sequelize-cli's folder",
    {
      '.sequelizerc':
        'const path = require("path");\nmodule.exports = { "migrations-path": path.resolve("db", "migrations") };\n',
      'db/migrations/20240101000000-create-users.js': SEQUELIZE_MIGRATION,
    },
    [],
    [],
    /^db\/migrations: 1 Sequelize migration \(\.sequelizerc names it\); checked as Sequelize migrations \(migrations\.sequelize\)$/,
    ['db/migrations'],
  ],
  [
    'sequelize-cli migrations without a .sequelizerc: the files say so',
    { 'migrations/20240101000000-create-users.js': SEQUELIZE_MIGRATION },
    [],
    [],
    /^migrations: 1 Sequelize migration \(up\(queryInterface, Sequelize\)/,
    ['migrations'],
  ],
  [
    'Kysely migrations: the files say so',
    {
      'src/migrations/2024_01_01_init.ts':
        "import { Kysely } from 'kysely';\nexport async function up(db: Kysely<any>) { await db.schema.createTable('t').execute(); }\nexport async function down(db: Kysely<any>) { await db.schema.dropTable('t').execute(); }\n",
    },
    [],
    [],
    /^src\/migrations: 1 Kysely migration \(up\(db: Kysely<\.\.\.>\) as the Migrator loads them\); checked as Kysely migrations \(migrations\.kysely\)$/,
    [],
    ['src/migrations'],
  ],
  [
    'a folder per database (migrations/postgres, migrations/mysql): the PostgreSQL one proposed, the other said',
    {
      'src/database/migrations/postgres/1704067200000-Users.ts': TYPEORM_MIGRATION,
      'src/database/migrations/mysql/1704067200000-Users.ts': TYPEORM_MIGRATION,
      'src/database/migrations/postgres/index.ts':
        "import { Users1704067200000 } from './1704067200000-Users';\nexport const postgresMigrations = [Users1704067200000];\n",
    },
    [],
    ['src/database/migrations/postgres'],
    /^src\/database\/migrations\/mysql: migrations for mysql, not proposed: Slipway's migration rules are PostgreSQL's$/,
  ],
];

describe('init on Knex, TypeORM, Sequelize, Kysely and MikroORM projects', () => {
  it.each(CASES)('%s', (_name, files, knex, typeorm, said, sequelize = [], kysely = [], mikroOrm = []) => {
    const found = detectIn(files);
    expect(found.knex).toEqual(knex);
    expect(found.typeorm).toEqual(typeorm);
    expect(found.sequelize).toEqual(sequelize);
    expect(found.kysely).toEqual(kysely);
    expect(found.mikro_orm).toEqual(mikroOrm);
    expect(
      found.decisions.some((d) => said.test(d)),
      found.decisions.join('\n'),
    ).toBe(true);
    // Near misses: a config written in literals has no line saying something was not read.
    if (!said.source.includes('does not read'))
      expect(found.decisions.filter((d) => d.includes('does not read without running'))).toEqual([]);
    const { policy } = initPolicy(found);
    const m = policy.policy.migrations;
    expect([m?.knex ?? []].flat()).toEqual(knex);
    expect([m?.typeorm ?? []].flat()).toEqual(typeorm);
    expect([m?.mikro_orm ?? []].flat()).toEqual(mikroOrm);
    // The folders and the config that shapes them are protected.
    for (const folder of [...knex, ...typeorm, ...mikroOrm])
      expect(found.protectedPaths).toContain(`${folder}/`);
    for (const config of Object.keys(files).filter((f) => /knexfile|data-source|ormconfig/.test(f)))
      expect(found.protectedPaths).toContain(config);
  });
});

/** A Knex migration building an index CONCURRENTLY, and the rules' findings on it. */
const CONCURRENT = `exports.up = (knex) => knex.raw("CREATE INDEX CONCURRENTLY users_email ON users (email)");
exports.down = (knex) => knex.raw("DROP INDEX CONCURRENTLY users_email");
`;
function mig021(texts: Record<string, string>): string[] {
  const policyText = 'version: 1\nmigrations:\n  knex: db/migrations\n';
  const policy = parsePolicyText(policyText, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const repo = new MemoryRepo({
    'slipway.yaml': policyText,
    'db/migrations/20240101000000_users.js': KNEX_MIGRATION,
    ...texts,
  });
  const { findings } = runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) });
  return findings.filter((f) => f.rule === 'MIG021').map((f) => `${f.file}:${f.range.start.line + 1}`);
}

describe("the knexfile's disableTransactions and the CONCURRENTLY rules", () => {
  const file = 'db/migrations/20240202000000_email.js';
  const off = knexfile('{ directory: "./db/migrations", disableTransactions: true }');
  it('CONCURRENTLY in a Knex migration run in a transaction (no knexfile saying otherwise): MIG021', () => {
    expect(mig021({ [file]: CONCURRENT })).toEqual([`${file}:1`, `${file}:2`]);
  });
  it('near miss: the knexfile naming the folder turns transactions off: no MIG021', () => {
    expect(mig021({ 'knexfile.js': off, [file]: CONCURRENT })).toEqual([]);
  });
  it("the file's own config.transaction: true wins over the knexfile (Knex's _useTransaction): MIG021", () => {
    const own = `${CONCURRENT}exports.config = { transaction: true };\n`;
    expect(mig021({ 'knexfile.js': off, [file]: own })).toEqual([`${file}:1`, `${file}:2`]);
  });
  it('environments that disagree (development off, production on) are not taken as off: MIG021', () => {
    const split =
      'module.exports = {\n  development: { migrations: { directory: "./db/migrations", disableTransactions: true } },\n  production: { migrations: { directory: "./db/migrations" } },\n};\n';
    expect(mig021({ 'knexfile.js': split, [file]: CONCURRENT })).toEqual([`${file}:1`, `${file}:2`]);
  });
  it('a knexfile naming another folder, or a computed disableTransactions, changes nothing: MIG021', () => {
    const other = knexfile('{ directory: "./other", disableTransactions: true }');
    expect(mig021({ 'knexfile.js': other, [file]: CONCURRENT })).toHaveLength(2);
    const computed = knexfile('{ directory: "./db/migrations", disableTransactions: !!process.env.X }');
    expect(mig021({ 'knexfile.js': computed, [file]: CONCURRENT })).toHaveLength(2);
  });
});
