import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSqlParser } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithData } from './corpus-dir.js';
import { alembicTreeFolders, disagreements, slipwayKeys } from './alembic-corpus.js';
import { batchedOracle } from './oracle-batch.js';

/**
 * Real Alembic histories (the corpus cache of scripts/fetch-corpus.sh, and Glance committed):
 * every index a revision builds on a table that existed before it, without CONCURRENTLY, as an
 * oracle on CPython's own parser lists them (scripts/alembic-index-oracle.py), is Slipway's
 * MIG020, file and line, and no other line is; and each revision that builds one, with no
 * lock_timeout set (none of these histories sets one, in a revision or, since only the version
 * folders are kept, an env.py), has Slipway's MIG037 at or before that index: a SHARE lock
 * queued behind one slow query blocks every write to the table. In the 32 cached trees the
 * oracle lists 100 such indexes (Mistral 28, Mailman 3 20, Gertty 10, Neutron 7, ...), and
 * Slipway's MIG020 is those 100 lines exactly.
 */
beforeAll(() => initSqlParser());

const ORACLE = fileURLToPath(new URL('../../scripts/alembic-index-oracle.py', import.meta.url));
const COMMITTED = fileURLToPath(new URL('./alembic/', import.meta.url));
const CACHE = join(
  process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'),
  'alembic',
);

interface IndexOracle {
  indexes: string[];
  lock_timeout: string[];
  revisions: number;
}

const oracle = batchedOracle<IndexOracle>(ORACLE, [], () => alembicTreeFolders(COMMITTED, CACHE));

/** Where Slipway and the oracle may differ, and why: none today. */
const EXPLAINED: Record<string, Record<string, string>> = {};

function lockCase(name: string, versions: string) {
  it(`${name}: MIG020 on every index built on an existing table, MIG037 before it`, () => {
    const expected = oracle(versions);
    expect(expected.revisions).toBeGreaterThan(0);
    expect(expected.lock_timeout).toEqual([]);
    const found = slipwayKeys(versions, new Set(['MIG020', 'MIG037']));
    const mig020 = found.filter((k) => k.startsWith('MIG020 ')).map((k) => k.slice('MIG020 '.length));
    const explained = EXPLAINED[name] ?? {};
    expect(disagreements(mig020, expected.indexes), 'each disagreement must be explained').toEqual(
      Object.keys(explained).sort(),
    );
    // The first index each revision builds on an existing table: MIG037 reports the revision
    // once, on its first statement that blocks writes, which is this one or one before it.
    const firstIndex = new Map<string, number>();
    for (const at of expected.indexes) {
      const [file, line] = [at.slice(0, at.lastIndexOf(':')), Number(at.slice(at.lastIndexOf(':') + 1))];
      firstIndex.set(file, Math.min(firstIndex.get(file) ?? line, line));
    }
    const mig037 = new Map<string, number>();
    for (const k of found.filter((k) => k.startsWith('MIG037 '))) {
      const at = k.slice('MIG037 '.length);
      mig037.set(at.slice(0, at.lastIndexOf(':')), Number(at.slice(at.lastIndexOf(':') + 1)));
    }
    const late = [...firstIndex]
      .filter(([file, line]) => !(mig037.has(file) && (mig037.get(file) as number) <= line))
      .map(
        ([file, line]) =>
          `${file}:${line} (MIG037 ${mig037.has(file) ? `at ${mig037.get(file)}` : 'missing'})`,
      );
    expect(late).toEqual([]);
  });
}

describe('Alembic corpus: indexes on existing tables (committed)', () => {
  for (const name of readdirSync(COMMITTED).sort()) lockCase(name, join(COMMITTED, name, 'versions'));
});

const cached = existsSync(CACHE) ? readdirSync(CACHE).sort() : [];
describeWithData(
  'Alembic corpus: indexes on existing tables (cache from scripts/fetch-corpus.sh)',
  cached.length > 0,
  () => {
    for (const name of cached) lockCase(`${name} (cache)`, join(CACHE, name, 'versions'));
  },
  `the Alembic corpus cache ${CACHE} is empty (run scripts/fetch-corpus.sh)`,
);
