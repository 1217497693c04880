import {
  initSqlParser,
  MemoryRepo,
  MigrationAnalyzer,
  migrationFamily,
  migrationSources,
  parsePolicyText,
  runCheck,
} from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * One TypeORM series over two folders (`migrations.typeorm: [{ folders: [...] }]`): TypeORM runs
 * every class a DataSource lists as one series by the timestamps ending their names, wherever the
 * files are (Flowise's postgres array spreads its enterprise folder's classes among its own). What
 * one folder creates is known in the other; read as two series (a plain list), it is not.
 */
beforeAll(() => initSqlParser());

const A = 'src/migrations';
const B = 'src/enterprise/migrations';
const SERIES = `version: 1\nmigrations:\n  typeorm:\n    - folders: [${A}, ${B}]\n`;
const APART = `version: 1\nmigrations:\n  typeorm:\n    - ${A}\n    - ${B}\n`;
const LOCK = "    await queryRunner.query(`SET lock_timeout = '5s'`);\n";

const migration = (name: string, up: string) =>
  `import { MigrationInterface, QueryRunner } from "typeorm";\nexport class ${name} implements MigrationInterface {\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up}  }\n  async down(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query("SELECT 1");\n  }\n}\n`;
const sql = (text: string) => `    await queryRunner.query(\`${text}\`);\n`;

/** Users made in A; B widens a column of it, then rebuilds it; A's next migration runs between B's. */
const FILES: Record<string, string> = {
  [`${A}/1700000000000-Users.ts`]: migration(
    'Users1700000000000',
    sql('CREATE TABLE "users" ("id" integer, "name" varchar(50), "email" text)'),
  ),
  [`${B}/1700000000001-WidenName.ts`]: migration(
    'WidenName1700000000001',
    LOCK + sql('ALTER TABLE "users" ALTER COLUMN "name" TYPE varchar(100)'),
  ),
  [`${A}/1700000000002-BigId.ts`]: migration(
    'BigId1700000000002',
    LOCK + sql('ALTER TABLE "users" ALTER COLUMN "id" TYPE bigint'),
  ),
  [`${B}/1700000000003-Rebuild.ts`]: migration(
    'Rebuild1700000000003',
    LOCK +
      sql('ALTER TABLE "users" RENAME TO "users_old"') +
      sql('CREATE TABLE "users" ("id" bigint, "name" varchar(100))') +
      sql('INSERT INTO "users" ("id", "name") SELECT "id", "name" FROM "users_old"') +
      sql('DROP TABLE "users_old"'),
  ),
};

function findings(policyText: string, extra = '', more: Record<string, string> = {}) {
  const text = policyText + extra;
  const policy = parsePolicyText(text, 'slipway.yaml').document;
  if (!policy) throw new Error('bad test policy');
  const repo = new MemoryRepo({ 'slipway.yaml': text, ...FILES, ...more });
  const { findings } = runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) });
  return findings.map((f) => `${f.rule} ${f.file.slice(f.file.lastIndexOf('/') + 1)}: ${f.message}`);
}
const rulesAt = (all: string[], file: string) =>
  all.filter((f) => f.includes(` ${file}: `)).map((f) => f.slice(0, f.indexOf(' ')));

describe('one TypeORM series over two folders', () => {
  it('is one tree, chained by the timestamps across the folders', () => {
    const repo = new MemoryRepo({ 'slipway.yaml': SERIES, ...FILES });
    const section = parsePolicyText(SERIES, 'slipway.yaml').document?.policy.migrations;
    if (!section) throw new Error('bad test policy');
    const analysis = new MigrationAnalyzer().analyze(repo, migrationSources(repo, section));
    expect(analysis.trees.map((t) => [t.root, t.folders])).toEqual([[A, [A, B]]]);
    const chain = Object.fromEntries(
      (analysis.trees[0]?.modules ?? []).map((m) => [m.revision?.value, m.downRevision?.values ?? []]),
    );
    expect(chain).toEqual({
      Users1700000000000: [],
      WidenName1700000000001: ['Users1700000000000'],
      BigId1700000000002: ['WidenName1700000000001'],
      Rebuild1700000000003: ['BigId1700000000002'],
    });
  });

  it("knows the other folder's table: a widened varchar is no rewrite (MIG024 gone), a lost column is (MIG043)", () => {
    const series = findings(SERIES);
    expect(rulesAt(series, '1700000000001-WidenName.ts')).toEqual([]);
    expect(series.filter((f) => f.startsWith('MIG043'))).toEqual([
      expect.stringContaining(
        'MIG043 1700000000003-Rebuild.ts: up rebuilds "users_old" without column "email"',
      ),
    ]);
    // A true finding across the folders stays: integer to bigint rewrites the table.
    expect(rulesAt(series, '1700000000002-BigId.ts')).toEqual(['MIG024']);
  });

  it('near miss: the same folders as two series know nothing of each other', () => {
    const apart = findings(APART);
    expect(rulesAt(apart, '1700000000001-WidenName.ts')).toEqual(['MIG024']);
    expect(apart.filter((f) => f.startsWith('MIG043'))).toEqual([
      expect.stringContaining('cannot tell they are all of them: no migration Slipway reads creates "users"'),
    ]);
  });

  it('applied_through names one migration of the series: what runs before it in either folder is history', () => {
    const through = `  applied_through: ${B}/1700000000001-WidenName.ts\n`;
    // Users (folder A, before WidenName) is history: its down's finding goes; BigId (A, after) stays.
    expect(rulesAt(findings(SERIES, through), '1700000000000-Users.ts')).toEqual([]);
    expect(rulesAt(findings(SERIES, through), '1700000000002-BigId.ts')).toEqual(['MIG024']);
    expect(rulesAt(findings(APART, through), '1700000000000-Users.ts')).toEqual(['MIG111']);
  });

  it("a .sql file in either folder is the series' own, not a schema change outside it (MIG121)", () => {
    const ddl = 'CREATE TABLE "audit" ("id" integer);\n';
    const more = { [`${B}/notes.sql`]: ddl, 'scripts/seed.sql': ddl };
    const outside = findings(SERIES, '', more).filter((f) => f.startsWith('MIG121'));
    expect(outside.map((f) => f.slice(0, f.indexOf(':')))).toEqual(['MIG121 seed.sql']);
  });

  it('one class in both folders is a duplicate TypeORM refuses (MIG102); as two series, nothing says so', () => {
    const twice = { [`${B}/1700000000000-Users.ts`]: FILES[`${A}/1700000000000-Users.ts`] as string };
    expect(findings(SERIES, '', twice).filter((f) => f.startsWith('MIG102'))).toEqual([
      `MIG102 1700000000000-Users.ts: migration class Users1700000000000 is also declared by ${B}/1700000000000-Users.ts; TypeORM refuses to run a series that lists one name twice ("Duplicate migrations"), so give this class a new name with its own timestamp.`,
    ]);
    expect(findings(APART, '', twice).filter((f) => f.startsWith('MIG102'))).toEqual([]);
  });
});
