import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeNpmPair, npmFixture } from './helpers.js';
import { pnpmFrozenInstall } from './pnpm-oracle.js';

/**
 * A pnpm override of any value put over a package.json's `"ms": "catalog:"`: pnpm's read-package
 * hook (hooks/read-package-hook createVersionsOverrider) rewrites the importer's `catalog:` to the
 * override's specifier before the resolver looks the catalog up, so that importer no longer
 * resolves ms through the catalog and getCatalogSnapshots leaves ms out of the lock's `catalogs`
 * when no other importer does. A selector with a range (`ms@^2`) does not meet `catalog:`
 * (isIntersectingRange), and a parent selector (`@shop/util>ms`) only the importer it names.
 * Each lock is the one pnpm 10.34.9 wrote for the pnpm-catalogs fixture with the override added
 * (pnpm-catalog-relocks/, fixtures/npm/SOURCES.md; pnpm 11.22.0 writes the same bytes).
 */
type Files = Record<string, string>;
const BASE = npmFixture('pnpm-catalogs');
const WS = 'pnpm-workspace.yaml';
const LOCK = 'pnpm-lock.yaml';
const relock = (name: string) =>
  readFileSync(
    join(import.meta.dirname, '../../requirements/fixtures/npm/pnpm-catalog-relocks', name),
    'utf8',
  );

/** The fixture with `override` under pnpm-workspace.yaml's `overrides:`, and `lock` as its lock. */
const overridden = (override: string, lock: string, files: Files = BASE): Files => ({
  ...files,
  [WS]: (files[WS] as string).replace('catalogs:\n', `overrides:\n  ${override}\n\ncatalogs:\n`),
  [LOCK]: relock(lock),
});

const edit = (files: Files, path: string, from: string, to: string): Files => {
  const text = files[path] as string;
  if (!text.includes(from)) throw new Error(`${path}: no ${from}`);
  return { ...files, [path]: text.replace(from, to) };
};

const judge = (files: Files) => judgeNpmPair(files, LOCK);
const pnpmAccepts = async (files: Files): Promise<boolean> => (await pnpmFrozenInstall(files)) === 'ok';

/** The catalog's ms entry as pnpm wrote it, to take out of a lock that keeps it. */
const CATALOG_MS = /\n {4}ms:\n {6}specifier: \^2\.1\.0\n {6}version: 2\.1\.2\n/;
const withoutCatalogMs = (files: Files): Files => {
  const text = files[LOCK] as string;
  if (!CATALOG_MS.test(text)) throw new Error('no catalogs ms entry');
  return { ...files, [LOCK]: text.replace(CATALOG_MS, '\n') };
};

