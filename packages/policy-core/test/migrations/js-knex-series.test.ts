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
 * One Knex series over two folders (`migrations.knex: [{ folders: [...] }]`): a knexfile whose
 * `migrations.directory` lists several folders runs them as one series, one knex_migrations
 * table, by file name across the folders (fs-migrations.js: `sortBy(migrations, 'file')`), or
 * folder by folder with `sortDirsSeparately: true`. What one folder creates is known in the other;
 * read as two series (a plain list), it is not. Knex's own order is the oracle of
 * packages/cli/test/migrations/knex-series-order.test.ts.
 */
beforeAll(() => initSqlParser());

const A = 'db/migrations';
const B = 'plugins/billing/migrations';
const policyOf = (knex: string) => `version: 1\nmigrations:\n  knex:\n${knex}`;
const SERIES = policyOf(`    - folders: [${A}, ${B}]\n`);
const BY_FOLDER = policyOf(`    - folders: [${A}, ${B}]\n      sort_dirs_separately: true\n`);
const APART = policyOf(`    - ${A}\n    - ${B}\n`);

const migration = (...statements: string[]) =>
  `exports.up = async function (knex) {\n  await knex.raw("SET lock_timeout = '5s'");\n${statements
    .map((s) => `  await knex.raw('${s}');\n`)
    .join('')}};\nexports.down = async function (knex) {\n  await knex.raw('SELECT 1');\n};\n`;

/** Users made in A; B widens a column of it; A's next migration runs between B's by name. */
const FILES: Record<string, string> = {
  [`${A}/20240101000000_users.js`]: migration(
    'CREATE TABLE "users" ("id" integer, "name" varchar(50), "email" text)',
  ),
  [`${B}/20240102000000_widen_name.js`]: migration(
    'ALTER TABLE "users" ALTER COLUMN "name" TYPE varchar(100)',
  ),
  [`${A}/20240103000000_big_id.js`]: migration('ALTER TABLE "users" ALTER COLUMN "id" TYPE bigint'),
};

function analysis(policyText: string, more: Record<string, string> = {}) {
  const repo = new MemoryRepo({ 'slipway.yaml': policyText, ...FILES, ...more });
  const section = parsePolicyText(policyText, 'slipway.yaml').document?.policy.migrations;
  if (!section) throw new Error('bad test policy');
  return new MigrationAnalyzer().analyze(repo, migrationSources(repo, section));
}

function findings(policyText: string, more: Record<string, string> = {}) {
  const policy = parsePolicyText(policyText, 'slipway.yaml').document;
  if (!policy) throw new Error('bad test policy');
  const repo = new MemoryRepo({ 'slipway.yaml': policyText, ...FILES, ...more });
  const { findings } = runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) });
  return findings.map((f) => `${f.rule} ${f.file.slice(f.file.lastIndexOf('/') + 1)}: ${f.message}`);
}
const rulesAt = (all: string[], file: string) =>
  all.filter((f) => f.includes(` ${file}: `)).map((f) => f.slice(0, f.indexOf(' ')));
const chainOf = (policyText: string) =>
  (analysis(policyText).trees[0]?.modules ?? []).map(
    (m) => `${m.revision?.value} <- ${(m.downRevision?.values ?? []).join(',')}`,
  );

describe('one Knex series over two folders', () => {
  it('is one tree, chained by file name across the folders (Knex sorts every file together)', () => {
    expect(analysis(SERIES).trees.map((t) => [t.root, t.folders])).toEqual([[A, [A, B]]]);
    expect(chainOf(SERIES)).toEqual([
      '20240101000000_users.js <- ',
      '20240102000000_widen_name.js <- 20240101000000_users.js',
      '20240103000000_big_id.js <- 20240102000000_widen_name.js',
    ]);
  });

  it('with sort_dirs_separately, folder by folder: all of A, then all of B', () => {
    expect(chainOf(BY_FOLDER)).toEqual([
      '20240101000000_users.js <- ',
      '20240103000000_big_id.js <- 20240101000000_users.js',
      '20240102000000_widen_name.js <- 20240103000000_big_id.js',
    ]);
  });

  it("knows the other folder's table: a widened varchar is no rewrite (MIG024 gone); a true rewrite stays", () => {
    for (const policy of [SERIES, BY_FOLDER]) {
      const series = findings(policy);
      expect(rulesAt(series, '20240102000000_widen_name.js')).toEqual([]);
      expect(rulesAt(series, '20240103000000_big_id.js')).toEqual(['MIG024']);
    }
  });

  it('near miss: the same folders as two series know nothing of each other', () => {
    expect(analysis(APART).trees.map((t) => t.root)).toEqual([A, B]);
    expect(rulesAt(findings(APART), '20240102000000_widen_name.js')).toEqual(['MIG024']);
  });

  it('one file name in both folders: a database that ran one never runs the other (MIG102); apart, nothing says so', () => {
    const twice = { [`${B}/20240101000000_users.js`]: migration('CREATE TABLE "invoices" ("id" integer)') };
    expect(findings(SERIES, twice).filter((f) => f.startsWith('MIG102'))).toEqual([
      `MIG102 20240101000000_users.js: migration 20240101000000_users.js has the same file name as ${A}/20240101000000_users.js, in the same Knex series; Knex records a migration by its name, so a database that ran one takes the other as run and never runs it: rename this file with a new timestamp.`,
    ]);
    expect(findings(APART, twice).filter((f) => f.startsWith('MIG102'))).toEqual([]);
  });

  it('applied_through names one migration of the series: what runs before it in either folder is history', () => {
    const through = (p: string) => `${p}  applied_through: ${B}/20240102000000_widen_name.js\n`;
    const graph = analysis(through(SERIES)).trees[0]?.graph;
    expect(graph?.size).toBe(3);
    // Users (A, before the widening by name) is history; big_id (A, after) still judged.
    const series = findings(through(SERIES));
    expect(rulesAt(series, '20240103000000_big_id.js')).toEqual(['MIG024']);
    // Folder by folder, big_id runs before the widening: it is history too.
    expect(rulesAt(findings(through(BY_FOLDER)), '20240103000000_big_id.js')).toEqual([]);
  });
});
