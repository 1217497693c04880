import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSqlParser } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithData } from './corpus-dir.js';
import { alembicTreeFolders, disagreements, oracleKeysOf, slipwayKeys } from './alembic-corpus.js';

/**
 * Real Alembic histories, Slipway against an oracle on CPython's own parser
 * (scripts/alembic-oracle.py): the MIG001, MIG002, MIG100 and MIG110 findings must be the same,
 * file and line, apart from the disagreements listed and explained below.
 *
 * Glance is committed (test/corpus/alembic/glance). The real histories of 30 Debian packages
 * (OpenStack's: Nova's two trees, Neutron and three of its plugins, Octavia, Ironic and its
 * inspector, Cinder, Manila, Keystone, Magnum, Aodh, Designate, Barbican, Glance again, Gnocchi,
 * Mistral, Watcher, Zaqar, Placement, Vitrage, Murano's two trees, Sahara, Rally; and Optuna,
 * Mailman 3, JupyterHub, Gertty) come from `scripts/fetch-corpus.sh`, which `pnpm test` runs
 * first to fill the corpus cache: 32 trees, 768 revisions.
 */
beforeAll(() => initSqlParser());

/**
 * Where Slipway and the oracle may differ, and why. Empty today: the 32 cached trees (768
 * revisions, 712 findings) agree finding for finding. Earlier disagreements, now fixed:
 * Glance's labelled expand/contract heads (MIG100, labels named through constants), drops or
 * DDL in helper functions that upgrade() calls (the oracle follows them too), MySQL-only
 * branches (Aodh, Designate), which the oracle now reads as PostgreSQL does: not at all, and
 * Murano's placeholder table created and dropped within one upgrade(), which the oracle now
 * exempts as MIG001 does (a scratch table holds no data of before).
 */
const EXPLAINED: Record<string, Record<string, string>> = {};

/**
 * Histories in which neither side finds anything: their agreement is that there is nothing to
 * report (no false alarm), not a finding matched. Every other history must give the oracle at
 * least one finding, so a broken oracle cannot pass by finding nothing anywhere.
 */
const QUIET: Record<string, string> = {
  'murano-cfapi_migration (cache)': 'one revision, which creates its tables and drops them in downgrade()',
  'watcher (cache)': 'nine revisions that add, each with its inverse downgrade()',
};

const COMMITTED = fileURLToPath(new URL('./alembic/', import.meta.url));
const CACHE = join(
  process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'),
  'alembic',
);
const oracleKeys = oracleKeysOf(() => alembicTreeFolders(COMMITTED, CACHE));

function corpusCase(name: string, versions: string) {
  it(`${name}: Slipway's MIG001/MIG002/MIG100/MIG110 agree with the oracle`, () => {
    const oracle = oracleKeys(versions);
    const slipway = slipwayKeys(versions);
    expect(oracle.revisions).toBeGreaterThan(0);
    if (QUIET[name]) expect(oracle.expected).toEqual([]);
    else expect(oracle.expected.length).toBeGreaterThan(0);
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

/** The packages scripts/fetch-corpus.sh fetches, by the marker it leaves for each. */
function packagesToFetch(): string[] {
  const script = readFileSync(
    fileURLToPath(new URL('../../scripts/fetch-corpus.sh', import.meta.url)),
    'utf8',
  );
  const list = /^packages=\(([\s\S]*?)^\)/m.exec(script)?.[1] ?? '';
  return list
    .split('\n')
    .map((line) => line.replace(/#.*/, ''))
    .join(' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((pkg) => pkg.replace(/^python3-/, ''));
}

// Every history scripts/fetch-corpus.sh lists is checked, never only the ones a failed download
// left (`pnpm test`'s prerequisites step runs the fetch): a missing one fails, naming it.
const missing = packagesToFetch().filter((name) => !existsSync(join(CACHE, '..', 'fetched', name)));
describe('Alembic corpus cache', () => {
  it('holds every history scripts/fetch-corpus.sh lists', () => {
    expect(missing, 'run scripts/fetch-corpus.sh').toEqual([]);
  });
});

describeWithData(
  'Alembic corpus (cache from scripts/fetch-corpus.sh)',
  cached.length > 0,
  () => {
    for (const name of cached) corpusCase(`${name} (cache)`, join(CACHE, name, 'versions'));
  },
  `the Alembic corpus cache ${CACHE} is empty (run scripts/fetch-corpus.sh)`,
);
