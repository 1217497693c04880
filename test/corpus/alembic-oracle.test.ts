import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSqlParser } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { disagreements, oracleKeys, slipwayKeys } from './alembic-corpus.js';

/**
 * Real Alembic histories, Slipway against an oracle on CPython's own parser
 * (scripts/alembic-oracle.py): the MIG001, MIG002, MIG100 and MIG110 findings must be the same,
 * file and line, apart from the disagreements listed and explained below.
 *
 * Glance is committed (test/corpus/alembic/glance). Twelve OpenStack projects' histories (Nova's
 * two trees, Neutron, Octavia, Ironic, Cinder, Manila, Keystone, Magnum, Aodh, Designate,
 * Barbican, and Glance again) come from `scripts/fetch-corpus.sh`, which `pnpm test` runs first
 * to fill the corpus cache; they are checked when the cache holds them.
 */
beforeAll(() => initSqlParser());

/**
 * Where Slipway and the oracle may differ, and why. Empty today: the thirteen cached trees
 * (463 revisions, 473 findings) agree finding for finding. Earlier disagreements, now fixed:
 * Glance's labelled expand/contract heads (MIG100, labels named through constants), drops or
 * DDL in helper functions that upgrade() calls (the oracle follows them too), and MySQL-only
 * branches (Aodh, Designate), which the oracle now reads as PostgreSQL does: not at all.
 */
const EXPLAINED: Record<string, Record<string, string>> = {};

const COMMITTED = fileURLToPath(new URL('./alembic/', import.meta.url));
const CACHE = join(
  process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'),
  'alembic',
);

function corpusCase(name: string, versions: string) {
  it(`${name}: Slipway's MIG001/MIG002/MIG100/MIG110 agree with the oracle`, () => {
    const oracle = oracleKeys(versions);
    const slipway = slipwayKeys(versions);
    expect(oracle.revisions).toBeGreaterThan(0);
    expect(oracle.expected.length).toBeGreaterThan(0);
    const found = disagreements(slipway, oracle.expected);
    const explained = EXPLAINED[name] ?? {};
    expect(found, 'each disagreement must be explained in EXPLAINED').toEqual(Object.keys(explained).sort());
  });
}

describe('Alembic corpus (committed)', () => {
  for (const name of readdirSync(COMMITTED).sort()) corpusCase(name, join(COMMITTED, name, 'versions'));

  it('reads Glance as two deliberately labelled heads, as Alembic does', () => {
    const oracle = oracleKeys(join(COMMITTED, 'glance', 'versions'));
    expect(oracle.heads).toEqual(['wallaby_contract01', 'wallaby_expand01']);
    expect(oracle.expected.filter((k) => k.startsWith('MIG100'))).toEqual([]);
  });
});

const cached = existsSync(CACHE) ? readdirSync(CACHE).sort() : [];
if (cached.length === 0)
  console.log(
    `Alembic corpus cache ${CACHE} is empty: run scripts/fetch-corpus.sh to check twelve more OpenStack histories.`,
  );
else
  describe('Alembic corpus (cache from scripts/fetch-corpus.sh)', () => {
    for (const name of cached) corpusCase(`${name} (cache)`, join(CACHE, name, 'versions'));
  });
