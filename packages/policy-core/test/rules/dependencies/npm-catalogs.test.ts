import { describe, expect, it } from 'vitest';
import { changeFrom, check, judgeNpmPair, npmFixture } from './helpers.js';
import { pnpmFrozenInstall } from './pnpm-oracle.js';

const BUN_POLICY_TEXT = 'version: 1\ndependencies:\n  requirements: package.json\n  lock: bun.lock\n';

/**
 * pnpm catalogs: `"debug": "catalog:"` in a package.json takes its range from pnpm-workspace.yaml,
 * and pnpm-lock.yaml records each catalog entry in use under `catalogs`. A real workspace (lock
 * written by pnpm 10.34.9, fixtures/npm/SOURCES.md), mutated as a branch does; pnpm itself is the
 * oracle (`pnpm install --frozen-lockfile --lockfile-only --offline`, which refuses a lock that
 * does not follow the catalogs). Slipway's tree findings on a catalog (DEP012, DEP003, on its line
 * in pnpm-workspace.yaml) come only where pnpm refuses; a catalog range the locked version still
 * satisfies is DEP013 on the change that moved it, as for a package.json.
 */
type Files = Record<string, string>;
const BASE = npmFixture('pnpm-catalogs');
const WS = 'pnpm-workspace.yaml';

const judge = (files: Files, base?: Files) => judgeNpmPair(files, 'pnpm-lock.yaml', base);

const edit = (files: Files, path: string, from: string, to: string): Files => {
  const text = files[path] as string;
  if (!text.includes(from)) throw new Error(`${path}: no ${from}`);
  return { ...files, [path]: text.replace(from, to) };
};

/** pnpm's verdict on the files: whether a frozen install accepts the lock. */
const pnpmAccepts = async (files: Files): Promise<boolean> => (await pnpmFrozenInstall(files)) === 'ok';

describe('pnpm catalogs and the lock (oracle: pnpm install --frozen-lockfile)', () => {
  it('the real lock as pnpm wrote it: nothing, and pnpm accepts it', async () => {
    expect(judge(BASE)).toEqual([]);
    expect(await pnpmAccepts(BASE)).toBe(true);
  }, 60_000);

  it('a catalog range raised past the locked version is DEP012 on its line in pnpm-workspace.yaml', async () => {
    const files = edit(BASE, WS, 'debug: ~4.3.0', 'debug: ^4.4.0');
    expect(judge(files)).toEqual(['DEP012 pnpm-workspace.yaml:6 debug']);
    expect(await pnpmAccepts(files)).toBe(false);
  }, 60_000);

  it('a named catalog too (catalogs.tools)', async () => {
    const files = edit(BASE, WS, 'semver: ^7.5.0', 'semver: ^8.0.0');
    expect(judge(files)).toEqual(['DEP012 pnpm-workspace.yaml:11 semver']);
    expect(await pnpmAccepts(files)).toBe(false);
  }, 60_000);

  it('a package.json that starts using a catalog entry the lock never resolved: DEP003 on the catalog line', async () => {
    const files = edit(BASE, 'packages/util/package.json', '"left-pad": "^1.3.0"', '"left-pad": "catalog:"');
    expect(judge(files)).toEqual(['DEP003 pnpm-workspace.yaml:7 left-pad']);
    expect(await pnpmAccepts(files)).toBe(false);
  }, 60_000);

  it('a package.json asking for a catalog entry no catalog defines: DEP003 on its line (pnpm refuses it too)', async () => {
    const files = edit(BASE, 'packages/util/package.json', '"ms": "catalog:"', '"ms": "catalog:tools"');
    expect(judge(files)).toEqual(['DEP003 packages/util/package.json:5 ms']);
    expect(await pnpmAccepts(files)).toBe(false);
  }, 60_000);

  it('near miss: a range the locked version satisfies is no tree finding; on the change that moved it, DEP013', async () => {
    const files = edit(BASE, WS, 'debug: ~4.3.0', 'debug: ~4.3.1');
    expect(judge(files)).toEqual([]);
    expect(judge(files, BASE)).toEqual(['DEP013 pnpm-workspace.yaml:6 debug: ~4.3.1']);
  });

  it('near miss: an entry no package.json uses (left-pad) is not asked of the lock; editing the packages globs is no declaration change', () => {
    expect(judge(edit(BASE, WS, 'left-pad: ^1.3.0', 'left-pad: ^9.0.0'))).toEqual([]);
    const globs = edit(BASE, WS, '  - "packages/*"', '  - "packages/*"\n  - "tools/*"');
    expect(judge(globs, BASE)).toEqual([]);
  });
});

// Bun keeps its catalogs in the root package.json and its bun.lock records their specifiers
// (`catalog`, `catalogs`). No Bun here to ask: the verdicts are pnpm's above, on the same project.
const BUN = npmFixture('bun-catalogs');
const judgeBun = (files: Files, base?: Files) => judgeNpmPair(files, 'bun.lock', base);

describe('Bun catalogs and bun.lock', () => {
  it('the lock as written: nothing', () => {
    expect(judgeBun(BUN)).toEqual([]);
  });
  it('a catalog range raised past the locked version is DEP012 on its line in package.json; a named catalog too', () => {
    expect(judgeBun(edit(BUN, 'package.json', '"debug": "~4.3.0"', '"debug": "^4.4.0"'))).toEqual([
      'DEP012 package.json:8 debug',
    ]);
    expect(judgeBun(edit(BUN, 'package.json', '"semver": "^7.5.0"', '"semver": "^8.0.0"'))).toEqual([
      'DEP012 package.json:13 semver',
    ]);
  });
  it('a package.json asking for a catalog entry the root does not define: DEP003 on its line', () => {
    const files = edit(BUN, 'packages/web/package.json', '"semver": "catalog:tools"', '"semver": "catalog:"');
    expect(judgeBun(files)).toEqual(['DEP003 packages/web/package.json:9 semver']);
  });
  it('near miss: a range the locked version satisfies is no tree finding; on its change, DEP013', () => {
    const files = edit(BUN, 'package.json', '"debug": "~4.3.0"', '"debug": "~4.3.1"');
    expect(judgeBun(files)).toEqual([]);
    expect(judgeBun(files, BUN)).toEqual(['DEP013 package.json:8 debug: ~4.3.1']);
    // The root's own dependencies and its catalog moved: one file, said once.
    const both = edit(
      files,
      'package.json',
      '"private": true,',
      '"private": true,\n  "dependencies": { "ms": "catalog:" },',
    );
    const found = check(
      { 'slipway.yaml': BUN_POLICY_TEXT, ...both },
      { change: changeFrom(both, BUN) },
    ).findings;
    expect(found.filter((f) => f.rule === 'DEP013').map((f) => f.message)).toEqual([
      expect.not.stringContaining('more package.json'),
    ]);
  });
});
