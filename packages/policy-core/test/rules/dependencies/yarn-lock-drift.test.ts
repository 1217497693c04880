import { describe, expect, it } from 'vitest';
import { check, npmFixture } from './helpers.js';

/**
 * package.json files whose yarn.lock did not follow them: real locks written by Yarn (classic:
 * Yarn's own repository and a workspace project of its test suite; Berry: Prettier's repository,
 * see requirements/fixtures/npm/SOURCES.md), mutated the ways a branch does. A declared
 * `name@specifier` the lock has no entry for is DEP003 on the manifest's line, as `yarn install
 * --frozen-lockfile` (`--immutable`) refuses it; the real pairs as Yarn wrote them are the near misses.
 */
type Files = Record<string, string>;

const POLICY = 'version: 1\ndependencies:\n  requirements: package.json\n  lock: yarn.lock\n';
const project = (name: string): Files => ({ 'slipway.yaml': POLICY, ...npmFixture(name) });

function judge(files: Files): string[] {
  return check(files)
    .findings.map(
      (f) => `${f.rule} ${f.file}:${f.range.start.line + 1} ${f.message.match(/`([^`]+)`/)?.[1] ?? ''}`,
    )
    .sort();
}

const edit = (files: Files, path: string, from: string | RegExp, to: string): Files => {
  const text = files[path] as string;
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${path}: nothing replaced`);
  return { ...files, [path]: next };
};

const CLASSIC = project('yarn-classic');
const WORKSPACES = project('yarn-classic-workspaces');
const BERRY = project('yarn-berry');

describe('yarn.lock classic follows each package.json', () => {
  it('near miss: the real locks as yarn wrote them, a workspace included: nothing but one real http: source', () => {
    // Yarn's own lock fetches onetime 1.1.0 over plain http://registry.npmjs.org: not an allowed
    // registry (https), a real finding in a real lock.
    const HTTP = 'DEP014 yarn.lock:5646 onetime';
    expect(judge(CLASSIC)).toEqual([HTTP]);
    expect(judge(WORKSPACES)).toEqual([]);
  });

  it('a range the lock never resolved is DEP003 on the manifest line, even when a locked version would fit', () => {
    // semver@^5.1.0 is locked at 5.x; ^5.2.0 is a pattern yarn --frozen-lockfile has no entry for.
    expect(judge(edit(CLASSIC, 'package.json', '"semver": "^5.1.0"', '"semver": "^5.2.0"'))).toEqual([
      'DEP003 package.json:46 semver',
      'DEP014 yarn.lock:5646 onetime',
    ]);
    expect(
      judge(edit(WORKSPACES, 'packages/prj1/package.json', '"minimatch": "3.0.0"', '"minimatch": "3.0.4"')),
    ).toEqual(['DEP003 packages/prj1/package.json:6 minimatch']);
  });

  it('a lock entry hand-edited to a version outside the range is DEP012', () => {
    const files = edit(
      WORKSPACES,
      'yarn.lock',
      /minimatch@3\.0\.0:\n {2}version "3\.0\.0"/,
      'minimatch@3.0.0:\n  version "3.0.4"',
    );
    expect(judge(files)).toEqual(['DEP012 packages/prj1/package.json:6 minimatch']);
  });

  it('a resolved URL outside the registries is DEP014 on its lock line; near miss: registry.yarnpkg.com', () => {
    const files = edit(
      WORKSPACES,
      'yarn.lock',
      'https://registry.yarnpkg.com/concat-map/-/concat-map-0.0.1.tgz',
      'https://evil.example/concat-map-0.0.1.tgz',
    );
    expect(judge(files)).toEqual(['DEP014 yarn.lock:20 concat-map']);
  });

  it('a change of package.json without yarn.lock is DEP013, and says `yarn install`', () => {
    const head = edit(
      WORKSPACES,
      'packages/prj1/package.json',
      '"minimatch": "3.0.0"',
      '"minimatch": "3.0.4"',
    );
    const f = check(head, {
      change: {
        base: 'main',
        head: 'HEAD',
        commits: [],
        labels: ['approved-dependency-upgrade'],
        files: [{ path: 'packages/prj1/package.json', status: 'modified' }],
        readBase: (p) => WORKSPACES[p],
      },
    }).findings.find((x) => x.rule === 'DEP013');
    expect(f?.file).toBe('packages/prj1/package.json');
    expect(f?.range.start.line).toBe(5);
    expect(f?.message).toContain('run `yarn install`');
  });
});

describe("Berry's yarn.lock follows each package.json", () => {
  it("near miss: Prettier's real lock as Yarn wrote it: nothing", () => {
    expect(judge(BERRY)).toEqual([]);
  });

  it('a pin moved without the lock is DEP003 (Berry spells it `npm:`); a dependency dropped but still in the workspace entry is DEP005', () => {
    const moved = edit(BERRY, 'package.json', '"acorn": "8.17.0"', '"acorn": "8.17.1"');
    expect(judge(moved)).toEqual(['DEP003 package.json:58 acorn']);
    const dropped = edit(BERRY, 'package.json', /\n\s*"acorn-jsx": "5\.3\.2",/, '');
    expect(judge(dropped)).toEqual(['DEP005 package.json:44 acorn-jsx']);
  });

  // A tag is keyed `name@npm:latest` by Berry's Configuration.normalizeDependency (defaultProtocol
  // before a valid range or a TAG_REGEXP tag), but locks older Berry wrote key it `name@latest`
  // (medusa's www/yarn.lock: `turbo@latest:` beside `next@npm:latest`); Project.setupResolutions
  // reads each key as written. Both spellings are the entry the lock resolved.
  const tagged = (key: string): Files =>
    edit(
      edit(BERRY, 'package.json', '"acorn": "8.17.0"', '"acorn": "latest"'),
      'yarn.lock',
      '"acorn@npm:8.17.0, acorn@npm:^8.15.0, acorn@npm:^8.16.0":',
      `"${key}, acorn@npm:^8.15.0, acorn@npm:^8.16.0":`,
    );

  it('a tag finds its entry spelled `name@npm:latest` (Berry today) or `name@latest` (older Berry)', () => {
    expect(judge(tagged('acorn@npm:latest'))).toEqual([]);
    expect(judge(tagged('acorn@latest'))).toEqual([]);
  });

  it('near miss: a tag the lock resolved under another tag, either spelling, is still DEP003', () => {
    expect(judge(tagged('acorn@npm:next'))).toEqual(['DEP003 package.json:58 acorn']);
    expect(judge(tagged('acorn@next'))).toEqual(['DEP003 package.json:58 acorn']);
  });
});
