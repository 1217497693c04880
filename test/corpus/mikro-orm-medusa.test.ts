import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  detectLayout,
  initSqlParser,
  MemoryRepo,
  MigrationAnalyzer,
  migrationFamily,
  parsePolicyText,
  renderPolicy,
  runCheck,
} from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * MikroORM migrations as medusajs/medusa writes them (fixtures/medusa-app, five real files of four
 * modules: fixtures/SOURCES.md), through init and the migration rules in-process: each module's
 * `src/migrations/` its own series in file name order, `this.addSql` SQL judged as any SQL, SQL a
 * helper builds said as not read (MIG030), the Migrator's transaction around each migration.
 */
beforeAll(() => initSqlParser());

const APP = fileURLToPath(new URL('./fixtures/medusa-app/', import.meta.url));

/** Every file under dir, by its path relative to dir. */
function files(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, files(join(dir, entry.name), rel));
    else out[rel] = readFileSync(join(dir, entry.name), 'utf8');
  }
  return out;
}

const texts = files(APP);
const FOLDERS = [
  'packages/modules/order/src/migrations',
  'packages/modules/providers/locking-postgres/src/migrations',
  'packages/modules/region/src/migrations',
  'packages/modules/user/src/migrations',
];

function check(policyText: string): string[] {
  const policy = parsePolicyText(policyText, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const repo = new MemoryRepo({ 'slipway.yaml': policyText, ...texts });
  return runCheck({ policy, repo, families: [migrationFamily] })
    .findings.map((f) => `${f.rule} ${f.file.replace('packages/modules/', '')}:${f.range.start.line + 1}`)
    .sort();
}

const POLICY = `version: 1\nmigrations:\n  mikro_orm:\n${FOLDERS.map((f) => `    - ${f}\n`).join('')}`;

describe("medusa's MikroORM migrations", () => {
  it('init proposes each module folder, and takes each series up to its last file as run', () => {
    const found = detectLayout(Object.keys(texts), {
      readFile: (p) => texts[p],
      isDirectory: (p) => Object.keys(texts).some((f) => f.startsWith(`${p}/`)),
    });
    expect(found.mikro_orm).toEqual(FOLDERS);
    expect(found.knex).toEqual([]);
    expect(found.decisions.filter((d) => d.startsWith('not judged'))).toEqual([]);
    expect(found.appliedThrough).toContain(
      'packages/modules/region/src/migrations/Migration20240624200006.ts',
    );
    const text = renderPolicy(found, 'main');
    const policy = parsePolicyText(text, 'slipway.yaml').document;
    expect(policy?.policy.migrations?.mikro_orm).toEqual(FOLDERS);
    // What init took as run is history: nothing of it is judged again.
    expect(check(text)).toEqual([]);
  });

  it('the series follow file names; each revision is the file name MikroORM records', () => {
    const analysis = new MigrationAnalyzer().analyze(new MemoryRepo(texts), {
      alembic: [],
      sqlFiles: [],
      mikro_orm: ['packages/modules/region/src/migrations'],
    });
    const region = analysis.trees[0]?.modules ?? [];
    // The first class is RegionModuleSetup20240205173216: MikroORM records the file's name, not the class's.
    expect(region.map((m) => [m.revision?.value, m.downRevision?.values])).toEqual([
      ['Migration20240205173216', []],
      ['Migration20240624200006', ['Migration20240205173216']],
    ]);
  });

  it('applied_through naming a file takes it and those before it in file name order as history, and judges the rest', () => {
    const first = 'packages/modules/region/src/migrations/Migration20240205173216.ts';
    const region = check(`${POLICY}  applied_through: ${first}\n`).filter((f) => f.includes(' region/'));
    expect(region).toEqual([
      'MIG030 region/src/migrations/Migration20240624200006.ts:31',
      'MIG030 region/src/migrations/Migration20240624200006.ts:9',
      'MIG037 region/src/migrations/Migration20240624200006.ts:6',
    ]);
  });

  it('judges them as the same SQL would be judged, and says what a helper builds', () => {
    expect(check(POLICY)).toEqual(
      [
        // `const sql = \`...\``, then this.addSql(sql): read, an ALTER TABLE under no lock_timeout;
        // no down() to drop the column again.
        'MIG037 order/src/migrations/Migration20240715102100.ts:10',
        'MIG110 order/src/migrations/Migration20240715102100.ts:4',
        // ${generatePostgresAlterColummnIfExistStatement(...)} in the SQL: not read, said (in up and in down).
        'MIG030 region/src/migrations/Migration20240205173216.ts:6',
        'MIG037 region/src/migrations/Migration20240624200006.ts:6',
        'MIG030 region/src/migrations/Migration20240624200006.ts:9',
        'MIG030 region/src/migrations/Migration20240624200006.ts:31',
        // The old index dropped and a unique one built without CONCURRENTLY on an existing table,
        // which down() does not drop (it makes the old one again only if none exists).
        'MIG031 user/src/migrations/Migration20240703095850.ts:5',
        'MIG037 user/src/migrations/Migration20240703095850.ts:5',
        'MIG020 user/src/migrations/Migration20240703095850.ts:7',
        'MIG111 user/src/migrations/Migration20240703095850.ts:7',
      ].sort(),
    );
  });
});
