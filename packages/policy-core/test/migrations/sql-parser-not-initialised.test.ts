import { describe, expect, it } from 'vitest';
import { readMigrationModule } from '../../src/migrations/alembic-module.js';
import { isSqlParserReady, parseSql } from '../../src/migrations/sql-parser.js';

// This file never calls initSqlParser(): vitest isolates modules per test file, so the parser
// is genuinely not loaded here.
describe('without initSqlParser()', () => {
  it('reports SQL as unread instead of guessing', () => {
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
