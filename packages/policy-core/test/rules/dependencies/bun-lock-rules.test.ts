import { describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../../src/change-set.js';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { MemoryRepo } from '../../../src/repo.js';
import type { CheckContext } from '../../../src/rule.js';
import { dependencyFamily } from '../../../src/rules/families.js';
import { npmFixture } from './helpers.js';

/**
 * The DEP rules on bun.lock pairs. Elysia's real lock (fixtures/npm/SOURCES.md) as Bun wrote it
 * is the near miss, mutated the ways a branch does for the triggers; and a workspace project
 * read both as npm wrote its package-lock.json and as Bun writes its bun.lock must get the same
 * verdicts from every rule that applies to npm pairs (Bun is not installed here to be the
 * oracle; npm's reader and its tests are).
 */
type Files = Record<string, string>;

interface Change {
  base: Files;
  branch?: string;
  labels?: string[];
}

function findings(files: Files, lock: string, change?: Change, extra = '') {
  const policyText = `version: 1\nagents:\n  limits:\n    new_dependencies: 10\ndependencies:\n  requirements: package.json\n  lock: ${lock}\n${extra}`;
  const policy = parsePolicyText(policyText, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const ctx: CheckContext = {
    policy,
    repo: new MemoryRepo({ 'slipway.yaml': policyText, ...files }),
    now: new Date(),
    env: {},
  };
  if (change) {
    const { base } = change;
    const paths = Object.keys({ ...files, ...base }).filter((p) => files[p] !== base[p]);
    const set: ChangeSet = {
      base: 'main',
      head: 'HEAD',
      commits: [],
      labels: change.labels ?? ['approved-dependency-upgrade'],
      files: paths.map((path) => ({ path, status: 'modified' as const })),
      readBase: (p) => base[p],
    };
    if (change.branch) set.branch = change.branch;
    ctx.change = set;
  }
  return dependencyFamily.check(ctx).findings;
}

/** `RULE file:line first-backticked`, sorted. */
function judge(files: Files, lock: string, change?: Change, extra?: string): string[] {
  return findings(files, lock, change, extra)
    .map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1} ${f.message.match(/`([^`]+)`/)?.[1] ?? ''}`)
    .sort();
}

function edit(files: Files, path: string, from: string | RegExp, to: string): Files {
  const text = files[path] as string;
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${path}: nothing replaced`);
  return { ...files, [path]: next };
}

const ELYSIA = npmFixture('bun-elysia-cors');
const BUN = npmFixture('bun-workspaces');
const NPM = npmFixture('npm-workspaces');
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe("bun.lock follows each package.json: Elysia's real lock", () => {
  it('near miss: the lock as Bun wrote it', () => {
    expect(judge(ELYSIA, 'bun.lock')).toEqual([]);
  });

  it('a range raised past the locked version is DEP012, a new dependency DEP003, a dropped one DEP005', () => {
    const raised = edit(ELYSIA, 'package.json', '"tsup": "^8.1.0"', '"tsup": "^9.0.0"');
    expect(judge(raised, 'bun.lock')).toEqual(['DEP012 package.json:43 tsup']);
    const added = edit(
      ELYSIA,
      'package.json',
      '"eslint": "9.6.0",',
      '"eslint": "9.6.0",\n        "left-pad": "^1.3.0",',
    );
    expect(judge(added, 'bun.lock')).toEqual(['DEP003 package.json:43 left-pad']);
    const dropped = edit(ELYSIA, 'package.json', /\n\s*"eslint": "9\.6\.0",/, '');
    expect(judge(dropped, 'bun.lock')).toEqual(['DEP005 package.json:38 eslint']);
  });

  it('a registry element naming another host is DEP014 on its entry; near miss: that registry allowed', () => {
    const lock = ELYSIA['bun.lock'] as string;
    const foreign = edit(
      ELYSIA,
      'bun.lock',
      '["tsup@8.5.0", ""',
      '["tsup@8.5.0", "https://npm.evil.example/tsup/-/tsup-8.5.0.tgz"',
    );
    expect(judge(foreign, 'bun.lock')).toEqual([`DEP014 bun.lock:${lineOf(lock, '"tsup": [')} tsup`]);
    const allowed = '  registries:\n    - https://registry.npmjs.org/\n    - https://npm.evil.example/\n';
    expect(judge(foreign, 'bun.lock', undefined, allowed)).toEqual([]);
  });

  it('a github: entry is DEP014, with the package.json specifier that asked for it; a cut-short lock is DEP008 at its line', () => {
    const git = edit(
      edit(ELYSIA, 'package.json', '"tsup": "^8.1.0"', '"tsup": "github:egoist/tsup"'),
      'bun.lock',
      /\["tsup@8\.5\.0", "", (\{.*\}), "sha512-[^"]+"\]/,
      '["tsup@github:egoist/tsup#a1b2c3d", $1, "egoist-tsup-a1b2c3d"]',
    );
    expect(judge(git, 'bun.lock')).toEqual([
      'DEP014 bun.lock:' + lineOf(git['bun.lock'] as string, '"tsup": [') + ' tsup',
      'DEP014 package.json:43 tsup',
    ]);
    const cut = (ELYSIA['bun.lock'] as string).slice(0, 3000);
    expect(judge({ ...ELYSIA, 'bun.lock': cut }, 'bun.lock')).toEqual([
      `DEP008 bun.lock:${cut.split('\n').length} bun install`,
    ]);
  });
});

describe("an agent's bunfig.toml registry (DEP016)", () => {
  const BUNFIG =
    '[install]\nregistry = "https://registry.npmjs.org"\n\n[install.scopes]\n"@acme" = { token = "$NPM_TOKEN", url = "https://npm.acme.example/" }\n';
  it('a registry or scope outside `registries` is DEP016 on its line, its credentials never printed', () => {
    const head = {
      ...ELYSIA,
      'bunfig.toml':
        '[install]\nregistry = "https://bob:s3cret@npm.evil.example/"\n\n[install.scopes]\nacme = "https://npm.acme.example/"\n',
    };
    const found = findings(head, 'bun.lock', { base: ELYSIA, branch: 'copilot/registry' });
    expect(found.map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1}`)).toEqual([
      'DEP016 bunfig.toml:2',
      'DEP016 bunfig.toml:5',
    ]);
    expect(found[0]?.message).toContain('every package from https://npm.evil.example/');
    expect(found[1]?.message).toContain('every @acme package from https://npm.acme.example/');
    expect(found.map((f) => f.message).join()).not.toContain('s3cret');
  });
  it("near misses: npm's registry spelled without its slash and an allowed scope; a human's change", () => {
    const allowed = '  registries:\n    - https://registry.npmjs.org/\n    - https://npm.acme.example/\n';
    const head = { ...ELYSIA, 'bunfig.toml': BUNFIG };
    expect(judge(head, 'bun.lock', { base: ELYSIA, branch: 'copilot/registry' }, allowed)).toEqual([]);
    expect(judge(head, 'bun.lock', { base: ELYSIA, branch: 'alice/registry' })).toEqual([]);
  });
});

