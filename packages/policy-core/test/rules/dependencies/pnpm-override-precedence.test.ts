import { describe, expect, it } from 'vitest';
import { judgeNpmPair, npmFixture } from './helpers.js';
import { pnpmFrozenInstall } from './pnpm-oracle.js';

/**
 * Before pnpm 11, a root package.json with `resolutions` or `pnpm.overrides` wins over
 * pnpm-workspace.yaml's `overrides` whole: `pnpm install` spreads the root manifest's map over the
 * config the workspace file set (facts/pnpm-overrides-read.ts). The fixture's lock is pnpm
 * 10.34.9's for `pnpm.overrides: { semver: 7.5.0 }` beside `overrides: { ms: 2.1.2 }` in
 * pnpm-workspace.yaml: it records `overrides: { semver: 7.5.0 }` and installs ms 2.1.3. Slipway
 * read the workspace map as the one in force, and judged ms against 2.1.2.
 */
type Files = Record<string, string>;
const BASE = npmFixture('pnpm-overrides');
const dep012 = (files: Files) => judgeNpmPair(files, 'pnpm-lock.yaml').filter((f) => f.startsWith('DEP012'));
const PNPM_FIELD = '"pnpm": {\n    "overrides": {\n      "semver": "7.5.0"\n    }\n  }';
const edit = (files: Files, path: string, from: string, to: string): Files => {
  const text = files[path] as string;
  if (!text.includes(from)) throw new Error(`${path}: no ${from}`);
  return { ...files, [path]: text.replace(from, to) };
};

describe("DEP012: the root package.json's overrides beside pnpm-workspace.yaml's, before pnpm 11", () => {
  it('the lock pnpm 10 wrote follows the root package.json alone: no DEP012, and pnpm accepts it', async () => {
    expect(dep012(BASE)).toEqual([]);
    expect(await pnpmFrozenInstall(BASE)).toBe('ok');
  }, 60_000);

  it("`resolutions` alone wins as well (pnpm 10.34.9 writes the root's map as the lock's)", async () => {
    const files = edit(BASE, 'package.json', PNPM_FIELD, '"resolutions": { "semver": "7.5.0" }');
    expect(dep012(files)).toEqual([]);
    expect(await pnpmFrozenInstall(files)).toBe('ok');
  }, 60_000);

  it("near miss: an empty root map is dropped, and pnpm-workspace.yaml's is the one the lock must follow", async () => {
    const files = edit(BASE, 'package.json', '"semver": "7.5.0"', '');
    expect(dep012(files)).toEqual(['DEP012 packages/util/package.json:5 ms']);
    expect(await pnpmFrozenInstall(files)).toBe('ERR_PNPM_LOCKFILE_CONFIG_MISMATCH');
  }, 60_000);

  it("near miss: under pnpm 11 the workspace file's map is the one read, which this lock does not follow", () => {
    const files = edit(
      BASE,
      'package.json',
      '"private": true,',
      '"private": true,\n  "packageManager": "pnpm@11.22.0",',
    );
    expect(dep012(files)).toEqual(['DEP012 packages/util/package.json:5 ms']);
  });
});
