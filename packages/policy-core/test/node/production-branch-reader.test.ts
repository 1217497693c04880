import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ProductionBranchReader,
  productionBranchHead,
} from '../../src/node/deploy/production-branch-reader.js';
import { originHeadFromFile } from '../../src/node/git/symbolic-ref-file.js';
import { readPolicyFilesAt } from '../../src/node/governing-policy.js';
import { cleanup, commit, git, initRepo, tempDir } from './git-fixture.js';

afterAll(cleanup);

/** `git symbolic-ref --quiet refs/remotes/origin/HEAD` as the deploy flows read it: the branch, or undefined. */
function gitOriginHead(dir: string): string | undefined {
  try {
    const ref = execFileSync('git', ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString('utf8')
      .trim();
    return ref.startsWith('refs/remotes/origin/') ? ref.slice('refs/remotes/origin/'.length) : undefined;
  } catch {
    return undefined;
  }
}

describe("origin/HEAD read from its file, as git symbolic-ref answers (the remote's default branch)", () => {
  const origin = initRepo();
  const first = commit(origin, { 'slipway.yaml': 'version: 1\n' }, 'first');
  git(origin, ['branch', 'release']);
  const clone = join(tempDir(), 'clone');
  git(origin, ['clone', '-q', origin, clone]);
  const originHead = join(clone, '.git/refs/remotes/origin/HEAD');

  it('a clone: the branch origin/HEAD names, from the shared git directory in a linked worktree too', () => {
    expect(gitOriginHead(clone)).toBe('main');
    expect(originHeadFromFile(clone)).toBe('main');
    const worktree = join(tempDir(), 'wt');
    git(clone, ['worktree', 'add', '-q', worktree, '-b', 'side']);
    expect(originHeadFromFile(worktree)).toBe('main');
    git(clone, ['remote', 'set-head', 'origin', 'release']);
    expect(gitOriginHead(worktree)).toBe('release');
    expect(originHeadFromFile(worktree)).toBe('release');
  });

  it('none, or not symbolic (loose or packed): undefined, as git answers', () => {
    expect(gitOriginHead(origin)).toBeUndefined();
    expect(originHeadFromFile(origin)).toBeUndefined();
    git(clone, ['update-ref', '--no-deref', 'refs/remotes/origin/HEAD', first]);
    expect(gitOriginHead(clone)).toBeUndefined();
    expect(originHeadFromFile(clone)).toBeUndefined();
    git(clone, ['pack-refs', '--all']);
    expect(gitOriginHead(clone)).toBeUndefined();
    expect(originHeadFromFile(clone)).toBeUndefined();
    git(clone, ['remote', 'set-head', 'origin', 'main']);
    expect(originHeadFromFile(clone)).toBe('main');
  });

  it('what the file does not say plainly is left to git (null): a link, a target outside origin, a name git refuses', () => {
    rmSync(originHead);
    symlinkSync('refs/remotes/origin/main', originHead);
    expect(originHeadFromFile(clone)).toBeNull();
    for (const text of [
      'ref: refs/heads/main\n',
      'ref: refs/remotes/origin/a..b\n',
      'ref:refs/remotes/origin/main\n',
    ]) {
      rmSync(originHead);
      writeFileSync(originHead, text);
      expect(originHeadFromFile(clone), text).toBeNull();
    }
    rmSync(originHead);
    mkdirSync(originHead);
    expect(originHeadFromFile(clone)).toBeNull();
    rmSync(originHead, { recursive: true });
    git(clone, ['remote', 'set-head', 'origin', 'main']);
    expect(originHeadFromFile(clone)).toBe('main');
  });

  it('a git directory only git can find (GIT_DIR set) is left to git', () => {
    process.env.GIT_DIR = join(clone, '.git');
    try {
      expect(originHeadFromFile(clone)).toBeNull();
    } finally {
      delete process.env.GIT_DIR;
    }
  });
});

describe('ProductionBranchReader: one cat-file session answers as the rev-parse and cat-file processes did', () => {
  const repo = initRepo();
  const base = commit(repo, { 'slipway.yaml': 'version: 1\n', 'app.txt': 'a\n' }, 'first');
  const tomlOnly = commit(repo, { 'slipway.yaml': null, 'slipway.toml': 'version = 1\n' }, 'toml');
  git(repo, ['branch', 'toml']);
  git(repo, ['reset', '-q', '--hard', base]);
  // A remote-tracking branch with no local one (a CI checkout), a branch naming a tag object
  // (peeled to its commit) and one naming a tree (no commit at all).
  git(repo, ['update-ref', 'refs/remotes/origin/ci', tomlOnly]);
  git(repo, ['tag', '-a', '-m', 'annotated', 'v1', tomlOnly]);
  // git refuses to write a non-commit to a branch; a hand (or another tool) can.
  const writeRef = (ref: string, name: string) =>
    writeFileSync(join(repo, '.git', ref), `${git(repo, ['rev-parse', name]).trim()}\n`);
  writeRef('refs/heads/tagged', 'v1');
  writeRef('refs/heads/tree', `${base}^{tree}`);
  // The policy as a link, and a folder named like it.
  symlinkSync('app.txt', join(repo, 'slipway.yml'));
  const linked = commit(repo, {}, 'link');
  git(repo, ['rm', '-q', 'slipway.yml']);
  mkdirSync(join(repo, 'slipway.yml'));
  writeFileSync(join(repo, 'slipway.yml/x'), 'x\n');
  const folder = commit(repo, {}, 'folder');
  git(repo, ['branch', 'odd']);

  it('heads of local, remote-tracking, tagged, tree and missing branches; the policy files at each commit', async () => {
    const reader = new ProductionBranchReader(repo);
    try {
      for (const branch of ['main', 'toml', 'ci', 'tagged', 'tree', 'odd', 'nowhere', 'main:app.txt']) {
        const head = await reader.head(branch);
        expect(head, branch).toEqual(await productionBranchHead(repo, branch));
      }
      expect((await reader.head('ci'))?.ref).toBe('refs/remotes/origin/ci');
      expect((await reader.head('tagged'))?.sha).toBe(tomlOnly);
      for (const sha of [base, tomlOnly, linked, folder, '0'.repeat(40)]) {
        const texts = await reader.policyFiles(sha);
        expect(texts, sha).toEqual(readPolicyFilesAt(repo, sha));
      }
      expect((await reader.policyFiles(tomlOnly)).get('slipway.toml')).toBe('version = 1\n');
    } finally {
      reader.close();
    }
  });

  it('prefetch asks what the search starts with (origin/HEAD, else main; its head and policy) and keeps each answer', async () => {
    const reader = new ProductionBranchReader(repo);
    try {
      reader.prefetch();
      const head = reader.head('main');
      expect(reader.head('main')).toBe(head);
      expect(await head).toEqual(await productionBranchHead(repo, 'main'));
      const files = reader.policyFiles((await head)?.sha as string);
      expect(reader.policyFiles((await head)?.sha as string)).toBe(files);
      expect(await files).toEqual(readPolicyFilesAt(repo, (await head)?.sha as string));
    } finally {
      reader.close();
    }
    // A repository with no commit: nothing to find, and nothing thrown where nobody asked.
    const empty = new ProductionBranchReader(initRepo());
    try {
      empty.prefetch();
      expect(await empty.head('main')).toBeUndefined();
    } finally {
      empty.close();
    }
  });

  it('a name the session cannot take (a newline) is asked of git as before', async () => {
    const reader = new ProductionBranchReader(repo);
    try {
      expect(await reader.head('a\nb')).toBeUndefined();
      expect(await reader.head('main')).toEqual({ ref: 'refs/heads/main', sha: folder });
    } finally {
      reader.close();
    }
  });
});
