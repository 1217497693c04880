import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBunLock } from '../../src/requirements/npm/bun-lock.js';
import { jsoncAsJson } from '../../src/requirements/npm/jsonc-text.js';
import { readPackageLock } from '../../src/requirements/npm/package-lock.js';

/**
 * bun.lock's reader (Bun is not installed here, so no oracle runs Bun itself): on Elysia's real
 * lock (fixtures/npm/SOURCES.md), and held to the package-lock reader on the same workspace
 * project (npm-workspaces, its package-lock.json written by npm; bun-workspaces, its bun.lock in
 * the layout Bun's writer gives): the same importers, the same versions, the same packages.
 */
const FIXTURES = join(import.meta.dirname, 'fixtures/npm');
const read = (p: string) => readFileSync(join(FIXTURES, p), 'utf8');
const ELYSIA = read('bun-elysia-cors/bun.lock');

describe('bun.lock read into the npm lock model', () => {
  it("Elysia's real lock: the root's devDependencies and what each installs, every package from npm's registry", () => {
    const lock = readBunLock(ELYSIA);
    expect(lock.error).toBeUndefined();
    expect(lock.packages).toHaveLength(236);
    const root = lock.importers.get('');
    expect(root?.deps.get('tsup')).toEqual({ spec: '^8.1.0', section: 'devDependencies', version: '8.5.0' });
    // elysia is both a devDependency and a peer: the first section npm lists wins, as package-lock's reader does.
    expect(root?.deps.get('elysia')?.section).toBe('devDependencies');
    for (const p of lock.packages) {
      const base = p.name.slice(p.name.lastIndexOf('/') + 1);
      expect(p.resolved).toBe(`https://registry.npmjs.org/${p.name}/-/${base}-${p.version}.tgz`);
    }
    // Windows line ends read the same.
    expect(readBunLock(ELYSIA.replace(/\n/g, '\r\n'))).toEqual(lock);
  });

  it('agrees with the package-lock reader on the same workspace project', () => {
    const bun = readBunLock(read('bun-workspaces/bun.lock'));
    const npm = readPackageLock(read('npm-workspaces/package-lock.json'));
    expect(bun.error).toBeUndefined();
    const importers = (l: typeof bun) =>
      Object.fromEntries([...l.importers].map(([k, i]) => [k, Object.fromEntries(i.deps)]));
    expect(importers(bun)).toEqual(importers(npm));
    const packages = (l: typeof bun) =>
      l.packages.map((p) => `${p.name}@${p.version} ${p.installScript}`).sort();
    expect(packages(bun)).toEqual(packages(npm));
  });

  // Shapes as Bun writes them, the `h` and `i` entries verbatim from a lock Bun wrote for its own
  // tests (oven-sh/bun test/cli/install/migration/complex-workspace/bun.lock, commit bfb5399f, MIT).
  it('git, github, tarball, file and link entries: where each is fetched from, locals not at all', () => {
    const lock = readBunLock(`{
  "lockfileVersion": 1,
  "workspaces": { "": { "name": "app", "dependencies": { "a": "github:u/a", "b": "git+https://h.example/b.git", "c": "https://h.example/c.tgz", "d": "file:./d", "e": "link:e", "f": "./f.tgz", "g": "npm:real@^1" } } },
  "trustedDependencies": ["g", "c"],
  "packages": {
    "a": ["a@github:u/a#0ff1ce", {}, "u-a-0ff1ce"],
    "b": ["b@git+https://h.example/b.git#abc", { "dependencies": {} }, "abc"],
    "c": ["c@https://h.example/c.tgz", {}],
    "d": ["d@file:d", {}],
    "e": ["e@link:e", {}],
    "f": ["f@./f.tgz", {}],
    "g": ["real@1.0.0", "https://npm.internal.example/real/-/real-1.0.0.tgz", {}, "sha512-x"],
    "hello": ["hello@hello-0.3.2.tgz", { "dependencies": { "svelte": "4" } }],
    "install-test": ["publicinstalltest@git+ssh://git@bitbucket.org/dylan-conway/public-install-test.git#79265e2d9754c60b60f97cc8d859fb6da073b5d2", {}, "79265e2d9754c60b60f97cc8d859fb6da073b5d2"],
  },
}`);
    expect(lock.error).toBeUndefined();
    expect(lock.packages.map((p) => [p.name, p.version, p.resolved])).toEqual([
      ['a', undefined, 'github:u/a#0ff1ce'],
      ['b', undefined, 'git+https://h.example/b.git#abc'],
      ['c', undefined, 'https://h.example/c.tgz'],
      ['f', undefined, undefined],
      ['real', '1.0.0', 'https://npm.internal.example/real/-/real-1.0.0.tgz'],
      ['hello', undefined, undefined],
      [
        'publicinstalltest',
        undefined,
        'git+ssh://git@bitbucket.org/dylan-conway/public-install-test.git#79265e2d9754c60b60f97cc8d859fb6da073b5d2',
      ],
    ]);
    // trustedDependencies names what each was depended on as: `g` trusts the alias's package.
    expect(lock.packages.filter((p) => p.installScript).map((p) => p.name)).toEqual(['c', 'real']);
    const deps = lock.importers.get('')?.deps;
    expect([deps?.get('d')?.linked, deps?.get('e')?.linked, deps?.get('g')?.linked]).toEqual([
      true,
      true,
      undefined,
    ]);
    expect(deps?.get('g')?.version).toBe('1.0.0');
  });

  it("a workspace's own copy (`<workspace name>/<dep>`) is what it installs; others get the hoisted one", () => {
    const lock = readBunLock(`{
  "lockfileVersion": 1,
  "workspaces": {
    "": { "name": "root", "dependencies": { "ms": "^2.0.0" } },
    "packages/old": { "name": "@s/old", "dependencies": { "ms": "^1.0.0" } },
  },
  "packages": {
    "@s/old": ["@s/old@workspace:packages/old"],
    "ms": ["ms@2.1.3", "", {}, "sha512-a"],
    "@s/old/ms": ["ms@1.0.0", "", {}, "sha512-b"],
  }
}`);
    expect(lock.importers.get('')?.deps.get('ms')?.version).toBe('2.1.3');
    expect(lock.importers.get('packages/old')?.deps.get('ms')?.version).toBe('1.0.0');
  });

  it('near miss: comments and trailing commas, even inside strings left alone', () => {
    const text =
      '{\n  // written by hand\n  "lockfileVersion": 1, /* v1 */\n  "workspaces": { "": { "name": "a,}//" , }, },\n}\n';
    const json = jsoncAsJson(text);
    expect(json).toHaveLength(text.length);
    expect(JSON.parse(json).workspaces['']).toEqual({ name: 'a,}//' });
    expect(readBunLock(text).error).toBeUndefined();
  });

  const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
  const NOT_AS_BUN_WRITES: [string, string, number, RegExp][] = [
    ['cut short', ELYSIA.slice(0, 2000), ELYSIA.slice(0, 2000).split('\n').length, /^not valid JSON/],
    [
      'merge-conflict markers',
      ELYSIA.replace('    "@borewit', '<<<<<<< HEAD\n    "@borewit'),
      20,
      /^not valid JSON/,
    ],
    [
      'a lockfileVersion no Bun writes',
      ELYSIA.replace('"lockfileVersion": 1', '"lockfileVersion": 9'),
      2,
      /9/,
    ],
    [
      'a package that is not an array',
      ELYSIA.replace(/"tsup": \[[^\n]*\n/, '"tsup": "tsup@8.5.0",\n'),
      lineOf(ELYSIA, ELYSIA.indexOf('"tsup": [')),
      /tsup/,
    ],
    [
      'a version that is not one',
      ELYSIA.replace('["tsup@8.5.0"', '["tsup@latest"'),
      lineOf(ELYSIA, ELYSIA.indexOf('"tsup": [')),
      /latest/,
    ],
    ['no workspaces', '{ "lockfileVersion": 1, "packages": {} }', 1, /workspaces/],
  ];
  for (const [what, text, line, message] of NOT_AS_BUN_WRITES)
    it(`${what}: one error at its line, nothing read`, () => {
      const lock = readBunLock(text);
      expect(lock.error?.message).toMatch(message);
      expect(lineOf(text, lock.error?.offset ?? -1)).toBe(line);
      expect(lock.packages).toEqual([]);
    });

  it('bounds: 10,000 nested brackets are an error, not a crash; `constructor` and `__proto__` are only names', () => {
    const deep = `{ "lockfileVersion": 1, "workspaces": ${'['.repeat(10_000)}`;
    expect(readBunLock(deep).error?.message).toMatch(/not valid JSON|nested/);
    const odd = readBunLock(
      '{ "lockfileVersion": 1, "workspaces": { "": { "dependencies": { "constructor": "^1", "__proto__": "^1" } } }, "packages": { "constructor": ["constructor@1.0.0", "", {}, "x"] } }',
    );
    expect(odd.error).toBeUndefined();
    expect(odd.importers.get('')?.deps.get('constructor')?.version).toBe('1.0.0');
    expect(odd.importers.get('')?.deps.get('__proto__')?.version).toBeUndefined();
  });
});
