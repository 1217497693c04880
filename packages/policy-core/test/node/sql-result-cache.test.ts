import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_CACHE_BYTES, SqlResultCache } from '@slipway/policy-core/node';
import type { SqlFileResults } from '@slipway/policy-core';
import { afterAll, describe, expect, it } from 'vitest';

const base = mkdtempSync(join(tmpdir(), 'slipway-result-cache-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(base, `cache-${n++}`);
const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);

const range = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 12 } });
const RESULTS: SqlFileResults = {
  ops: [
    {
      kind: 'drop_index',
      index: 'ix',
      range: range(0),
      detail: range(0),
      source: 'sql',
      label: 'DROP INDEX ix',
    },
    { kind: 'other', range: range(2), detail: range(1), source: 'sql', label: 'SELECT 1' },
  ],
  findings: [{ rule: 'MIG031', severity: 'warning', message: 'm', file: 'db/1.sql', range: range(0) }],
};

describe('SqlResultCache', () => {
  it('gives back what was put, equal in every key and its order, for the same text only', () => {
    const dir = freshDir();
    const first = SqlResultCache.open(dir, KEY, 'ctx');
    expect(first.get('db/1.sql', 'DROP INDEX ix;')).toBeUndefined();
    first.put('db/1.sql', 'DROP INDEX ix;', RESULTS);
    expect(first.save()).toBe(true);
    const again = SqlResultCache.open(dir, KEY, 'ctx');
    const hit = again.get('db/1.sql', 'DROP INDEX ix;');
    expect(JSON.stringify(hit)).toBe(JSON.stringify(RESULTS));
    expect(again.get('db/1.sql', 'DROP INDEX ix2;')).toBeUndefined();
    expect(again.get('db/2.sql', 'DROP INDEX ix;')).toBeUndefined();
    // Nothing computed: nothing written.
    expect(again.save()).toBe(false);
  });

  it('reads the file when a result is first asked for, not when opened (a hook call that writes no migration)', () => {
    const dir = freshDir();
    const writer = SqlResultCache.open(dir, KEY, 'ctx');
    writer.put('db/1.sql', 'x', RESULTS);
    // Opened before the file exists: a read at open would have found nothing.
    const early = SqlResultCache.open(dir, KEY, 'ctx');
    writer.save();
    expect(early.get('db/1.sql', 'x')).toBeDefined();
    // Once read, the file is not read again: an entry written later is not seen.
    const writer2 = SqlResultCache.open(dir, KEY, 'ctx');
    writer2.put('db/2.sql', 'y', RESULTS);
    writer2.save();
    expect(early.get('db/2.sql', 'y')).toBeUndefined();
  });

  it('ignores a file under another key or context, and one past the size limit', () => {
    const dir = freshDir();
    const c = SqlResultCache.open(dir, KEY, 'ctx');
    c.put('db/1.sql', 'x', RESULTS);
    c.save();
    expect(SqlResultCache.open(dir, OTHER_KEY, 'ctx').ignored).toMatch(/MAC/);
    expect(SqlResultCache.open(dir, OTHER_KEY, 'ctx').get('db/1.sql', 'x')).toBeUndefined();
    expect(SqlResultCache.open(dir, KEY, 'another policy').ignored).toMatch(/another build or policy/);
    const file = join(dir, 'sql-results.json');
    const size = statSync(file).size;
    truncateSync(file, MAX_CACHE_BYTES + 1024);
    expect(SqlResultCache.open(dir, KEY, 'ctx').ignored).toMatch(/larger than the limit/);
    truncateSync(file, size);
    expect(SqlResultCache.open(dir, KEY, 'ctx').get('db/1.sql', 'x')).toBeDefined();
  });

  it('keeps only the entries the last run used, so a deleted migration leaves the file', () => {
    const dir = freshDir();
    const c = SqlResultCache.open(dir, KEY, 'ctx');
    c.put('db/1.sql', 'a', RESULTS);
    c.put('db/2.sql', 'b', RESULTS);
    c.save();
    const next = SqlResultCache.open(dir, KEY, 'ctx');
    next.get('db/1.sql', 'a');
    next.put('db/3.sql', 'c', RESULTS);
    next.save();
    const body = readFileSync(join(dir, 'sql-results.json'), 'utf8').split('\n', 2)[1] as string;
    expect(Object.keys(JSON.parse(body).entries).sort()).toEqual(['db/1.sql', 'db/3.sql']);
  });

  it('keeps migration modules beside them: by reader and path, for the same text only, the used ones alone', () => {
    const dir = freshDir();
    const module = { path: 'db/m/1.js', isMigration: true, header: {}, js: 'knex' as const };
    const c = SqlResultCache.open(dir, KEY, 'ctx');
    c.putModule('js:knex:db/m/1.js', 'up()', module);
    c.putModule('js:knex:db/m/2.js', 'up2()', { ...module, path: 'db/m/2.js' });
    c.put('db/1.sql', 'a', RESULTS);
    c.save();
    const next = SqlResultCache.open(dir, KEY, 'ctx');
    expect(next.getModule('js:knex:db/m/1.js', 'up()')).toEqual(module);
    // Another text (the file's, or what its imports give it) or another reader: not this module.
    expect(next.getModule('js:knex:db/m/1.js', 'up() ')).toBeUndefined();
    expect(next.getModule('js:typeorm:db/m/1.js', 'up()')).toBeUndefined();
    expect([...next.hits]).toEqual(['js:knex:db/m/1.js']);
    next.put('db/2.sql', 'b', RESULTS);
    next.save();
    const body = JSON.parse(readFileSync(join(dir, 'sql-results.json'), 'utf8').split('\n', 2)[1] as string);
    expect(Object.keys(body.modules)).toEqual(['js:knex:db/m/1.js']);
    expect(Object.keys(body.entries)).toEqual(['db/2.sql']);
  });

  it('treats a hand-written file as foreign even when it is valid JSON of the right shape', () => {
    const dir = freshDir();
    SqlResultCache.open(dir, KEY, 'ctx').save();
    const c = SqlResultCache.open(dir, KEY, 'ctx');
    c.put('db/1.sql', 'a', RESULTS);
    c.save();
    const [, body] = readFileSync(join(dir, 'sql-results.json'), 'utf8').split('\n', 2) as [string, string];
    writeFileSync(join(dir, 'sql-results.json'), `${'0'.repeat(64)}\n${body}`);
    expect(SqlResultCache.open(dir, KEY, 'ctx').get('db/1.sql', 'a')).toBeUndefined();
  });

  it('re-reads a file of the previous format (steps named by lock.action), never decodes it', () => {
    // What format 2 kept for `ALTER TABLE t VALIDATE CONSTRAINT c`: an `other` op whose lock said
    // what it did. Read as today's ops, MIG027 and MIG037 would miss it; its MAC is valid.
    const dir = freshDir();
    const sha = createHash('sha256').update('ALTER TABLE t VALIDATE CONSTRAINT c;').digest('hex');
    const op = { kind: 'other', table: 't', lock: { action: 'validate_constraint', constraintName: 'c' } };
    const body = JSON.stringify({
      format: 'slipway-sql-results/2',
      context: createHash('sha256').update('ctx').digest('hex'),
      entries: {
        'db/1.sql': { sha, ops: [{ ...op, range: [0, 0, 0, 12], detail: 1, source: 'sql', label: 'x' }] },
      },
    });
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'sql-results.json'),
      `${createHmac('sha256', KEY).update(body).digest('hex')}\n${body}`,
    );
    const c = SqlResultCache.open(dir, KEY, 'ctx');
    expect(c.ignored).toBe('another format');
    expect(c.get('db/1.sql', 'ALTER TABLE t VALIDATE CONSTRAINT c;')).toBeUndefined();
  });
});
