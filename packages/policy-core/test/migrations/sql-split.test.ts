import { beforeAll, describe, expect, it } from 'vitest';
import { initSqlParser } from '../../src/migrations/sql-parser.js';
import { parseEachStatement } from '../../src/migrations/sql-split.js';

beforeAll(() => initSqlParser());

/** Each part as `kind@text` or `error@offset`, for readable expectations. */
function parts(sql: string): string[] | undefined {
  return parseEachStatement(sql)?.map((p) =>
    p.status === 'error'
      ? `error@${p.offset}`
      : p.status === 'ok'
        ? p.statements.map((s) => `${s.kind}@${sql.slice(s.start, s.end)}`).join(' ')
        : 'unavailable',
  );
}

describe('parseEachStatement', () => {
  it('cuts at PostgreSQL scanner semicolons only, offsets in the whole text', () => {
    const sql = "SELEC x;\nSELECT 'é;' /* ; */, $q$;$q$; -- ;\nDELETE FROM t";
    expect(parts(sql)).toEqual([
      'error@0',
      "SelectStmt@SELECT 'é;' /* ; */, $q$;$q$",
      'DeleteStmt@DELETE FROM t',
    ]);
  });

  it('keeps a BEGIN ATOMIC body (with CASE ... END inside) in one statement', () => {
    const sql =
      'CREATE FUNCTION f(i int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN i > 0 THEN 1 END; SELECT 2; END;\nSELEC y;';
    const out = parts(sql);
    expect(out?.[0]).toMatch(/^CreateFunctionStmt@CREATE FUNCTION .* END$/);
    expect(out?.[1]).toBe(`error@${sql.indexOf('SELEC y')}`);
  });

  it('gives up (undefined) on one statement or a script the scanner cannot read', () => {
    expect(parts('SELEC x;')).toBeUndefined();
    expect(parts("SELECT 1; SELECT 'unterminated")).toBeUndefined();
  });
});
