import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitBranchName } from '../../src/node/git/branch-name.js';
import { META_ARGS, parseCommitLog } from '../../src/node/git/commit-log.js';
import { mergeBaseOfRange } from '../../src/node/git/merge-base-of-range.js';
import { splitZ } from '../../src/node/git/path-bytes.js';
import { runGitSync } from '../../src/node/git/run-git.js';
import { cleanup, commit, git, headSha, initRepo, tempDir } from './git-fixture.js';

afterAll(cleanup);

/** mergeBaseOfRange on the real log of base..head, beside what `git merge-base` says. */
function both(dir: string, base: string, head: string) {
  const [b, h] = [headSha(dir, base), headSha(dir, head)];
  const commits = parseCommitLog(splitZ(runGitSync(dir, [...META_ARGS, `${b}..${h}`, '--']).stdout));
  const r = runGitSync(dir, ['merge-base', b, h], { okCodes: [1] });
  return {
    fromLog: mergeBaseOfRange(commits, h),
    fromGit: r.code === 0 ? r.stdout.toString().trim() : undefined,
  };
}

describe('mergeBaseOfRange (the merge base read off the log, or undefined to ask git)', () => {
  const repo = initRepo();
  const m0 = commit(repo, { 'a.txt': '0' }, 'm0');
  git(repo, ['checkout', '-q', '-b', 'feature']);
  commit(repo, { 'b.txt': '1' }, 'f1');
  commit(repo, { 'b.txt': '2' }, 'f2');
  git(repo, ['checkout', '-q', 'main']);
  const m1 = commit(repo, { 'a.txt': '1' }, 'm1');
  // The base merged into the branch once: two parents outside the range.
  git(repo, ['checkout', '-q', '-b', 'synced', 'feature']);
  git(repo, ['merge', '-q', '--no-edit', 'main']);
  git(repo, ['checkout', '-q', 'main']);
  commit(repo, { 'a.txt': '2' }, 'm2');
  // Criss-cross: x and y each merge the other's first commit.
  git(repo, ['checkout', '-q', '-b', 'x', m1]);
  const x1 = commit(repo, { 'x.txt': '1' }, 'x1');
  git(repo, ['checkout', '-q', '-b', 'y', m1]);
  const y1 = commit(repo, { 'y.txt': '1' }, 'y1');
  git(repo, ['merge', '-q', '--no-edit', x1]);
  git(repo, ['checkout', '-q', 'x']);
  git(repo, ['merge', '-q', '--no-edit', y1]);
  // Unrelated history.
  git(repo, ['checkout', '-q', '--orphan', 'other']);
  commit(repo, { 'o.txt': '1' }, 'o1');

  it.each([
    ['a branch off the base', 'main', 'feature', m0],
    ['a head the base already holds', 'main', m0, m0],
    ['base and head the same commit', 'feature', 'feature', headSha(repo, 'feature')],
  ])('reads %s off the log, as git merge-base answers', (_, base, head, expected) => {
    const { fromLog, fromGit } = both(repo, base, head);
    expect(fromGit).toBe(expected);
    expect(fromLog).toBe(expected);
  });

  it.each([
    ['the base merged into the branch', 'main', 'synced'],
    ['criss-cross merges', 'x', 'y'],
    ['unrelated histories', 'main', 'other'],
  ])('leaves %s to git', (_, base, head) => {
    expect(both(repo, base, head).fromLog).toBeUndefined();
  });
});

describe('gitBranchName for HEAD (read from the HEAD file, as git symbolic-ref answers)', () => {
  const repo = initRepo();
  commit(repo, { 'a.txt': '0' }, 'm0');
  const symbolic = (dir: string) =>
    runGitSync(dir, ['symbolic-ref', '--short', '-q', 'HEAD'], { okCodes: [1] })
      .stdout.toString()
      .trim() || undefined;

  it('names the branch, slashes and all, in the repository and in a linked worktree', async () => {
    git(repo, ['checkout', '-q', '-b', 'auto/fix-1']);
    expect(await gitBranchName(join(repo), 'HEAD')).toBe('auto/fix-1');
    expect(symbolic(repo)).toBe('auto/fix-1');
    const worktree = join(tempDir(), 'wt');
    git(repo, ['worktree', 'add', '-q', worktree, '-b', 'side']);
    expect(await gitBranchName(worktree, 'HEAD')).toBe('side');
    expect(symbolic(worktree)).toBe('side');
  });

  it('has none for a detached head', async () => {
    git(repo, ['checkout', '-q', '--detach']);
    expect(symbolic(repo)).toBeUndefined();
    expect(await gitBranchName(repo, 'HEAD')).toBeUndefined();
  });
});
