import { beforeAll, describe, expect, it } from 'vitest';
import { initSqlParser, parseSql } from '../../src/migrations/sql-parser.js';
import { pieceEnds } from '../../src/migrations/sql-statement-ends.js';

/**
 * A script over 512 KB is parsed in 256 KB pieces (here 16 KB pieces, over 32 KB) cut at statement ends. The pieces must give
 * exactly the statements one parse of the whole gives, at the same offsets, and a cut the quick
 * lexer gets wrong must never change what PostgreSQL reads.
 */

beforeAll(() => initSqlParser());

// The piece size these tests parse with: the same code as 256 KB pieces, at a test's cost.
const MB = 16 * 1024;

function statementsOf(sql: string): string[] {
  const r = parseSql(sql, MB);
  if (r.status !== 'ok') throw new Error(`${r.status}`);
  return r.statements.map((s) => sql.slice(s.start, s.end));
}

/** Statements to fill about `size` characters, each a different line. */
function filler(size: number, prefix = ''): string[] {
  const out: string[] = [];
  for (let n = 0, i = 0; n < size; i++) {
    const s = `INSERT INTO t${prefix} (id, name) VALUES (${i}, 'row ${i} é')`;
    out.push(s);
    n += s.length + 2;
  }
  return out;
}

describe('parsing a big script in pieces', () => {
  it('gives every statement of a script of three pieces, at its offsets, non-ASCII text included', () => {
    const statements = [...filler(1.5 * MB, 'a'), 'DROP TABLE users', ...filler(1.5 * MB, 'b')];
    const sql = `${statements.join(';\n')};\n`;
    expect(pieceEnds(sql, MB).length).toBeGreaterThanOrEqual(2);
    expect(statementsOf(sql)).toEqual(statements);
  });

  it("keeps a `;` inside a literal the quick lexer misreads: PostgreSQL's reading of the whole stands", () => {
    // The quick lexer ends E'it\'s at the escaped quote and cuts after "s;": that piece ends
    // inside PostgreSQL's string, fails to parse, and the whole script is parsed at once.
    const before = filler(MB - 200, 'a');
    const tricky = `SELECT E'${'x'.repeat(300)}\\'s;\nDROP TABLE users;\n' AS quoted`;
    const statements = [...before, tricky, ...filler(1.5 * MB, 'b')];
    const sql = `${statements.join(';\n')};\n`;
    const at = sql.indexOf(tricky);
    const cut = pieceEnds(sql, MB)[0] as number;
    expect(cut).toBeGreaterThan(at);
    expect(cut).toBeLessThan(at + tricky.length);
    expect(statementsOf(sql)).toEqual(statements);
    expect(statementsOf(sql)).not.toContain('DROP TABLE users');
  });

  it('keeps dollar-quoted bodies and comments with `;` whole', () => {
    const body = `CREATE FUNCTION f() RETURNS void AS $fn$ BEGIN PERFORM 1; PERFORM 2; END $fn$ LANGUAGE plpgsql`;
    const statements = [...filler(MB, 'a'), `/* a; b; */ ${body}`, ...filler(1.2 * MB, 'b')];
    const sql = `${statements.join(';\n')};\n`;
    const got = statementsOf(sql);
    expect(got).toHaveLength(statements.length);
    expect(got).toContain(body);
  });
});
