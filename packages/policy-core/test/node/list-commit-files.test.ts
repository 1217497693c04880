import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listCommitFiles, openRepo } from '../../src/node/fs-repo.js';
import { cleanup, commit, git, initRepo, tempDir } from './git-fixture.js';

afterAll(cleanup);

/**
 * Names whose order differs between sorting rules: a file beside a directory of the same stem
 * (`a.c`, `a/b`, `a-b/c`), characters above '/', accents, a character outside the BMP, a space,
 * a backslash, a name git would quote, and a deep path.
 */
const NAMES = [
  'a.c',
  'a/b',
  'a-b/c',
  'a0',
  'é/x',
  'ü/y',
  '\u{1F600}/e',
  'with space/f',
  'b\\c/d',
  'tab\there',
  'deep/er/and/deeper/file.txt',
  'Z/upper',
  '.hidden/h',
];

describe('listCommitFiles (the guard lists a commit while its worktree is checked out)', () => {
  it('lists exactly what git ls-files lists in a fresh worktree of that commit, in the same order', async () => {
    const dir = initRepo();
    commit(dir, Object.fromEntries(NAMES.map((n) => [n, 'x\n'])), 'files');
    symlinkSync('a.c', join(dir, 'link'));
    git(dir, ['add', 'link']);
    git(dir, ['commit', '-q', '-m', 'a symlink']);
    const sha = git(dir, ['rev-parse', 'HEAD']).trim();
    // The working tree moves on; the listing is of the commit.
    commit(dir, { 'later.txt': 'y\n', 'a.c': null }, 'later');
    const tree = join(tempDir(), 'tree');
    git(dir, ['worktree', 'add', '--quiet', '--detach', tree, sha]);
    const lsFiles = git(tree, ['ls-files', '-z', '--full-name']);
    const listed = (await listCommitFiles(dir, sha)).toString('utf8');
    expect(listed).toBe(lsFiles);
    expect(listed.split('\0')).toContain('link');
    expect(listed.split('\0')).not.toContain('later.txt');
    // openRepo given that listing is the repository git's own listing gives.
    const given = await openRepo(tree, listCommitFiles(dir, sha));
    const asked = await openRepo(tree);
    expect(given.listFiles()).toEqual(asked.listFiles());
    expect(given.listFiles()).toHaveLength(NAMES.length + 1);
  });

  it('leaves openRepo to ask git itself when the given listing fails', async () => {
    const dir = initRepo();
    commit(dir, { 'a.txt': 'a\n', 'b/c.txt': 'c\n' }, 'files');
    const failing = listCommitFiles(dir, '0'.repeat(40));
    await expect(failing).rejects.toThrow();
    const repo = await openRepo(dir, failing);
    expect(repo.listFiles()).toEqual(['a.txt', 'b/c.txt']);
  });
});
