import { describe, expect, it, vi } from 'vitest';

// The agent gate's loaders. The test setup imports policy-core's index, which loads every family
// and both parsers; fresh copies of the modules (vi.resetModules) are a host that has loaded
// nothing yet, as the hook is when a tool call arrives.
async function fresh() {
  vi.resetModules();
  return {
    ...(await import('../../src/rules/load-families.js')),
    families: await import('../../src/rules/families.js'),
    ...(await import('../../src/migrations/sql-parser.js')),
    ...(await import('../../src/migrations/python-parser.js')),
    ...(await import('../../src/workspace.js')),
    ...(await import('../../src/repo.js')),
  };
}

describe('loadFamilies', () => {
  it('the families named, in the order named: the very instances rules/families.ts lists', async () => {
    const m = await fresh();
    const ids = ['POL', 'PATH', 'AGT', 'BR', 'DEP', 'MIG', 'REC', 'AUD', 'UPD'] as const;
    const loaded = await m.loadFamilies(ids);
    expect(loaded.map((f) => f.id)).toEqual(ids);
    const listed = new Map(m.families.ruleFamilies().map((f) => [f.id, f]));
    for (const f of loaded) expect(f, f.id).toBe(listed.get(f.id));
    expect(await m.loadFamilies([])).toEqual([]);
  });
});

describe('loadParsersFor', () => {
  it('loads the parsers the repository’s migrations need', async () => {
    const m = await fresh();
    const repo = new m.MemoryRepo({ 'db/001.sql': 'DROP INDEX ix;\n', 'app/models.py': 'x = 1\n' });
    await m.loadParsersFor(repo, { sql: ['db/*.sql'] }, new m.Workspace());
    expect([m.isSqlParserReady(), m.isPythonParserReady()]).toEqual([true, true]);
  });

  it('and none for a repository without SQL or Python (near miss)', async () => {
    const m = await fresh();
    await m.loadParsersFor(
      new m.MemoryRepo({ 'docs/a.md': 'x\n' }),
      { sql: ['db/*.sql'] },
      new m.Workspace(),
    );
    expect([m.isSqlParserReady(), m.isPythonParserReady()]).toEqual([false, false]);
  });
});
