import { describe, expect, it, vi } from 'vitest';

// The test setup loads both parsers for every file; fresh copies of the modules
// (vi.resetModules) are what `slipway test` starts with: nothing loaded.
describe('initParsersForCases', () => {
  it('loads PostgreSQL’s parser only for a case that gives a migration’s text', async () => {
    vi.resetModules();
    const { initParsersForCases } = await import('../../src/policy-tests/case-parsers.js');
    const { isSqlParserReady } = await import('../../src/migrations/sql-parser.js');
    const { parsePolicyText } = await import('../../src/policy/parse.js');
    const policy = parsePolicyText(
      'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n',
      'slipway.yaml',
    ).document;
    if (!policy) throw new Error('the policy does not parse');
    // Paths alone (and a rewritten policy): only the change families run, no migration is parsed.
    await initParsersForCases(
      [policy],
      [
        { files: ['db/0001_drop.sql', { added: 'db/0002.sql' }] },
        { files: [{ modified: 'slipway.yaml', contents: 'version: 1\n' }, 'db/0003.sql'] },
      ],
    );
    expect(isSqlParserReady()).toBe(false);
    // A case with a file's text runs every family, the migrations' too, on the .sql it names.
    await initParsersForCases(
      [policy],
      [{ files: ['db/0001_drop.sql', { added: 'requirements.txt', contents: 'x==1\n' }] }],
    );
    expect(isSqlParserReady()).toBe(true);
  });
});
