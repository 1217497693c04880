import { describe, expect, it } from 'vitest';
import { changeFrom, check, judgeNpmPair, npmFixture } from './helpers.js';

/**
 * pnpm 10.5 and later read `overrides` from pnpm-workspace.yaml as well as from package.json
 * (before pnpm 11 only when the root package.json's `pnpm.overrides` and `resolutions` are empty:
 * those replace the workspace file's map whole, pnpm-override-precedence.test.ts). A lock
 * that follows such an override was DEP012 ("asks for ^8.0.0 but installs 7.8.6"), and an agent
 * adding one was not DEP017 as the same line in package.json is.
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
const WS = 'pnpm-workspace.yaml';

/** The real pnpm workspace with web's semver raised past 7.x, and a lock pnpm wrote under an override to 7.8.6. */
function raised(workspaceTail: string, rootField?: string): Files {
  let files = npmFixture('pnpm-workspaces');
  files = edit(files, WEB, '"semver": "^7.5.0"', '"semver": "^8.0.0"');
  files = edit(files, 'pnpm-lock.yaml', '\nimporters:', '\noverrides:\n  semver: 7.8.6\n\nimporters:');
  files = edit(
    files,
    'pnpm-lock.yaml',
    /semver:\n {8}specifier: \^7\.5\.0/,
    'semver:\n        specifier: 7.8.6',
  );
  files = { ...files, [WS]: `${files[WS]}${workspaceTail}` };
  return rootField ? edit(files, 'package.json', /\{\n/, `{\n  ${rootField},\n`) : files;
}

describe('DEP012: overrides in pnpm-workspace.yaml', () => {
  it('an override written only there, which the lock follows: no DEP012', () => {
    expect(only('DEP012', judgeNpmPair(raised('overrides:\n  semver: 7.8.6\n'), 'pnpm-lock.yaml'))).toEqual(
      [],
    );
    expect(
      only('DEP012', judgeNpmPair(raised("overrides:\n  '@shop/web>semver': 7.8.6\n"), 'pnpm-lock.yaml')),
    ).toEqual([]);
  });

  it('near miss: a pnpm-workspace.yaml with only `packages:` leaves the raised range DEP012', () => {
    expect(only('DEP012', judgeNpmPair(raised(''), 'pnpm-lock.yaml'))).toEqual([`DEP012 ${WEB}:10 semver`]);
  });

  it('near miss: an override there the lock does not follow is DEP012, said as that file', () => {
    const files = raised('overrides:\n  semver: 7.9.0\n');
    expect(only('DEP012', judgeNpmPair(files, 'pnpm-lock.yaml'))).toEqual([`DEP012 ${WEB}:10 semver`]);
    const policy = 'version: 1\ndependencies:\n  requirements: package.json\n  lock: pnpm-lock.yaml\n';
    const [f] = check({ ...files, 'slipway.yaml': policy }).findings.filter((x) => x.rule === 'DEP012');
    expect(f?.message).toContain(
      'asks for 7.9.0 (overrides["semver"] of pnpm-workspace.yaml, over its ^8.0.0)',
    );
  });

  it("a root package.json map replaces the workspace file's whole before pnpm 11; under pnpm 11 it is the workspace file's", () => {
    // The workspace file's 7.8.6 is not read beside the root's map, even for a key that map lacks.
    const replaced = raised('overrides:\n  semver: 7.8.6\n', '"pnpm": { "overrides": { "ms": "2.1.3" } }');
    expect(only('DEP012', judgeNpmPair(replaced, 'pnpm-lock.yaml'))).toEqual([`DEP012 ${WEB}:10 semver`]);
    const pnpm11 = edit(replaced, 'package.json', /\{\n/, '{\n  "packageManager": "pnpm@11.1.2",\n');
    expect(only('DEP012', judgeNpmPair(pnpm11, 'pnpm-lock.yaml'))).toEqual([]);
    const empty = raised('overrides:\n  semver: 7.8.6\n', '"pnpm": { "overrides": {} }');
    expect(only('DEP012', judgeNpmPair(empty, 'pnpm-lock.yaml'))).toEqual([]);
  });
});

describe('DEP017: an agent adding overrides to pnpm-workspace.yaml', () => {
  const policy =
    'version: 1\nagents:\n  limits:\n    new_dependencies: 10\ndependencies:\n  requirements: package.json\n  lock: pnpm-lock.yaml\n';
  const findings = (head: Files, base: Files, branch: string) =>
    check({ ...head, 'slipway.yaml': policy }, { change: { ...changeFrom(head, base), branch } })
      .findings.filter((f) => f.rule === 'DEP017')
      .map((f) => `${f.file}:${f.range.start.line + 1} ${f.message}`);
  const base = raised('');

  it('flags the `overrides` key it adds there, as in package.json', () => {
    const head = raised('overrides:\n  semver: 7.8.6\n');
    expect(findings(head, base, 'copilot/pin-semver')).toEqual([
      `${WS}:3 this agent change adds \`overrides\` in ${WS}, which replaces packages everywhere in the tree; have a human review it, or drop it.`,
    ]);
  });

  it('near miss: a human change, or an agent change to `packages:` alone, is not flagged', () => {
    expect(findings(raised('overrides:\n  semver: 7.8.6\n'), base, 'alice/pin-semver')).toEqual([]);
    const globs = { ...base, [WS]: 'packages:\n  - "packages/*"\n  - "tools/*"\n' };
    expect(findings(globs, base, 'copilot/more-globs')).toEqual([]);
  });
});

describe('DEP013: overrides changed in pnpm-workspace.yaml without the lock', () => {
  const base = raised('overrides:\n  semver: 7.8.6\n');

  it('a changed override there, the lock left as it was, is DEP013 on that file', () => {
    const head = edit(base, WS, 'semver: 7.8.6', 'semver: 7.9.0');
    expect(only('DEP013', judgeNpmPair(head, 'pnpm-lock.yaml', base))).toEqual([
      `DEP013 ${WS}:4 pnpm install`,
    ]);
  });

  it('near miss: only `packages:` changed, or the override rewritten to the same value', () => {
    const globs = edit(base, WS, '"packages/*"\n', '"packages/*"\n  - "tools/*"\n');
    expect(only('DEP013', judgeNpmPair(globs, 'pnpm-lock.yaml', base))).toEqual([]);
    const quoted = edit(base, WS, 'semver: 7.8.6', "'semver': '7.8.6'");
    expect(only('DEP013', judgeNpmPair(quoted, 'pnpm-lock.yaml', base))).toEqual([]);
  });
});

describe('DEP013: a change moving a package.json and pnpm-workspace.yaml, not the lock', () => {
  const policy = 'version: 1\ndependencies:\n  requirements: package.json\n  lock: pnpm-lock.yaml\n';
  const dep013 = (head: Files, base: Files) =>
    check({ ...head, 'slipway.yaml': policy }, { change: changeFrom(head, base) })
      .findings.filter((f) => f.rule === 'DEP013')
      .map((f) => f.message);

  it('names the workspace file as what else moved (it was "and 1 more package.json")', () => {
    const base = npmFixture('pnpm-workspaces');
    const bumped = edit(base, WEB, '"semver": "^7.5.0"', '"semver": "^7.6.0"');
    const head = { ...bumped, [WS]: `${bumped[WS]}overrides:\n  ms: 2.1.3\n` };
    const [message, ...rest] = dep013(head, base);
    expect(rest).toEqual([]);
    expect(message).toContain(`in ${WEB} (`);
    expect(message).toContain(`and in ${WS} but not pnpm-lock.yaml`);
    expect(message).not.toContain('more package.json');
    // Near miss: the package.json alone moved; nothing else is named.
    expect(dep013(bumped, base)).toEqual([expect.not.stringContaining(' and in ')]);
  });
});
