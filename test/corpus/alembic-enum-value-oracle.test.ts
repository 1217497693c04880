import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSqlParser } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { alembicTreeFolders, slipwayKeys } from './alembic-corpus.js';
import { batchedOracle } from './oracle-batch.js';

/**
 * Real Alembic histories (Prefect's and Glance's, committed; the corpus cache of
 * scripts/fetch-corpus.sh) against an oracle on CPython's own parser
 * (scripts/alembic-enum-value-oracle.py) for MIG045: an enum value added inside upgrade()'s
 * transaction, which PostgreSQL before 12 refuses, and from 12 a later statement of the same
 * transaction using it. Both ways, on PostgreSQL 11 and 16: every MIG045 Slipway reports is one the
 * oracle reads (its call's lines), and every one the oracle reads Slipway reports. Only the trees
 * whose revisions say ADD VALUE at all are compared (MIG045 reads nothing else; each comparison
 * runs the migration checks twice): today Prefect's, which adds three values inside its
 * per-revision transactions. No history of the corpus uses a new value in the same transaction,
 * so the use half is held by the oracle's self-test and the rule's fixtures.
 */
beforeAll(() => initSqlParser());

const ORACLE = fileURLToPath(new URL('../../scripts/alembic-enum-value-oracle.py', import.meta.url));
const COMMITTED = fileURLToPath(new URL('./alembic/', import.meta.url));
const CACHE = join(
  process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'),
  'alembic',
);

interface EnumOracle {
  revisions: number;
  added: Record<string, [number, number][]>;
  uses: Record<string, [number, number][]>;
}

const oracle = batchedOracle<EnumOracle>(ORACLE, [], () => alembicTreeFolders(COMMITTED, CACHE));

/** Whether any revision of the tree says ADD VALUE (what MIG045 and the oracle read). */
const addsValues = (versions: string): boolean =>
  readdirSync(versions, { recursive: true, encoding: 'utf8' }).some(
    (f) => f.endsWith('.py') && /ADD\s+VALUE/i.test(readFileSync(join(versions, f), 'utf8')),
  );

/** Additions read in a transaction, across the trees: the oracle must find some, or it tests nothing. */
let found = 0;

/** Each side's findings the other lacks: Slipway's by file:line, the oracle's by its call's lines. */
function disagreements(keys: string[], expected: Record<string, [number, number][]>): string[] {
  const out: string[] = [];
  const at = keys.map((k) => {
    const where = k.slice('MIG045 '.length);
    const colon = where.lastIndexOf(':');
    return { file: where.slice(0, colon), line: Number(where.slice(colon + 1)) };
  });
  for (const { file, line } of at)
    if (!(expected[file] ?? []).some(([first, last]) => line >= first && line <= last))
      out.push(`slipway only: ${file}:${line}`);
  for (const [file, spans] of Object.entries(expected))
    for (const [first, last] of spans)
      if (!at.some((a) => a.file === file && a.line >= first && a.line <= last))
        out.push(`oracle only: ${file}:${first}-${last}`);
  return out.sort();
}

function enumCase(name: string, versions: string) {
  it(`${name}: MIG045 where an enum value is added, or used, where PostgreSQL refuses it`, () => {
    const expected = oracle(versions);
    expect(expected.revisions).toBeGreaterThan(0);
    found += Object.values(expected.added).flat().length;
    const rules = new Set(['MIG045']);
    const before12 = slipwayKeys(versions, rules, '  postgres_version: 11\n');
    expect(disagreements(before12, expected.added), 'PostgreSQL 11: each side agrees').toEqual([]);
    const from12 = slipwayKeys(versions, rules, '  postgres_version: 16\n');
    expect(disagreements(from12, expected.uses), 'PostgreSQL 16: each side agrees').toEqual([]);
  });
}

/** The corpus cache's trees (scripts/fetch-corpus.sh; the other Alembic corpus tests fail under CI without it). */
const cached = existsSync(CACHE) ? readdirSync(CACHE).sort() : [];

describe('Alembic corpus: enum values added in a transaction', () => {
  for (const name of readdirSync(COMMITTED).sort())
    if (addsValues(join(COMMITTED, name, 'versions'))) enumCase(name, join(COMMITTED, name, 'versions'));
  for (const name of cached)
    if (addsValues(join(CACHE, name, 'versions'))) enumCase(`${name} (cache)`, join(CACHE, name, 'versions'));
  it('the oracle found additions in a transaction (an oracle that finds nothing tests nothing)', () => {
    expect(found).toBeGreaterThanOrEqual(3);
  });
});
