import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { stagedRepo } from '../helpers/staged-repo.js';

/**
 * A hand-written policy pairing one package.json with two locks: a package manager installs from
 * one lock, its own (npm: npm-shrinkwrap.json, else package-lock.json; pnpm: pnpm-lock.yaml), so
 * the second pair is a policy error naming the first, not every finding on the package.json
 * once per lock. Checked in a real git repository through the CLI.
 */
const repo = (files: Record<string, string>) => stagedRepo(files, 'slipway-npm-one-lock-');

/** left-pad in both locks; is-odd, declared, in neither (DEP003). */
const MANIFEST = JSON.stringify(
  { name: 'app', version: '1.0.0', dependencies: { 'left-pad': '^1.3.0', 'is-odd': '^3.0.0' } },
  null,
  2,
);
const INTEGRITY =
  'sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQEi+7bKm2hPvj4LYfY3Uu1gKKMBrShzPXXuU7vrArq/1o2xQ==';
const NPM_LOCK = JSON.stringify(
  {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'app', version: '1.0.0', dependencies: { 'left-pad': '^1.3.0' } },
      'node_modules/left-pad': {
        version: '1.3.0',
        resolved: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz',
        integrity: INTEGRITY,
      },
    },
  },
  null,
  2,
);
const PNPM_LOCK = `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      left-pad:
        specifier: ^1.3.0
        version: 1.3.0

packages:

  left-pad@1.3.0:
    resolution: {integrity: ${INTEGRITY}}

snapshots:

  left-pad@1.3.0: {}
`;

const pairs = (...list: [string, string][]) =>
  `version: 1\ndependencies:\n${list.map(([r, l]) => `  - requirements: ${r}\n    lock: ${l}\n`).join('')}`;

const check = async (files: Record<string, string>) => {
  const r = await runCli(['check', '--tree', '--rule', 'DEP', '--format', 'text'], repo(files));
  return { code: r.code, out: `${r.stdout}${r.stderr}` };
};

describe('one package.json paired with two locks by hand', () => {
  it('package-lock.json and pnpm-lock.yaml: one clear policy error at the second lock, no finding twice', async () => {
    const r = await check({
      'slipway.yaml': pairs(['package.json', 'package-lock.json'], ['package.json', 'pnpm-lock.yaml']),
      'package.json': MANIFEST,
      'package-lock.json': NPM_LOCK,
      'pnpm-lock.yaml': PNPM_LOCK,
    });
    expect(r.code).toBe(2);
    expect(r.out).toContain(
      'slipway.yaml:6:11: invalid policy: `dependencies[1].lock`: package.json is already paired with package-lock.json (dependencies[0]): a package.json has one lock',
    );
    expect(r.out).not.toContain('DEP003');
  });

  it('near miss: the package.json with one lock: its finding once', async () => {
    const r = await check({
      'slipway.yaml': pairs(['package.json', 'pnpm-lock.yaml']),
      'package.json': MANIFEST,
      'package-lock.json': NPM_LOCK,
      'pnpm-lock.yaml': PNPM_LOCK,
    });
    expect(r.code).toBe(1);
    expect(r.out.match(/DEP003/g)).toHaveLength(1);
    expect(r.out).toContain('`is-odd` (dependencies of package.json) is not in the lock pnpm-lock.yaml');
  });

  it('near miss: the same pair written twice is one pair, its finding once', async () => {
    const r = await check({
      'slipway.yaml': pairs(['package.json', 'package-lock.json'], ['package.json', 'package-lock.json']),
      'package.json': MANIFEST,
      'package-lock.json': NPM_LOCK,
    });
    expect(r.code).toBe(1);
    expect(r.out.match(/DEP003/g)).toHaveLength(1);
  });

  it('near miss: two package.json files, each with its lock, and a requirements file compiled into two locks', async () => {
    const r = await check({
      'slipway.yaml': pairs(
        ['package.json', 'package-lock.json'],
        ['web/package.json', 'web/pnpm-lock.yaml'],
        ['requirements.in', 'requirements-py311.txt'],
        ['requirements.in', 'requirements-py312.txt'],
      ),
      'package.json': MANIFEST,
      'package-lock.json': NPM_LOCK,
      'web/package.json': MANIFEST,
      'web/pnpm-lock.yaml': PNPM_LOCK,
      'requirements.in': 'requests==2.31.0\n',
      'requirements-py311.txt': 'requests==2.31.0\n',
      'requirements-py312.txt': 'requests==2.31.0\n',
    });
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('invalid policy');
    expect(r.out.match(/DEP003/g)).toHaveLength(2);
  });
});
