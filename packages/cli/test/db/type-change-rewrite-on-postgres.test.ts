import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText, runCheck } from '@slipway/policy-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type PgServer, startPostgres } from '../helpers/postgres.js';

/**
 * MIG024's judgement of a Sequelize changeColumn (does PostgreSQL rewrite the table?) against a
 * real PostgreSQL: each type pair is made as a column with rows, altered, and the table's
 * relfilenode compared before and after (a new one is a rewrite). MIG024 must fire exactly when
 * PostgreSQL rewrote. Arrays are the point: a wider element type still rewrites, because the cast
 * runs element by element (ATColumnChangeRequiresRewrite in src/backend/commands/tablecmds.c
 * only looks through binary-coercible relabels), while the same widening of a plain varchar does not.
 */
let server: PgServer;
beforeAll(async () => {
  await initSqlParser();
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

/** [Sequelize type before, after; PostgreSQL type before, after]. */
const PAIRS: [string, string, string, string][] = [
  [
    'Sequelize.ARRAY(Sequelize.STRING(255))',
    'Sequelize.ARRAY(Sequelize.STRING(1024))',
    'varchar(255)[]',
    'varchar(1024)[]',
  ],
  [
    'Sequelize.ARRAY(Sequelize.STRING(1024))',
    'Sequelize.ARRAY(Sequelize.STRING(255))',
    'varchar(1024)[]',
    'varchar(255)[]',
  ],
  ["'varchar[]'", 'Sequelize.ARRAY(Sequelize.TEXT)', 'varchar[]', 'text[]'],
  ['Sequelize.ARRAY(Sequelize.TEXT)', 'Sequelize.ARRAY(Sequelize.STRING(20))', 'text[]', 'varchar(20)[]'],
  ['Sequelize.ARRAY(Sequelize.INTEGER)', 'Sequelize.ARRAY(Sequelize.BIGINT)', 'integer[]', 'bigint[]'],
  [
    'Sequelize.ARRAY(Sequelize.STRING(255))',
    'Sequelize.ARRAY(Sequelize.STRING(255))',
    'varchar(255)[]',
    'varchar(255)[]',
  ],
  ['Sequelize.STRING(255)', 'Sequelize.STRING(1024)', 'varchar(255)', 'varchar(1024)'],
  ['Sequelize.STRING(1024)', 'Sequelize.STRING(255)', 'varchar(1024)', 'varchar(255)'],
  ['Sequelize.STRING', 'Sequelize.TEXT', 'varchar(255)', 'text'],
  ['Sequelize.DECIMAL(10, 2)', 'Sequelize.DECIMAL(12, 2)', 'numeric(10,2)', 'numeric(12,2)'],
  ['Sequelize.INTEGER', 'Sequelize.BIGINT', 'integer', 'bigint'],
  // The floating types as Sequelize 6 sends them (sequelize-type.ts floatType).
  ['Sequelize.REAL', 'Sequelize.DOUBLE', 'real', 'double precision'],
  ['Sequelize.FLOAT(8)', 'Sequelize.REAL', 'float(8)', 'real'],
  ['Sequelize.FLOAT(53)', 'Sequelize.DOUBLE', 'float(53)', 'double precision'],
  ['Sequelize.DOUBLE', "'float8'", 'double precision', 'float8'],
];

const POLICY = 'version: 1\nmigrations:\n  sequelize: migrations\n';

function mig024Fires(before: string, after: string): boolean {
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const file = 'migrations/20240202000000-change.js';
  const repo = new MemoryRepo({
    'slipway.yaml': POLICY,
    'migrations/20240101000000-init.js': `module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.createTable('t', { c: { type: ${before} } });\n  },\n  async down(queryInterface) {\n    await queryInterface.dropTable('t');\n  },\n};\n`,
    [file]: `module.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.changeColumn('t', 'c', { type: ${after} });\n  },\n  async down(queryInterface, Sequelize) {\n    await queryInterface.changeColumn('t', 'c', { type: ${before} });\n  },\n};\n`,
  });
  return runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) }).findings.some(
    (f) => f.file === file && f.rule === 'MIG024',
  );
}

async function postgresRewrites(before: string, after: string): Promise<boolean> {
  const value = before.endsWith('[]') ? `ARRAY['1', '2']` : `'1'`;
  await server.sql(
    `DROP TABLE IF EXISTS t; CREATE TABLE t (c ${before}); INSERT INTO t SELECT ${value}::${before} FROM generate_series(1, 10)`,
  );
  const node = async () => (await server.sql(`SELECT pg_relation_filenode('t') AS n`))[0]?.n as number;
  const was = await node();
  await server.sql(`ALTER TABLE t ALTER COLUMN c TYPE ${after}`);
  return (await node()) !== was;
}

it.each(PAIRS)('%s -> %s', async (seqBefore, seqAfter, pgBefore, pgAfter) => {
  const rewrote = await postgresRewrites(pgBefore, pgAfter);
  expect(mig024Fires(seqBefore, seqAfter), `PostgreSQL ${rewrote ? 'rewrote' : 'kept'} the table`).toBe(
    rewrote,
  );
});

/**
 * The same judgement for SQL a series runs (types-in-place.ts): the column made by a CREATE TABLE
 * in the first .sql migration, its type changed by ALTER COLUMN TYPE in the second; MIG024 must
 * fire exactly when PostgreSQL rewrote.
 */
const SQL_PAIRS: [string, string][] = [
  ...PAIRS.map(([, , before, after]): [string, string] => [before, after]),
  ['varchar', 'text'],
  ['text', 'text'],
  ['varchar(100)', 'varchar'],
  ['text', 'varchar(20)'],
  ['character varying(10)', 'varchar(20)'],
  ['numeric(10,2)', 'numeric'],
  ['numeric(10,2)', 'numeric(12,3)'],
  ['integer', 'integer'],
  ["varchar(10) NOT NULL DEFAULT 'x'", 'varchar(40)'],
];

function mig024FiresOnSql(before: string, after: string): boolean {
  const policy = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n';
  const doc = parsePolicyText(policy, 'slipway.yaml').document;
  if (!doc) throw new Error('policy');
  const repo = new MemoryRepo({
    'slipway.yaml': policy,
    'db/001_init.sql': `CREATE TABLE t (id int PRIMARY KEY, c ${before});\n`,
    'db/002_change.sql': `ALTER TABLE t ALTER COLUMN c TYPE ${after};\n`,
  });
  return runCheck({ policy: doc, repo, families: [migrationFamily], now: new Date(0) }).findings.some(
    (f) => f.file === 'db/002_change.sql' && f.rule === 'MIG024',
  );
}

it.each(SQL_PAIRS)('SQL: %s -> %s', async (before, after) => {
  const rewrote = await postgresRewrites(before.replace(/ NOT NULL.*$/, ''), after);
  expect(mig024FiresOnSql(before, after), `PostgreSQL ${rewrote ? 'rewrote' : 'kept'} the table`).toBe(
    rewrote,
  );
});
