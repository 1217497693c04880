import { describe, expect, it, vi } from 'vitest';
import type { SqlFileResults, SqlResultStore } from '../../src/migrations/sql-result-store.js';

// The test setup loads both parsers; fresh copies of the modules (vi.resetModules) are a host
// that has loaded neither, so what initParsersFor loads is what a check would load.
async function fresh() {
  vi.resetModules();
  const { initParsersFor } = await import('../../src/migrations/parsers-for.js');
  const { isSqlParserReady } = await import('../../src/migrations/sql-parser.js');
  const { isPythonParserReady } = await import('../../src/migrations/python-parser.js');
  const { MigrationAnalyzer } = await import('../../src/migrations/analyze.js');
  const { MemoryRepo } = await import('../../src/repo.js');
  return { initParsersFor, isSqlParserReady, isPythonParserReady, MigrationAnalyzer, MemoryRepo };
}

/** A store that knows the files it was given, as the CLI's result cache does after a run. */
function storeOf(known: Record<string, SqlFileResults>): SqlResultStore & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    get: (path) => {
      asked.push(path);
      return known[path];
    },
    put: () => {},
  };
}

const SQL = { 'db/001.sql': 'DROP INDEX ix;\n', 'db/002.sql': 'CREATE TABLE t (id int);\n' };
const section = { sql: ['db/*.sql'] };
const known = { ops: [], findings: [] };

describe('initParsersFor', () => {
  it('loads neither parser when the store knows every .sql migration and there is no Python', async () => {
    const m = await fresh();
    const store = storeOf({ 'db/001.sql': known, 'db/002.sql': known });
    await m.initParsersFor(new m.MemoryRepo(SQL), section, new m.MigrationAnalyzer(store));
    expect(store.asked).toEqual(['db/001.sql', 'db/002.sql']);
    expect([m.isSqlParserReady(), m.isPythonParserReady()]).toEqual([false, false]);
  });

  it('loads PostgreSQL’s parser when one file misses, and only that one (near miss)', async () => {
    const m = await fresh();
    const store = storeOf({ 'db/001.sql': known });
    await m.initParsersFor(new m.MemoryRepo(SQL), section, new m.MigrationAnalyzer(store));
    expect([m.isSqlParserReady(), m.isPythonParserReady()]).toEqual([true, false]);
  });

  it('loads both for Python in the repository (MIG121 reads it) or a .sql file outside the patterns', async () => {
    const m = await fresh();
    const store = storeOf({ 'db/001.sql': known, 'db/002.sql': known });
    await m.initParsersFor(
      new m.MemoryRepo({ ...SQL, 'app/models.py': 'x = 1\n', 'scripts/fix.sql': 'SELECT 1;\n' }),
      section,
      new m.MigrationAnalyzer(store),
    );
    expect([m.isSqlParserReady(), m.isPythonParserReady()]).toEqual([true, true]);
  });
});
