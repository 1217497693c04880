import { beforeAll, describe, expect, it } from 'vitest';
import { MigrationAnalyzer } from '../../src/migrations/analyze.js';
import { migrationSources } from '../../src/migrations/policy-sources.js';
import { initSqlParser } from '../../src/migrations/sql-parser.js';
import type { SqlFileResults, SqlResultStore } from '../../src/migrations/sql-result-store.js';
import { MemoryRepo } from '../../src/repo.js';

beforeAll(() => initSqlParser());

/** A result store that outlives analyzers, as the CLI's result cache outlives one run. */
class MapStore implements SqlResultStore {
  readonly entries = new Map<string, SqlFileResults>();
  get(path: string, text: string) {
    return this.entries.get(`${path}\u0001${text}`);
  }
  put(path: string, text: string, results: SqlFileResults) {
    this.entries.set(`${path}\u0001${text}`, results);
  }
}

const MIGRATION = 'prisma/migrations/20240201000000_email/migration.sql';
const SQL = `SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");\n`;

const wrapped = (store: MapStore, prisma: string) => {
  const repo = new MemoryRepo({
    'package.json': JSON.stringify({ devDependencies: { prisma } }),
    [MIGRATION]: SQL,
  });
  const sources = migrationSources(repo, {
    sql: ['prisma/migrations/*/migration.sql'],
    sql_runner: 'prisma',
  });
  const [file] = new MigrationAnalyzer(store).analyze(repo, sources).sqlFiles;
  return file?.ops.map((op) => op.wrappedBy ?? null);
};

describe('a Prisma migration.sql read under another Prisma release', () => {
  it('is read again, not answered from results stored for the same text under the old release', () => {
    const store = new MapStore();
    // Prisma 6 sends the file as one query: both statements share its implicit transaction.
    expect(wrapped(store, '6.19.0')).toEqual(['prisma', 'prisma']);
    // The same text, package.json moved to 7.8.0 (a new run with the cache of the last one).
    expect(wrapped(store, '7.8.0')).toEqual([null, null]);
    expect(wrapped(store, '6.19.0')).toEqual(['prisma', 'prisma']);
    expect(store.entries.size).toBe(2);
  });
});
