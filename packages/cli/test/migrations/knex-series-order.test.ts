import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryRepo, MigrationAnalyzer } from '@slipway/policy-core';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The order Slipway reads a Knex series over several folders in, against Knex's own: the
 * FsMigrations source of the Knex installed beside the CLI, listing real folders on disk (what
 * `knex migrate:latest` runs, in order), for both of its orders: every file by name together, the
 * default, and folder by folder (`sortDirsSeparately: true`). File names are drawn to hit what a
 * sort can get wrong: the same name in two folders, upper case before lower, digits of unequal
 * length, names that are prefixes of others.
 */
const require = createRequire(import.meta.url);
const { FsMigrations } = require('knex/lib/migrations/migrate/sources/fs-migrations.js') as {
  FsMigrations: new (
    dirs: string[],
    sortDirsSeparately: boolean,
  ) => { getMigrations(): Promise<{ file: string; directory: string }[]> };
};

const FOLDERS = ['db/migrations', 'plugins/z/migrations', 'ext/migrations'];
const STEMS = ['2024_a', '2024_A', '2024_b', '202401_a', '9_x', '10_x', '1', '1_1', 'a', 'B', '2024_a_b'];
const body =
  'exports.up = async (knex) => { await knex.raw("SELECT 1"); };\nexports.down = async () => {};\n';

const root = mkdtempSync(join(tmpdir(), 'slipway-knex-order-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A seeded draw of files over the folders: each stem lands in one to three folders. */
function draw(seed: number): string[] {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const files: string[] = [];
  for (const stem of STEMS)
    for (const folder of FOLDERS) if (next() < 0.5) files.push(`${folder}/${stem}.js`);
  return files;
}

async function knexOrder(dir: string, separately: boolean): Promise<string[]> {
  const source = new FsMigrations(
    FOLDERS.map((f) => join(dir, f)),
    separately,
  );
  const listed = await source.getMigrations();
  return listed.map((m) => `${m.directory.slice(dir.length + 1)}/${m.file}`);
}

function slipwayOrder(files: string[], separately: boolean): string[] {
  const repo = new MemoryRepo(Object.fromEntries(files.map((f) => [f, body])));
  const analysis = new MigrationAnalyzer().analyze(repo, {
    alembic: [],
    sqlFiles: [],
    knex: FOLDERS,
    jsSeries: { knex: [FOLDERS] },
    ...(separately ? { jsSeriesByFolder: [FOLDERS] } : {}),
  });
  expect(analysis.trees).toHaveLength(1);
  return (analysis.trees[0]?.modules ?? []).map((m) => m.path);
}

describe("a Knex series over several folders, in Knex's own order", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('draw %i, both orders', async (seed) => {
    const files = draw(seed);
    const dir = join(root, `draw-${seed}`);
    for (const folder of FOLDERS) mkdirSync(join(dir, folder), { recursive: true });
    for (const f of files) writeFileSync(join(dir, f), body);
    for (const separately of [false, true]) {
      const knex = await knexOrder(dir, separately);
      expect(knex).toHaveLength(files.length);
      expect(slipwayOrder(files, separately)).toEqual(knex);
    }
  });
});
