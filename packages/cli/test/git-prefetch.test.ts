import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readChangeSet } from '@slipway/policy-core/node';
import { afterEach, describe, expect, it } from 'vitest';
import {
  changeSetOptions,
  guessProductionBranch,
  startGitPrefetch,
  takeChangeSet,
  takeListing,
} from '../src/git-prefetch.js';
import { slipway } from '../../../test/helpers/cli.js';
import { TempRepo } from '../../../test/helpers/git-repo.js';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

function dirWith(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-guess-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, name), text);
  return dir;
}

describe('guessProductionBranch', () => {
  it.each([
    ['slipway.yaml', 'version: 1\nproduction_branch: trunk\n', 'trunk'],
    ['slipway.yaml', 'version: 1\nproduction_branch: "release/v2"  # quoted\n', 'release/v2'],
    ['slipway.yml', "production_branch: 'stable'\nversion: 1\n", 'stable'],
    ['slipway.yaml', 'version: 1\nprotected:\n  paths: [a/]\n', 'main'],
    ['slipway.toml', 'version = 1\nproduction_branch = "trunk"\n', 'trunk'],
    ['slipway.toml', 'version = 1\n', 'main'],
  ])('%s %j → %s', (name, text, branch) => {
    expect(guessProductionBranch(dirWith(name, text))).toBe(branch);
  });

  it.each([
    ['a flow mapping', '{version: 1, production_branch: trunk}\n'],
    ['an alias', 'version: 1\nx: &b trunk\nproduction_branch: *b\n'],
    ['a nested key only', 'version: 1\ndeploy:\n  production_branch: x\n'],
    ['a block scalar', 'version: 1\nproduction_branch: |\n  trunk\n'],
  ])('guesses nothing for %s', (_what, text) => {
    expect(guessProductionBranch(dirWith('slipway.yaml', text))).toBeUndefined();
  });

  it('guesses nothing without a policy file', () => {
    expect(guessProductionBranch(dirWith('README.md', 'hello\n'))).toBeUndefined();
  });
});

describe('startGitPrefetch', () => {
  function repoOnBranch(policy: string): TempRepo {
    const repo = new TempRepo({ 'slipway.yaml': policy, 'a.txt': 'a\n' });
    cleanup.push(() => repo.dispose());
    repo.commit('base');
    repo.git('checkout', '-q', '-b', 'feature/x');
    repo.write({ 'b.txt': 'b\n' }).commit('change');
    return repo;
  }

  it('hands over the listing and the change set once, and only for identical inputs', async () => {
    const repo = repoOnBranch('version: 1\n');
    const env = {};
    startGitPrefetch('check', ['--repo', repo.dir, '--label', 'x'], '/', env);
    // findRoot settles in a microtask; the command asks after loading its own code.
    await new Promise((r) => setTimeout(r, 0));
    const options = changeSetOptions(repo.dir, 'main', { labels: ['x'] }, env);
    expect(takeChangeSet({ ...options, productionBranch: 'trunk' })).toBeUndefined();
    expect(takeChangeSet({ ...options, labels: ['y'] })).toBeUndefined();
    const early = takeChangeSet(options);
    expect(early).toBeDefined();
    expect(takeChangeSet(options)).toBeUndefined();
    const fresh = await readChangeSet(options);
    const got = await early;
    expect(got?.files).toEqual(fresh.files);
    expect(got?.base).toBe(fresh.base);
    expect(got?.branch).toBe('feature/x');
    expect(got?.labels).toEqual(['x']);
    const listing = await takeListing(repo.dir);
    expect(listing?.listFiles()).toEqual(['a.txt', 'b.txt', 'slipway.yaml']);
    expect(takeListing(repo.dir)).toBeUndefined();
  });

  it('starts nothing for other commands, --help, --tree (no change set) or unusable flags', async () => {
    const repo = repoOnBranch('version: 1\n');
    const options = changeSetOptions(repo.dir, 'main', {}, {});
    for (const [command, argv] of [
      ['explain', ['--repo', repo.dir]],
      ['check', ['--repo', repo.dir, '--help']],
      ['check', ['--repo', repo.dir, '--no-such-flag']],
      ['guard', ['--repo', repo.dir, 'positional']],
    ] as const) {
      startGitPrefetch(command, argv, '/', {});
      await new Promise((r) => setTimeout(r, 0));
      expect(takeChangeSet(options), `${command} ${argv.join(' ')}`).toBeUndefined();
      expect(takeListing(repo.dir), `${command} ${argv.join(' ')}`).toBeUndefined();
    }
    startGitPrefetch('guard', ['--repo', repo.dir, '--tree'], '/', {});
    await new Promise((r) => setTimeout(r, 0));
    expect(takeChangeSet(options)).toBeUndefined();
    expect(await takeListing(repo.dir)).toBeDefined();
  });

  it('with no guess, check reads the range of the parsed production branch', () => {
    // The flow mapping hides the key from the guess; the branch is `trunk`, not the default.
    const repo = new TempRepo({
      'slipway.yaml': '{version: 1, production_branch: trunk, protected: {label: ok, paths: [core/]}}\n',
      'core/a.txt': 'a\n',
    });
    cleanup.push(() => repo.dispose());
    repo.git('checkout', '-q', '-b', 'trunk');
    repo.commit('base');
    // `main` exists too, at an older point: diffing against it would report more files.
    repo.git('branch', 'main');
    repo.write({ 'core/b.txt': 'b\n' }).commit('on trunk');
    repo.git('checkout', '-q', '-b', 'feature/x');
    repo.write({ 'core/c.txt': 'c\n' }).commit('change');
    // A label is given so that labels are known and PATH001 is an error (exit 1).
    const r = slipway(['check', '--repo', repo.dir, '--format', 'json', '--label', 'other']);
    expect(r.code, r.stderr).toBe(1);
    const files = JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file);
    expect(files).toEqual(['core/c.txt']);
  });

  it('a policy error still wins over a git error from the early start', () => {
    const repo = repoOnBranch('version: 1\nproduction_branch: main\nprotected: 12\n');
    const r = slipway(['check', '--repo', repo.dir, '--base', 'no-such-ref']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/slipway\.yaml:3:\d+: .*protected/);
    expect(r.stderr).not.toMatch(/no-such-ref/);
  });
});
