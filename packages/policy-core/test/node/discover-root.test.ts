import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverCommonDir, discoverRoot } from '../../src/node/git/discover-root.js';
import { cleanup, commit, git, initRepo, tempDir } from './git-fixture.js';

afterAll(cleanup);

/** What git answers from `dir` (undefined outside a work tree). */
function gitTopLevel(dir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    return (
      execFileSync('git', ['rev-parse', '--show-toplevel'], {
        cwd: dir,
        env,
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .toString('utf8')
        .trim() || undefined
    );
  } catch {
    return undefined;
  }
}

describe('discoverRoot (finding the work tree without starting git)', () => {
  const repo = initRepo();
  commit(repo, { 'a/b/c.txt': 'x\n', 'README.md': 'r\n' }, 'first');
  mkdirSync(join(repo, 'untracked/deeper'), { recursive: true });

  // A worktree and a submodule: `.git` is a file naming the real git directory.
  const worktree = join(tempDir(), 'wt');
  git(repo, ['worktree', 'add', '-q', worktree, '-b', 'side']);
  const sub = initRepo();
  commit(sub, { 'lib.py': 'pass\n' }, 'lib');
  git(repo, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'vendor/lib']);

  // A repository nested (untracked) inside another: the inner one is the answer inside it.
  const nested = join(repo, 'untracked/inner');
  mkdirSync(nested);
  git(nested, ['init', '-q']);

  // A bare repository inside a work tree: git sees the bare one, not the outer work tree.
  const bare = join(repo, 'untracked/remote.git');
  git(repo, ['init', '-q', '--bare', bare]);

  // A symlink into the work tree: git answers with the real path.
  const links = tempDir();
  symlinkSync(join(repo, 'a'), join(links, 'to-a'));

  // core.worktree set: the work tree is elsewhere, which only git can tell.
  const moved = initRepo();
  const elsewhere = tempDir();
  git(moved, ['config', 'core.worktree', elsewhere]);

  const found = [
    ['the root', repo],
    ['a subdirectory', join(repo, 'a/b')],
    ['an untracked subdirectory', join(repo, 'untracked/deeper')],
    ['a worktree', worktree],
    ['a submodule', join(repo, 'vendor/lib')],
    ['a nested repository', nested],
    ['a symlinked path', join(links, 'to-a')],
  ] as const;

  it.each(found)('finds %s, as git does', (_name, dir) => {
    const root = discoverRoot(dir, {});
    expect(root).toBeDefined();
    expect(root).toBe(gitTopLevel(dir));
  });

  const deferred = [
    ['inside the .git directory', join(repo, '.git/refs')],
    ['inside a bare repository', bare],
    ['a repository with core.worktree', moved],
    ['outside any repository', tempDir()],
  ] as const;

  it.each(deferred)('leaves %s to git', (_name, dir) => {
    expect(discoverRoot(dir, {})).toBeUndefined();
  });

  it('leaves discovery to git when GIT_DIR or a ceiling is set', () => {
    expect(discoverRoot(repo, { GIT_DIR: join(sub, '.git') })).toBeUndefined();
    expect(discoverRoot(join(repo, 'a'), { GIT_CEILING_DIRECTORIES: repo })).toBeUndefined();
  });

  it('gives up on a .git file that names nothing', () => {
    const broken = tempDir();
    writeFileSync(join(broken, '.git'), 'gitdir: /nonexistent/gitdir\n');
    expect(discoverRoot(broken, {})).toBeUndefined();
  });
});

describe('discoverCommonDir (the git directory worktrees share, without starting git)', () => {
  const repo = initRepo();
  commit(repo, { 'a.txt': 'a\n' }, 'first');
  const worktree = join(tempDir(), 'wt');
  git(repo, ['worktree', 'add', '-q', worktree, '-b', 'side']);
  const sub = initRepo();
  commit(sub, { 'lib.py': 'pass\n' }, 'lib');
  git(repo, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'vendor/lib']);
  const gitsAnswer = (dir: string) =>
    resolve(
      dir,
      execFileSync('git', ['rev-parse', '--git-common-dir'], { cwd: dir }).toString('utf8').trim(),
    );

  it.each([
    ['a repository', repo],
    ['a linked worktree', worktree],
    ['a submodule', join(repo, 'vendor/lib')],
  ])('%s: the same directory git names', (_what, dir) => {
    expect(discoverCommonDir(dir, {})).toBe(gitsAnswer(dir));
  });

  it('leaves the answer to git when discovery variables are set', () => {
    expect(discoverCommonDir(repo, { GIT_DIR: join(repo, '.git') })).toBeUndefined();
    expect(discoverCommonDir(repo, { GIT_COMMON_DIR: join(repo, '.git') })).toBeUndefined();
  });

  it('is undefined outside a repository', () => {
    expect(discoverCommonDir(tempDir(), {})).toBeUndefined();
  });
});
