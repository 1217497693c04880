import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText, runCheck } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * MikroORM's Migrator runs the pending migrations of a folder in one transaction under
 * `allOrNothing` (on by default, with `transactional`): a lock one takes is held through the
 * next. What a `mikro-orm.config.*` says of it is read where it is a literal, and said in the
 * scope notes either way; the batch's MIG044 follows it.
 */
beforeAll(() => initSqlParser());

const POLICY = 'version: 1\nmigrations:\n  mikro_orm: src/migrations\n';
const cls = (name: string, sql: string) =>
  `import { Migration } from '@mikro-orm/migrations';\nexport class ${name} extends Migration {\n  async up(): Promise<void> {\n    this.addSql('${sql}');\n  }\n  async down(): Promise<void> {\n    this.addSql('select 1');\n  }\n}\n`;
const MIGRATIONS = {
  'src/migrations/Migration20240101000000.ts': cls(
    'Migration20240101000000',
    'alter table "users" add column "nickname" text null;',
  ),
  'src/migrations/Migration20240201000000.ts': cls(
    'Migration20240201000000',
    'create index "IDX_users_nickname" on "users" ("nickname");',
  ),
};

function check(config?: string): { batch: string[]; notes: string[] } {
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const repo = new MemoryRepo({
    'slipway.yaml': POLICY,
    ...MIGRATIONS,
    ...(config === undefined ? {} : { 'mikro-orm.config.ts': config }),
  });
  const result = runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) });
  return {
    batch: result.findings
      .filter((f) => f.rule === 'MIG044')
      .map((f) => `${f.file}:${f.range.start.line + 1}`),
    notes: result.scope.notes.filter((n) => n.startsWith('MikroORM')),
  };
}

const config = (migrations: string) =>
  `import { defineConfig } from '@mikro-orm/postgresql';\nexport default defineConfig({\n  dbName: 'app',\n  migrations: { ${migrations} },\n});\n`;

describe("MikroORM's allOrNothing batch", () => {
  it('without a config: the defaults, said; the lock of the first pending migration held through the second', () => {
    const { batch, notes } = check();
    expect(batch).toEqual(['src/migrations/Migration20240201000000.ts:4']);
    expect(notes).toEqual([
      expect.stringContaining('read with its defaults, `transactional` and `allOrNothing` on'),
    ]);
  });

  it('a config that leaves them on, or says true: the same', () => {
    expect(check(config("path: 'src/migrations'")).batch).toHaveLength(1);
    const on = check(config('allOrNothing: true, transactional: true'));
    expect(on.batch).toHaveLength(1);
    expect(on.notes).toEqual([expect.stringContaining('read with mikro-orm.config.ts and its defaults')]);
  });

  it('allOrNothing: false (or transactional: false): no batch, and said', () => {
    const off = check(config('allOrNothing: false'));
    expect(off.batch).toEqual([]);
    expect(off.notes).toEqual([expect.stringContaining('sets `allOrNothing: false`')]);
    const untransactional = check(config('transactional: false'));
    expect(untransactional.batch).toEqual([]);
    expect(untransactional.notes).toEqual([
      expect.stringContaining('the per-file rules do not model this setting'),
    ]);
  });

  it('a value that is not a literal is said, and the default kept', () => {
    const env = check(config("allOrNothing: process.env.ALL === '1'"));
    expect(env.batch).toHaveLength(1);
    expect(env.notes).toEqual([
      expect.stringContaining("sets `allOrNothing: process.env.ALL === '1'`, which Slipway does not read"),
      expect.stringContaining('read with mikro-orm.config.ts and its defaults'),
    ]);
  });

  it('a commented-out setting is not read as one', () => {
    expect(check(config("// allOrNothing: false\n    path: 'src/migrations'")).batch).toHaveLength(1);
  });
});
