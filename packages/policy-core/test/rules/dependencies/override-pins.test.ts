import { describe, expect, it } from 'vitest';
import { check, judgeNpmPair, npmFixture } from './helpers.js';

/**
 * DEP012 judges a dependency the root package.json overrides against the override, each tool by
 * its own rules (facts/override-pins.ts). Seen on Dokploy: the root's `"resolutions":
 * {"@types/react": "18.3.5"}` over workspaces asking for ^19.2.0, a lock recording `overrides:`
 * and `specifier: 18.3.5`, which `pnpm install --frozen-lockfile` accepts, and 8 DEP012 errors.
 * And the reverse: an override the lock does not follow is still DEP012.
 */
type Files = Record<string, string>;

const edit = (files: Files, path: string, from: string | RegExp, to: string): Files => {
  const text = files[path] as string;
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${path}: nothing replaced`);
  return { ...files, [path]: next };
};
const dep012 = (found: string[]) => found.filter((f) => f.startsWith('DEP012'));

describe('pnpm: resolutions and pnpm.overrides', () => {
  const WEB = 'packages/web/package.json';
  /** The pnpm workspace with web's semver range raised past 7.x and the root pinning 7.8.6, in Dokploy's form. */
  const pinned = (rootField: string): Files => {
    let files = npmFixture('pnpm-workspaces');
    files = edit(files, WEB, '"semver": "^7.5.0"', '"semver": "^8.0.0"');
    files = edit(files, 'package.json', /\{\n/, `{\n  ${rootField},\n`);
    files = edit(files, 'pnpm-lock.yaml', '\nimporters:', '\noverrides:\n  semver: 7.8.6\n\nimporters:');
    return edit(
      files,
      'pnpm-lock.yaml',
      /semver:\n {8}specifier: \^7\.5\.0/,
      'semver:\n        specifier: 7.8.6',
    );
  };

  it('the real workspace as pnpm wrote it: nothing (the fixture is sound)', () => {
    expect(judgeNpmPair(npmFixture('pnpm-workspaces'), 'pnpm-lock.yaml')).toEqual([]);
  });

  it('root `resolutions` (pnpm reads it as overrides) pinning what the lock installs: no DEP012', () => {
    expect(dep012(judgeNpmPair(pinned('"resolutions": { "semver": "7.8.6" }'), 'pnpm-lock.yaml'))).toEqual(
      [],
    );
  });

  it('`pnpm.overrides` likewise, and `pnpm.overrides` wins a key `resolutions` also sets', () => {
    const pnpm = '"pnpm": { "overrides": { "semver": "7.8.6" } }';
    expect(dep012(judgeNpmPair(pinned(pnpm), 'pnpm-lock.yaml'))).toEqual([]);
    const both = `"resolutions": { "semver": "7.9.0" },\n  ${pnpm}`;
    expect(dep012(judgeNpmPair(pinned(both), 'pnpm-lock.yaml'))).toEqual([]);
  });

  it('near miss: an override the lock does not follow is DEP012, said as the override', () => {
    const files = pinned('"pnpm": { "overrides": { "semver": "7.9.0" } }');
    expect(dep012(judgeNpmPair(files, 'pnpm-lock.yaml'))).toEqual([`DEP012 ${WEB}:10 semver`]);
  });

  it('near miss: no override, the raised range is DEP012 as before', () => {
    const files = edit(pinned('"private": true'), 'package.json', '"private": true,\n', '');
    expect(dep012(judgeNpmPair(files, 'pnpm-lock.yaml'))).toEqual([`DEP012 ${WEB}:10 semver`]);
  });

  it('`parent>semver` applies to the package named parent only; `semver@^8` to a range it meets', () => {
    const scoped = (key: string) =>
      dep012(judgeNpmPair(pinned(`"pnpm": { "overrides": { "${key}": "7.8.6" } }`), 'pnpm-lock.yaml'));
    expect(scoped('@shop/web>semver')).toEqual([]);
    expect(scoped('semver@^8')).toEqual([]);
    expect(scoped('@shop/util>semver')).toEqual([`DEP012 ${WEB}:10 semver`]);
    expect(scoped('semver@^6')).toEqual([`DEP012 ${WEB}:10 semver`]);
  });

  it('an override to no version (`-` removes it) leaves nothing to judge', () => {
    expect(
      dep012(judgeNpmPair(pinned('"pnpm": { "overrides": { "semver": "-" } }'), 'pnpm-lock.yaml')),
    ).toEqual([]);
  });
});

describe('npm: overrides', () => {
  const UTIL = 'packages/util/package.json';
  /** The npm workspace with util's ms range raised past 2.x, the lock installing 2.1.3 as before. */
  const raised = (overrides: string): Files => {
    let files = npmFixture('npm-workspaces');
    files = edit(files, UTIL, '"ms": "^2.1.0"', '"ms": "^3.0.0"');
    files = edit(files, 'package-lock.json', /("packages\/util": \{[^}]*"ms": )"\^2\.1\.0"/, '$1"^3.0.0"');
    return edit(files, 'package.json', /\{\n/, `{\n  "overrides": ${overrides},\n`);
  };

  it("a workspace's dependency the root overrides is judged against the override", () => {
    expect(dep012(judgeNpmPair(raised('{ "ms": "2.1.3" }'), 'package-lock.json'))).toEqual([]);
    expect(dep012(judgeNpmPair(raised('{ "@shop/util": { "ms": "2.1.3" } }'), 'package-lock.json'))).toEqual(
      [],
    );
  });

  it('near miss: an override the lock does not follow, or one for another parent, is DEP012', () => {
    expect(dep012(judgeNpmPair(raised('{ "ms": "2.0.0" }'), 'package-lock.json'))).toEqual([
      `DEP012 ${UTIL}:5 ms`,
    ]);
    expect(dep012(judgeNpmPair(raised('{ "@shop/web": { "ms": "2.1.3" } }'), 'package-lock.json'))).toEqual([
      `DEP012 ${UTIL}:5 ms`,
    ]);
  });

  it("near miss: the root's own direct dependency is not overridden (npm refuses: EOVERRIDE)", () => {
    let files = npmFixture('npm-workspaces');
    files = edit(files, 'package.json', '"is-number": "^7.0.0"', '"is-number": "^8.0.0"');
    files = edit(files, 'package.json', /\{\n/, '{\n  "overrides": { "is-number": "7.0.0" },\n');
    expect(dep012(judgeNpmPair(files, 'package-lock.json'))).toEqual(['DEP012 package.json:7 is-number']);
  });
});

describe('Yarn: resolutions', () => {
  const PRJ = 'packages/prj1/package.json';
  /**
   * prj1 asks for minimatch ^3.1.0 and the classic lock resolves that range to 3.0.0, as Yarn 1
   * writes a resolution that overrides a direct dependency (the requested pattern beside it).
   */
  const forced = (resolution: string): Files => {
    let files = npmFixture('yarn-classic-workspaces');
    files = edit(files, PRJ, '"minimatch": "3.0.0"', '"minimatch": "^3.1.0"');
    files = edit(files, 'yarn.lock', 'minimatch@3.0.0:', 'minimatch@3.0.0, minimatch@^3.1.0:');
    return edit(files, 'package.json', /\{\n/, `{\n  "resolutions": { ${resolution} },\n`);
  };

  it('a resolution the lock follows: no DEP012 (yarn installs the resolution)', () => {
    expect(dep012(judgeNpmPair(forced('"minimatch": "3.0.0"'), 'yarn.lock'))).toEqual([]);
    expect(dep012(judgeNpmPair(forced('"**/minimatch": "3.0.0"'), 'yarn.lock'))).toEqual([]);
  });

  it('near miss: a resolution the lock does not follow is DEP012 (it was never judged before)', () => {
    expect(dep012(judgeNpmPair(forced('"minimatch": "3.0.4"'), 'yarn.lock'))).toEqual([
      `DEP012 ${PRJ}:6 minimatch`,
    ]);
  });

  it('near miss: a resolution scoped to another parent leaves the manifest range in force', () => {
    expect(dep012(judgeNpmPair(forced('"other/minimatch": "3.0.0"'), 'yarn.lock'))).toEqual([
      `DEP012 ${PRJ}:6 minimatch`,
    ]);
  });
});

describe('Bun: top-level overrides or resolutions', () => {
  const UTIL = 'packages/util/package.json';
  const raised = (field: string): Files => {
    let files = npmFixture('bun-workspaces');
    files = edit(files, UTIL, '"ms": "^2.1.0"', '"ms": "^3.0.0"');
    files = edit(files, 'bun.lock', '"ms": "^2.1.0",', '"ms": "^3.0.0",');
    return edit(files, 'package.json', /\{\n/, `{\n  ${field},\n`);
  };

  it('a top-level override the lock follows: no DEP012; near miss: one it does not follow is', () => {
    expect(dep012(judgeNpmPair(raised('"overrides": { "ms": "2.1.3" }'), 'bun.lock'))).toEqual([]);
    expect(dep012(judgeNpmPair(raised('"resolutions": { "ms": "2.1.3" }'), 'bun.lock'))).toEqual([]);
    expect(dep012(judgeNpmPair(raised('"overrides": { "ms": "2.0.0" }'), 'bun.lock'))).toEqual([
      `DEP012 ${UTIL}:5 ms`,
    ]);
  });
});

describe('the finding says the override it judged by', () => {
  it('names the field and key, and the range it was put over', () => {
    let files = npmFixture('pnpm-workspaces');
    files = edit(files, 'packages/web/package.json', '"semver": "^7.5.0"', '"semver": "^8.0.0"');
    files = edit(files, 'package.json', /\{\n/, '{\n  "pnpm": { "overrides": { "semver": "7.9.0" } },\n');
    const policy = 'version: 1\ndependencies:\n  requirements: package.json\n  lock: pnpm-lock.yaml\n';
    const [finding] = check({ ...files, 'slipway.yaml': policy }).findings.filter((f) => f.rule === 'DEP012');
    expect(finding?.message).toContain(
      'asks for 7.9.0 (pnpm.overrides["semver"] of the root package.json, over its ^8.0.0), but pnpm-lock.yaml installs 7.8.6',
    );
  });
});