describe("Bun's binary bun.lockb named as a pair's lock", () => {
  it('is one DEP008 on the policy that says how to get bun.lock; near miss: the pair of bun.lock', () => {
    const files = {
      'package.json': ELYSIA['package.json'] as string,
      'bun.lockb': '#!/usr/bin/env bun\nbun-lockfile-format-v0\n\u0000\u0001',
    };
    const [f, ...rest] = findings(files, 'bun.lockb');
    expect(rest).toEqual([]);
    expect([f?.rule, f?.file]).toEqual(['DEP008', 'slipway.yaml']);
    expect(f?.message).toContain('run `bun install --save-text-lockfile` to get bun.lock');
    expect(judge(ELYSIA, 'bun.lock')).toEqual([]);
  });
});

/** The same finding, whichever lock the project keeps: the lock's name and its tool said alike. */
const same = (list: string[]) =>
  list.map((s) =>
    s.replace(/bun\.lock|package-lock\.json/, 'LOCK').replace(/bun install|npm install/, 'TOOL'),
  );

describe('bun.lock and package-lock.json of one workspace project: the same verdicts', () => {
  const UTIL = 'packages/util/package.json';
  const WEB = 'packages/web/package.json';
  const both = (f: (files: Files) => Files) => [f(NPM), f(BUN)] as const;

  const EDITS: [string, (files: Files) => Files][] = [
    ['as written (near miss)', (x) => x],
    [
      "a workspace's range past its lock (DEP012)",
      (x) => edit(x, UTIL, '"left-pad": "^1.3.0"', '"left-pad": "^2.0.0"'),
    ],
    [
      'a new dependency in a workspace (DEP003)',
      (x) => edit(x, WEB, '"debug": "~4.3.0"', '"debug": "~4.3.0",\n    "chalk": "^5.0.0"'),
    ],
    ['a dependency dropped (DEP005)', (x) => edit(x, UTIL, '"ms": "^2.1.0",\n    ', '')],
    [
      "the root's range past its lock (DEP012)",
      (x) => edit(x, 'package.json', '"is-number": "^7.0.0"', '"is-number": "^8.0.0"'),
    ],
    ['a hoisted range past its lock (DEP012)', (x) => edit(x, WEB, '"debug": "~4.3.0"', '"debug": "~4.4.0"')],
    [
      'a workspace link asking for another range: not range-checked by either (near miss)',
      (x) => edit(x, WEB, '"@shop/util": "^1.0.0"', '"@shop/util": "^2.0.0"'),
    ],
  ];
  for (const [what, f] of EDITS)
    it(what, () => {
      const [npm, bun] = both(f);
      const verdict = same(judge(bun, 'bun.lock'));
      expect(verdict).toEqual(same(judge(npm, 'package-lock.json')));
      if (what.includes('near miss')) expect(verdict).toEqual([]);
      else expect(verdict).toHaveLength(1);
    });

  // The base of each change: the project before web depended on core-js.
  const withoutCoreJs = (x: Files) => {
    const y = edit(x, WEB, '"core-js": "^3.30.0",\n    ', '');
    return x['bun.lock'] === undefined
      ? edit(
          edit(y, 'package-lock.json', /\n {4}"node_modules\/core-js": \{[\s\S]*?\n {4}\},/, ''),
          'package-lock.json',
          '"core-js": "^3.30.0",\n        ',
          '',
        )
      : edit(
          edit(y, 'bun.lock', /\n\n {4}"core-js": \[[^\n]*/, ''),
          'bun.lock',
          '"core-js": "^3.30.0",\n        ',
          '',
        );
  };

  it("an agent's change installing a package with install scripts is DEP015 (bun.lock: the lock trusts it); near misses: a human's change, an untrusted package", () => {
    const [npm, bun] = both((x) => x);
    const [npmBase, bunBase] = both(withoutCoreJs);
    const agent = (base: Files) => ({ base, branch: 'copilot/polyfills' });
    const bunVerdict = judge(bun, 'bun.lock', agent(bunBase));
    expect(bunVerdict).toEqual([
      `DEP015 bun.lock:${lineOf(bun['bun.lock'] as string, '"core-js@3.51.0"')} core-js`,
    ]);
    expect(same(bunVerdict).map((s) => s.replace(/:\d+/, ''))).toEqual(
      same(judge(npm, 'package-lock.json', agent(npmBase))).map((s) => s.replace(/:\d+/, '')),
    );
    expect(findings(bun, 'bun.lock', agent(bunBase))[0]?.message).toContain('`trustedDependencies` let run');
    expect(judge(bun, 'bun.lock', { base: bunBase, branch: 'alice/polyfills' })).toEqual([]);
    const untrusted = edit(
      edit(bun, 'bun.lock', /\n {2}"trustedDependencies": \[\n {4}"core-js",\n {2}\],/, ''),
      'package.json',
      ',\n  "trustedDependencies": ["core-js"]',
      '',
    );
    expect(judge(untrusted, 'bun.lock', agent(bunBase))).toEqual([]);
  });

  it('package.json edited without the lock is DEP013 and says `bun install`; without the label, DEP006', () => {
    for (const [files, lock] of [
      [NPM, 'package-lock.json'],
      [BUN, 'bun.lock'],
    ] as const) {
      const head = edit(files, UTIL, '"ms": "^2.1.0"', '"ms": "^2.1.3"');
      expect(same(judge(head, lock, { base: files }))).toEqual([
        'DEP013 LOCK:5 "ms": "^2.1.3"'.replace('LOCK', UTIL),
      ]);
      expect(same(judge(head, lock, { base: files, labels: [] }))).toEqual([
        `DEP006 ${UTIL}:5 approved-dependency-upgrade`,
        `DEP013 ${UTIL}:5 "ms": "^2.1.3"`,
      ]);
    }
    const head = edit(BUN, UTIL, '"ms": "^2.1.0"', '"ms": "^2.1.3"');
    expect(findings(head, 'bun.lock', { base: BUN })[0]?.message).toContain('run `bun install`');
  });

  it("an agent's `overrides` is DEP017 (Bun reads them); near miss: a human's", () => {
    const over = (x: Files) =>
      edit(x, 'package.json', '"private": true,', '"private": true,\n  "overrides": { "ms": "2.0.0" },');
    const [npm, bun] = both(over);
    const verdict = same(judge(bun, 'bun.lock', { base: BUN, branch: 'copilot/pin' }));
    // DEP013 too: overrides change what the lock resolves, and the lock stayed as it was; and
    // DEP012 where util's ms, now pinned to 2.0.0 by the override, is still locked at 2.1.3.
    expect(verdict).toEqual([
      `DEP012 ${UTIL}:5 ms`,
      'DEP013 package.json:4 TOOL',
      'DEP017 package.json:4 overrides',
    ]);
    expect(verdict).toEqual(same(judge(npm, 'package-lock.json', { base: NPM, branch: 'copilot/pin' })));
    expect(judge(bun, 'bun.lock', { base: BUN, branch: 'alice/pin' })).toEqual([
      `DEP012 ${UTIL}:5 ms`,
      'DEP013 package.json:4 bun install',
    ]);
  });
});
