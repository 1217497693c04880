import { describe, expect, it } from 'vitest';
import { judgeNpmPair, npmFixture } from './helpers.js';
import { pnpmFrozenInstall } from './pnpm-oracle.js';

/**
 * DEP013 on a pnpm pair counts the overrides pnpm reads, not every override field it sees
 * (facts/pnpm-overrides-read.ts): pnpm never reads npm's top-level `overrides`, and before pnpm 11
 * it reads pnpm-workspace.yaml's `overrides` only when the root package.json has no
 * `resolutions` or `pnpm.overrides`. A change to a field pnpm does not read leaves the lock as
 * pnpm wants it (`pnpm install --frozen-lockfile` accepts it), so it is no reason to relock.
 * pnpm-overrides/ is pnpm 10.34.9's lock for the root's `pnpm.overrides` beside a workspace map;
 * pnpm11-overrides/ is pnpm 11.22.0's for a workspace map alone.
 */
type Files = Record<string, string>;
const P10 = npmFixture('pnpm-overrides');
const P11 = npmFixture('pnpm11-overrides');
const WS = 'pnpm-workspace.yaml';

const edit = (files: Files, path: string, from: string, to: string): Files => {
  const text = files[path] as string;
  if (!text.includes(from)) throw new Error(`${path}: no ${from}`);
  return { ...files, [path]: text.replace(from, to) };
};
const dep013 = (head: Files, base: Files, lock = 'pnpm-lock.yaml') =>
  judgeNpmPair(head, lock, base).filter((f) => f.startsWith('DEP013'));
/** npm's field, added to the root package.json. */
const withNpmOverrides = (files: Files) =>
  edit(files, 'package.json', '"private": true,', '"private": true,\n  "overrides": { "ms": "2.0.0" },');

describe("DEP013: npm's `overrides` field in a pnpm project", () => {
  it('added without the lock: no DEP013 under pnpm 10, whose frozen install accepts the lock', async () => {
    const head = withNpmOverrides(P10);
    expect(dep013(head, P10)).toEqual([]);
    expect(await pnpmFrozenInstall(head)).toBe('ok');
  }, 60_000);

  it('nor under pnpm 11 (pnpm 11.22.0 accepts that lock as well)', () => {
    expect(dep013(withNpmOverrides(P11), P11)).toEqual([]);
  });

  it('near miss: the same field in an npm pair is DEP013, npm reads it', () => {
    const base = npmFixture('npm-workspaces');
    expect(dep013(withNpmOverrides(base), base, 'package-lock.json')).toEqual([
      'DEP013 package.json:4 npm install',
    ]);
  });

  it('near miss: `resolutions` added under pnpm 10 joins the map pnpm reads: DEP013, and pnpm refuses the lock', async () => {
    const head = edit(
      P10,
      'package.json',
      '"private": true,',
      '"private": true,\n  "resolutions": { "ms": "2.0.0" },',
    );
    expect(dep013(head, P10)).toEqual(['DEP013 package.json:4 pnpm install']);
    expect(await pnpmFrozenInstall(head)).toBe('ERR_PNPM_LOCKFILE_CONFIG_MISMATCH');
  }, 60_000);
});

describe("DEP013: pnpm-workspace.yaml's overrides beside the root package.json's, before pnpm 11", () => {
  it("a workspace override changed while the root's map is the one read: no DEP013, and pnpm accepts the lock", async () => {
    const head = edit(P10, WS, 'ms: 2.1.2', 'ms: 2.1.1');
    expect(dep013(head, P10)).toEqual([]);
    expect(await pnpmFrozenInstall(head)).toBe('ok');
  }, 60_000);

  it("near miss: the root's `pnpm.overrides` changed is DEP013 on package.json, and pnpm refuses the lock", async () => {
    const head = edit(P10, 'package.json', '"semver": "7.5.0"', '"semver": "7.5.1"');
    expect(dep013(head, P10)).toEqual(['DEP013 package.json:9 pnpm install']);
    expect(await pnpmFrozenInstall(head)).toBe('ERR_PNPM_LOCKFILE_CONFIG_MISMATCH');
  }, 60_000);

  it("near miss: emptying the root's map hands pnpm the workspace file's: DEP013", () => {
    const head = edit(P10, 'package.json', '\n      "semver": "7.5.0"\n    ', '');
    expect(dep013(head, P10)).toEqual(['DEP013 package.json:8 pnpm install']);
  });

  it('near miss: under pnpm 11 the workspace override is the one read: DEP013 on that file', () => {
    const head = edit(P11, WS, 'ms: 2.1.2', 'ms: 2.1.1');
    expect(dep013(head, P11)).toEqual([`DEP013 ${WS}:5 pnpm install`]);
  });
});
