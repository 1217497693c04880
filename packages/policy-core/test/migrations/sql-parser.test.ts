import { beforeAll, describe, expect, it } from 'vitest';
import { isSqlParserReady, initSqlParser, parseSql } from '../../src/migrations/sql-parser.js';
import { neutraliseBindParams } from '../../src/migrations/sql-text.js';

beforeAll(() => initSqlParser());

describe('parseSql', () => {
  it('is ready once initialised', () => {
    expect(isSqlParserReady()).toBe(true);
  });

  it('returns each statement with UTF-16 offsets, also after non-ASCII text', () => {
    const sql = "-- caf\u00e9 \u{1F600}\nUPDATE t SET a = '\u00e9\u00e9';\n  /* c */ DROP TABLE x;";
    const r = parseSql(sql);
    if (r.status !== 'ok') throw new Error(r.status);
    expect(r.statements.map((s) => [s.kind, sql.slice(s.start, s.end)])).toEqual([
      ['UpdateStmt', "UPDATE t SET a = '\u00e9\u00e9'"],
      ['DropStmt', 'DROP TABLE x'],
    ]);
  });

  it('reports the error position', () => {
    const r = parseSql('SELECT 1; DROPP TABLE x');
    expect(r).toMatchObject({ status: 'error', offset: 10 });
  });

  it('turns SQLAlchemy bind parameters into placeholders of the same length', () => {
    const sql = "UPDATE t SET a = :value, b = 'x:y', c = d::text WHERE id = :id";
    const out = neutraliseBindParams(sql);
    expect(out).toBe("UPDATE t SET a = $1    , b = 'x:y', c = d::text WHERE id = $1 ");
    expect(parseSql(out).status).toBe('ok');
  });
});
