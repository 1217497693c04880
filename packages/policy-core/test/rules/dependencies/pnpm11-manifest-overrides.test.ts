import { describe, expect, it } from 'vitest';
import { check, judgeNpmPair, npmFixture } from './helpers.js';

/**
 * pnpm 11 reads no settings from package.json's `pnpm` field, `pnpm.overrides` among them, and no
 * longer reads `resolutions` as overrides either: only pnpm-workspace.yaml's `overrides` apply
 * (pnpm.io/package_json "Since v11, pnpm no longer reads settings from the `pnpm` field"; pnpm's
 * commit 303ca410 "stop reading settings from the pnpm field of package.json", in v11.0.0). A
 * root package.json whose `packageManager` (or `devEngines.packageManager`) names pnpm 11 is
 * installed without them: a lock that follows one was DEP012-clean, and a change to one alone
 * was DEP013, though pnpm 11 installs the same either way.
 */
type Files = Record<string, string>;

const edit = (files: Files, path: string, from: string | RegExp, to: string): Files => {
  const text = files[path] as string;
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${path}: nothing replaced`);
  return { ...files, [path]: next };
};
const only = (rule: string, found: string[]) => found.filter((f) => f.startsWith(rule));
const WEB = 'packages/web/package.json';
const POLICY = 'version: 1\ndependencies:\n  requirements: package.json\n  lock: pnpm-lock.yaml\n';

/** The real pnpm workspace, web's semver raised past 7.x, overridden back to 7.8.6 in package.json by `field`. */
function overridden(field: string, pnpm: string): Files {
  let files = npmFixture('pnpm-workspaces');
  files = edit(files, WEB, '"semver": "^7.5.0"', '"semver": "^8.0.0"');
  files = edit(files, 'pnpm-lock.yaml', '\nimporters:', '\noverrides:\n  semver: 7.8.6\n\nimporters:');
  files = edit(
    files,
    'pnpm-lock.yaml',
    /semver:\n {8}specifier: \^7\.5\.0/,
    'semver:\n        specifier: 7.8.6',
  );
  return edit(files, 'package.json', /\{\n/, `{\n  ${pnpm},\n  ${field},\n`);
}
const PNPM_OVERRIDES = '"pnpm": { "overrides": { "semver": "7.8.6" } }';
const RESOLUTIONS = '"resolutions": { "semver": "7.8.6" }';

describe('DEP012: package.json overrides under pnpm 11', () => {
  it.each([
    ['pnpm.overrides, packageManager pnpm@11', PNPM_OVERRIDES, '"packageManager": "pnpm@11.1.2+sha512.abc"'],
    ['resolutions, packageManager pnpm@11', RESOLUTIONS, '"packageManager": "pnpm@11.0.0"'],
    [
      'pnpm.overrides, devEngines pnpm ^11',
      PNPM_OVERRIDES,
      '"devEngines": { "packageManager": { "name": "pnpm", "version": "^11.2.0" } }',
    ],
  ])('%s: not read, so the lock is judged against the range', (_what, field, pnpm) => {
    expect(only('DEP012', judgeNpmPair(overridden(field, pnpm), 'pnpm-lock.yaml'))).toEqual([
      `DEP012 ${WEB}:10 semver`,
    ]);
  });

  it('says the override is there and ignored, and where pnpm 11 reads one', () => {
    const files = overridden(PNPM_OVERRIDES, '"packageManager": "pnpm@11.1.2"');
    const [f] = check({ ...files, 'slipway.yaml': POLICY }).findings.filter((x) => x.rule === 'DEP012');
    expect(f?.message).toContain(
      'asks for ^8.0.0 (pnpm.overrides["semver"] of the root package.json is not read by pnpm 11, the version the root package.json names; pnpm 11 reads overrides from pnpm-workspace.yaml only)',
    );
  });

  it.each([
    ['pnpm 10', '"packageManager": "pnpm@10.33.0"'],
    ['no pnpm named', '"packageManager": "yarn@4.5.0"'],
    [
      'a range that allows pnpm 10',
      '"devEngines": { "packageManager": { "name": "pnpm", "version": ">=10" } }',
    ],
  ])('near miss: %s, the override is read and the lock follows it', (_what, pnpm) => {
    expect(only('DEP012', judgeNpmPair(overridden(PNPM_OVERRIDES, pnpm), 'pnpm-lock.yaml'))).toEqual([]);
  });

  it('near miss: pnpm 11 with the override in pnpm-workspace.yaml, the file it reads', () => {
    const files = overridden(PNPM_OVERRIDES, '"packageManager": "pnpm@11.1.2"');
    const ws = {
      ...files,
      'pnpm-workspace.yaml': `${files['pnpm-workspace.yaml']}overrides:\n  semver: 7.8.6\n`,
    };
    expect(only('DEP012', judgeNpmPair(ws, 'pnpm-lock.yaml'))).toEqual([]);
  });
});

describe('DEP013: package.json overrides changed under pnpm 11', () => {
  const lockFollowing = (files: Files) => edit(files, WEB, '"semver": "^8.0.0"', '"semver": "7.8.6"');

  it('near miss: only pnpm.overrides changed, which pnpm 11 does not read: no DEP013', () => {
    const base = lockFollowing(overridden(PNPM_OVERRIDES, '"packageManager": "pnpm@11.1.2"'));
    const head = edit(base, 'package.json', '"semver": "7.8.6" } }', '"semver": "7.9.0" } }');
    expect(only('DEP013', judgeNpmPair(head, 'pnpm-lock.yaml', base))).toEqual([]);
  });

  it('the same change under pnpm 10 is DEP013', () => {
    const base = lockFollowing(overridden(PNPM_OVERRIDES, '"packageManager": "pnpm@10.33.0"'));
    const head = edit(base, 'package.json', '"semver": "7.8.6" } }', '"semver": "7.9.0" } }');
    expect(only('DEP013', judgeNpmPair(head, 'pnpm-lock.yaml', base))).toEqual([
      'DEP013 package.json:3 pnpm install',
    ]);
  });
});
