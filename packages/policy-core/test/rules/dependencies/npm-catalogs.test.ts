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

/**
 * A catalog entry put over every `ms` by an override (`overrides: {ms: 'catalog:'}`, as
 * payloadcms/payload does for copyfiles, react, typescript...): pnpm's parseOverrides resolves
 * `catalog:` to the catalog's specifier, the lock's `overrides` records it (`ms: ^2.1.0`), the
 * importer asks for it itself (`specifier: ^2.1.0`), and `catalogs` no longer lists ms. The lock
 * below is the one pnpm 10.34.9 wrote for these files (`pnpm install --lockfile-only --offline`
 * on the fixture with the override added: exactly these three edits).
 */
const OVERRIDDEN = (() => {
  let f = edit(BASE, WS, 'catalogs:\n', 'overrides:\n  ms: "catalog:"\n\ncatalogs:\n');
  f = edit(f, 'pnpm-lock.yaml', '    ms:\n      specifier: ^2.1.0\n      version: 2.1.3\n', '');
  f = edit(f, 'pnpm-lock.yaml', '\nimporters:\n', '\noverrides:\n  ms: ^2.1.0\n\nimporters:\n');
  return edit(
    f,
    'pnpm-lock.yaml',
    "      ms:\n        specifier: 'catalog:'",
    '      ms:\n        specifier: ^2.1.0',
  );
})();

describe('pnpm catalog entries used through overrides (oracle: pnpm install --frozen-lockfile)', () => {
  it('the lock pnpm wrote: nothing (not DEP003 for want of a `catalogs` entry), and pnpm accepts it', async () => {
    expect(judge(OVERRIDDEN)).toEqual([]);
    expect(await pnpmAccepts(OVERRIDDEN)).toBe(true);
  }, 60_000);

  it('near miss: the catalog raised past what the lock overrides with is DEP012 on its line, not DEP003', async () => {
    const files = edit(OVERRIDDEN, WS, 'ms: ^2.1.0', 'ms: ^2.2.0');
    expect(judge(files)).toEqual(['DEP012 pnpm-workspace.yaml:5 ms']);
    expect(await pnpmAccepts(files)).toBe(false);
  }, 60_000);

  it('near miss: a catalog move the locked version still satisfies is DEP013 on the change', () => {
    const files = edit(OVERRIDDEN, WS, 'ms: ^2.1.0', 'ms: ^2.1.1');
    expect(judge(files)).toEqual([]);
    expect(judge(files, OVERRIDDEN)).toEqual(['DEP013 pnpm-workspace.yaml:5 ms: ^2.1.1']);
  });

  it('near miss: an override the lock does not record leaves the entry missing: DEP003', () => {
    const files = edit(OVERRIDDEN, 'pnpm-lock.yaml', '\noverrides:\n  ms: ^2.1.0\n', '\n');
    expect(judge(files)).toEqual(['DEP003 pnpm-workspace.yaml:5 ms']);
  });

  // Before pnpm 11 the root package.json's `pnpm.overrides` replace pnpm-workspace.yaml's map
  // whole (pnpm-overrides-read.ts): the workspace's `ms: "catalog:"` is not read. Here the root
  // names no pnpm, so pnpm 10 rules; pnpm 10.34.9 relocking these files writes the three edits
  // below (ms back under `catalogs`, `overrides: left-pad: ^1.3.0`, util asking `catalog:` again).
  const ROOT_WINS = edit(
    OVERRIDDEN,
    'package.json',
    '"private": true',
    '"private": true,\n  "pnpm": {\n    "overrides": {\n      "left-pad": "^1.3.0"\n    }\n  }',
  );

  it('the root package.json overrides something else (pnpm 10 reads its map alone): the lock pnpm writes there is clean', async () => {
    let files = edit(
      ROOT_WINS,
      'pnpm-lock.yaml',
      '      version: 4.3.7\n  tools:',
      '      version: 4.3.7\n    ms:\n      specifier: ^2.1.0\n      version: 2.1.3\n  tools:',
    );
    files = edit(
      files,
      'pnpm-lock.yaml',
      '\noverrides:\n  ms: ^2.1.0\n',
      '\noverrides:\n  left-pad: ^1.3.0\n',
    );
    files = edit(
      files,
      'pnpm-lock.yaml',
      '      ms:\n        specifier: ^2.1.0',
      "      ms:\n        specifier: 'catalog:'",
    );
    expect(judge(files)).toEqual([]);
    expect(await pnpmAccepts(files)).toBe(true);
  }, 60_000);

  it('near miss: the lock written under the workspace\'s `ms: "catalog:"` beside that root map is DEP003 (pnpm reads no override of ms), and pnpm refuses it', async () => {
    expect(judge(ROOT_WINS)).toEqual(['DEP003 pnpm-workspace.yaml:5 ms']);
    expect(await pnpmAccepts(ROOT_WINS)).toBe(false);
  }, 60_000);
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
