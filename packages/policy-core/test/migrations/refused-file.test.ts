import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import { pastLimit } from '../../src/migrations/refused-file.js';
import { statementsPast } from '../../src/migrations/sql-statement-ends.js';

describe('statementsPast: counts SQL statements the way PostgreSQL splits them', () => {
  it('counts statements ended by `;`, and a last one without', () => {
    expect(statementsPast('SELECT 1; SELECT 2;', 2)).toBe(false);
    expect(statementsPast('SELECT 1; SELECT 2; SELECT 3;', 2)).toBe(true);
    expect(statementsPast('SELECT 1; SELECT 2; SELECT 3', 2)).toBe(true);
    expect(statementsPast('SELECT 1; SELECT 2; -- no third\n', 2)).toBe(false);
  });

  it('does not count semicolons in strings, quoted names, comments or dollar quotes', () => {
    const nearMisses = [
      "SELECT ';;;;'; SELECT 2;",
      'SELECT 1 AS ";;;;"; SELECT 2;',
      'SELECT 1; -- ;;;;\nSELECT 2;',
      'SELECT 1; /* ; /* nested ; */ ; */ SELECT 2;',
      'DO $$ BEGIN PERFORM 1; PERFORM 2; END $$; SELECT 2;',
      'DO $body$ BEGIN PERFORM 1; END $body$; SELECT 2;',
      ';;;; SELECT 1; ;;;; SELECT 2;',
    ];
    for (const sql of nearMisses) expect(statementsPast(sql, 2), sql).toBe(false);
    for (const sql of nearMisses) expect(statementsPast(`${sql} SELECT 3;`, 2), sql).toBe(true);
  });

  it('a bind parameter `$1` is not a dollar quote', () => {
    expect(statementsPast('SELECT $1; SELECT $2; SELECT 3;', 2)).toBe(true);
  });
});

describe('pastLimit: which file, which limit, what to do', () => {
  it('names the file, the limit and the remedy for too many statements, and nothing below it', () => {
    const max = LIMITS.sql.statements;
    expect(pastLimit('db/a.sql', 'SELECT 1;\n'.repeat(max), 'sql')).toBeUndefined();
    expect(pastLimit('db/a.sql', 'SELECT 1;\n'.repeat(max + 1), 'sql')).toBe(
      'db/a.sql holds more than 250,000 SQL statements, the most Slipway reads of one SQL migration file, so it was not checked; split it into smaller migrations.',
    );
    // Python migrations have no statement limit: op.execute strings are bounded by the size.
    expect(pastLimit('v/a.py', 'x = 1;\n'.repeat(max + 1), 'python')).toBeUndefined();
  });
});