describe('pnpm catalog entries an override of any value takes out of the lock (oracle: pnpm install --frozen-lockfile)', () => {
  it('`ms: 2.1.2` over the catalog: the lock pnpm wrote is clean (was DEP003 on the catalog line), and pnpm accepts it', async () => {
    const files = overridden('ms: 2.1.2', 'override-ms-2.1.2.yaml');
    expect(judge(files)).toEqual([]);
    expect(await pnpmAccepts(files)).toBe(true);
  }, 60_000);

  it("`ms: ^2.1.0`, the catalog's own range written out: clean too", async () => {
    const files = overridden('ms: ^2.1.0', 'override-ms-catalog-range.yaml');
    expect(judge(files)).toEqual([]);
    expect(await pnpmAccepts(files)).toBe(true);
  }, 60_000);

  it('`"@shop/util>ms": 2.1.2`, the one importer asking the catalog for ms: clean', async () => {
    const files = overridden('"@shop/util>ms": 2.1.2', 'override-util-ms.yaml');
    expect(judge(files)).toEqual([]);
    expect(await pnpmAccepts(files)).toBe(true);
  }, 60_000);

  it('`ms: "-"` removes ms from the importer and the catalog: clean (was DEP003 on both lines)', async () => {
    const files = overridden('ms: "-"', 'override-ms-removed.yaml');
    expect(judge(files)).toEqual([]);
    expect(await pnpmAccepts(files)).toBe(true);
  }, 60_000);

  it('the override still held to the importer: a lock installing another ms than `ms: 2.1.2` is DEP012 on its line', async () => {
    const files = edit(overridden('ms: 2.1.2', 'override-ms-2.1.2.yaml'), WS, 'ms: 2.1.2\n', 'ms: 2.1.1\n');
    expect(judge(files)).toEqual(['DEP012 packages/util/package.json:5 ms']);
    expect(await pnpmAccepts(files)).toBe(false);
  }, 60_000);

  it('near miss: an override the lock does not record leaves the entry missing: DEP003', async () => {
    const files = edit(
      overridden('ms: 2.1.2', 'override-ms-2.1.2.yaml'),
      LOCK,
      '\noverrides:\n  ms: 2.1.2\n',
      '\n',
    );
    expect(judge(files)).toEqual(['DEP003 pnpm-workspace.yaml:5 ms']);
    expect(await pnpmAccepts(files)).toBe(false);
  }, 60_000);

  it('near miss: `ms@^2` does not meet `catalog:`, so the catalog keeps ms and its own range: the lock pnpm wrote is clean (was DEP012 by the override), the catalog raised past it DEP012', async () => {
    const files = overridden('ms@^2: 2.1.2', 'override-ms-at-range.yaml');
    expect(judge(files)).toEqual([]);
    expect(await pnpmAccepts(files)).toBe(true);
    const raised = edit(files, WS, 'ms: ^2.1.0', 'ms: ^2.2.0');
    expect(judge(raised)).toEqual(['DEP012 pnpm-workspace.yaml:5 ms']);
    expect(await pnpmAccepts(raised)).toBe(false);
  }, 60_000);

  // pnpm's frozen install checks only the `catalogs` entries a lock has (lockfile/verification
  // allCatalogsAreUpToDate), so it accepts the lock below without ms; Slipway holds the catalog to
  // what pnpm writes, which lists ms while web still resolves it through the catalog.
  it('near miss: a parent selector leaves another importer asking the catalog: the lock keeps ms (clean); without it, DEP003; the catalog raised, DEP012', async () => {
    const web = edit(
      BASE,
      'packages/web/package.json',
      '"debug": "catalog:"',
      '"debug": "catalog:",\n    "ms": "catalog:"',
    );
    const files = overridden('"@shop/util>ms": 2.1.2', 'override-util-ms-web-uses-catalog.yaml', web);
    expect(judge(files)).toEqual([]);
    expect(await pnpmAccepts(files)).toBe(true);
    expect(judge(withoutCatalogMs(files))).toEqual(['DEP003 pnpm-workspace.yaml:5 ms']);
    const raised = edit(files, WS, 'ms: ^2.1.0', 'ms: ^2.2.0');
    expect(judge(raised)).toEqual(['DEP012 pnpm-workspace.yaml:5 ms']);
    expect(await pnpmAccepts(raised)).toBe(false);
  }, 60_000);

  it('near miss: `ms: "-"` the lock does not record: DEP003 on the importer and the catalog', () => {
    const files = edit(
      overridden('ms: "-"', 'override-ms-removed.yaml'),
      LOCK,
      "\noverrides:\n  ms: '-'\n",
      '\n',
    );
    expect(judge(files)).toEqual([
      'DEP003 packages/util/package.json:5 ms',
      'DEP003 pnpm-workspace.yaml:5 ms',
    ]);
  });
});

/**
 * A catalog entry no importer resolves through (every `catalog:` asking for it is overridden)
 * edited on a change: pnpm's frozen install compares only the catalog entries the lock lists
 * (lockfile/verification allCatalogsAreUpToDate walks the lock's `catalogs`, not the config), so
 * the lock needs no relock, and DEP013 must not ask for one.
 */
describe('editing a catalog entry an override hides (DEP013 on the change; oracle: pnpm install --frozen-lockfile)', () => {
  const judgeChange = (files: Files, base: Files) => judgeNpmPair(files, LOCK, base);

  it('`ms: 2.1.2` over the catalog, the catalog ms moved: no DEP013, and pnpm accepts the old lock', async () => {
    const base = overridden('ms: 2.1.2', 'override-ms-2.1.2.yaml');
    const files = edit(base, WS, 'ms: ^2.1.0', 'ms: ^2.1.1');
    expect(judgeChange(files, base)).toEqual([]);
    expect(await pnpmAccepts(files)).toBe(true);
  }, 60_000);

  it('near miss: `@shop/util>ms` while web still asks the catalog for ms: the catalog ms moved is DEP013', () => {
    const web = edit(
      BASE,
      'packages/web/package.json',
      '"debug": "catalog:"',
      '"debug": "catalog:",\n    "ms": "catalog:"',
    );
    const base = overridden('"@shop/util>ms": 2.1.2', 'override-util-ms-web-uses-catalog.yaml', web);
    const files = edit(base, WS, 'ms: ^2.1.0', 'ms: ^2.1.1');
    expect(judgeChange(files, base)).toEqual(['DEP013 pnpm-workspace.yaml:5 ms: ^2.1.1']);
  });

  it('near miss: the hidden entry moved with a visible one (debug): DEP013 still, at the visible entry', () => {
    const base = overridden('ms: 2.1.2', 'override-ms-2.1.2.yaml');
    const files = edit(edit(base, WS, 'ms: ^2.1.0', 'ms: ^2.1.1'), WS, 'debug: ~4.3.0', 'debug: ~4.3.1');
    expect(judgeChange(files, base)).toEqual(['DEP013 pnpm-workspace.yaml:6 debug: ~4.3.1']);
  });
});
