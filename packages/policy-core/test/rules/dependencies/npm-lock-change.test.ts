import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeNpmPair, npmFixture } from './helpers.js';

/**
 * pnpm workspaces, a branch that edits package.json and not the lock (DEP013), and a lock that
 * cannot be read (DEP008 on its line), on real locks: pnpm's (fixtures/npm/SOURCES.md) and this
 * repository's own pnpm-lock.yaml with its workspace.
 */
const REPO_ROOT = join(import.meta.dirname, '../../../../..');

type Files = Record<string, string>;

/** This repository's lock, workspace file and every package.json its workspace names. */
function ownWorkspace(): Files {
  const out: Files = {};
  for (const p of ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json'])
    out[p] = readFileSync(join(REPO_ROOT, p), 'utf8');
  for (const pkg of readdirSync(join(REPO_ROOT, 'packages')))
    out[`packages/${pkg}/package.json`] = readFileSync(
      join(REPO_ROOT, 'packages', pkg, 'package.json'),
      'utf8',
    );
  return out;
}

const judge = (files: Files, lock: string, base?: Files, labels?: string[]) =>
  judgeNpmPair(files, lock, base, labels);

function edit(files: Files, path: string, from: string, to: string): Files {
  const text = files[path] as string;
  if (!text.includes(from)) throw new Error(`${path}: no ${from}`);
  return { ...files, [path]: text.replace(from, to) };
}

const PNPM = npmFixture('pnpm-workspaces');
const NPM = npmFixture('npm-workspaces');
const UTIL = 'packages/util/package.json';

describe('pnpm-lock.yaml importers follow each workspace package.json', () => {
  it("near miss: this repository's own pnpm-lock.yaml and workspace agree", () => {
    expect(judge(ownWorkspace(), 'pnpm-lock.yaml')).toEqual([]);
  });

  it("near miss: pnpm's real lock of the fixture workspace (workspace:* link included)", () => {
    expect(judge(PNPM, 'pnpm-lock.yaml')).toEqual([]);
  });

  it("a workspace's range raised past the locked version is DEP012, a new dependency DEP003", () => {
    const drifted = edit(
      edit(PNPM, UTIL, '"left-pad": "^1.3.0"', '"left-pad": "^2.0.0"'),
      'packages/web/package.json',
      '"debug": "~4.3.0"',
      '"debug": "~4.3.0",\n    "chalk": "^5.0.0"',
    );
    expect(judge(drifted, 'pnpm-lock.yaml')).toEqual([
      'DEP003 packages/web/package.json:8 chalk',
      'DEP012 packages/util/package.json:6 left-pad',
    ]);
  });

  it('a dependency added to this repository’s CLI package.json without the lock is DEP003', () => {
    const own = ownWorkspace();
    const drifted = edit(
      own,
      'packages/cli/package.json',
      '"dependencies": {',
      '"dependencies": {\n    "left-pad": "^1.3.0",',
    );
    expect(judge(drifted, 'pnpm-lock.yaml')).toEqual([
      'DEP003 packages/cli/package.json:' +
        lineOf(drifted['packages/cli/package.json'] as string, '"left-pad"') +
        ' left-pad',
    ]);
  });
});

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('a branch that edits package.json and not the lock (DEP013)', () => {
  it("a human's bump inside the range the lock satisfies, without the lock, is DEP013 on that line", () => {
    const head = edit(NPM, UTIL, '"ms": "^2.1.0"', '"ms": "^2.1.3"');
    expect(judge(head, 'package-lock.json', NPM)).toEqual([
      'DEP013 packages/util/package.json:5 "ms": "^2.1.3"',
    ]);
  });

  it('near miss: the same bump with the lock regenerated in the change', () => {
    const head = edit(
      edit(NPM, UTIL, '"ms": "^2.1.0"', '"ms": "^2.1.3"'),
      'package-lock.json',
      '"ms": "^2.1.0"',
      '"ms": "^2.1.3"',
    );
    expect(judge(head, 'package-lock.json', NPM)).toEqual([]);
  });

  it('near miss: reordering a section and bumping the package’s own version is no dependency change', () => {
    const head = edit(
      edit(
        NPM,
        UTIL,
        '"ms": "^2.1.0",\n    "left-pad": "^1.3.0"',
        '"left-pad": "^1.3.0",\n    "ms": "^2.1.0"',
      ),
      UTIL,
      '"version": "1.0.0"',
      '"version": "1.0.1"',
    );
    expect(judge(head, 'package-lock.json', NPM)).toEqual([]);
  });

  it('pnpm: a removed dependency without the lock is DEP013 and DEP005; near miss: pnpm-lock.yaml edited with it', () => {
    const head = edit(PNPM, UTIL, '"ms": "^2.1.0",\n    ', '');
    expect(judge(head, 'pnpm-lock.yaml', PNPM)).toEqual([
      'DEP005 packages/util/package.json:4 ms',
      'DEP013 packages/util/package.json:5 pnpm install',
    ]);
    const relocked = edit(
      head,
      'pnpm-lock.yaml',
      '      ms:\n        specifier: ^2.1.0\n        version: 2.1.3\n',
      '',
    );
    expect(judge(relocked, 'pnpm-lock.yaml', PNPM)).toEqual([]);
  });
});

describe('the label rule (DEP006) counts every workspace package.json', () => {
  const bumped = edit(
    edit(NPM, UTIL, '"ms": "^2.1.0"', '"ms": "^2.1.3"'),
    'package-lock.json',
    '"ms": "^2.1.0"',
    '"ms": "^2.1.3"',
  );
  it("a workspace's package.json and the lock changed without the label: DEP006 on the workspace's line", () => {
    expect(judge(bumped, 'package-lock.json', NPM, [])).toEqual([
      'DEP006 packages/util/package.json:5 approved-dependency-upgrade',
    ]);
  });
  it('near miss: the same change with the label', () => {
    expect(judge(bumped, 'package-lock.json', NPM)).toEqual([]);
  });
});

describe('a lock that cannot be read is one DEP008 naming the file and line', () => {
  it('a package-lock.json cut short', () => {
    const broken = { ...NPM, 'package-lock.json': (NPM['package-lock.json'] as string).slice(0, 400) };
    expect(judge(broken, 'package-lock.json')).toEqual([
      `DEP008 package-lock.json:${(NPM['package-lock.json'] as string).slice(0, 400).split('\n').length} npm install`,
    ]);
  });

  it('a pnpm-lock.yaml with a broken line; a lockfileVersion 1 package-lock', () => {
    const broken = {
      ...PNPM,
      'pnpm-lock.yaml': (PNPM['pnpm-lock.yaml'] as string).replace('  .:\n', '  .: [\n'),
    };
    expect(judge(broken, 'pnpm-lock.yaml')).toEqual(['DEP008 pnpm-lock.yaml:12 pnpm install']);
    const v1 = {
      ...NPM,
      'package-lock.json': '{\n  "name": "shop",\n  "lockfileVersion": 1,\n  "dependencies": {}\n}\n',
    };
    expect(judge(v1, 'package-lock.json')).toEqual(['DEP008 package-lock.json:3 packages']);
  });
});
