import { describe, expect, it, vi } from 'vitest';

// The test setup loads both parsers for every file, as hosts do. Fresh copies of the modules
// (vi.resetModules) are what a host that never awaited initSqlParser() would have: only the
// Python parser is loaded here, the PostgreSQL one genuinely is not.
describe('without initSqlParser()', () => {
  it('reports SQL as unread instead of guessing', async () => {
    vi.resetModules();
    const { initPythonParser } = await import('../../src/migrations/python-parser.js');
    const { isSqlParserReady, parseSql } = await import('../../src/migrations/sql-parser.js');
    const { readMigrationModule } = await import('../../src/migrations/alembic-module.js');
    await initPythonParser();
    expect(isSqlParserReady()).toBe(false);
    expect(parseSql('DROP TABLE x')).toEqual({ status: 'unavailable' });
    const m = readMigrationModule(
      'x.py',
      "revision = 'r'\ndown_revision = None\ndef upgrade():\n    op.execute('DROP TABLE x')\n    op.drop_table('y')\n",
    );
    expect(m.upgrade?.ops.map((o) => [o.kind, o.reason])).toEqual([
      ['unread_sql', 'the SQL parser is not initialised (the host must await initSqlParser())'],
      ['drop_table', undefined],
    ]);
  });
});
