import { readChangeSet } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, cleanup, commit, git, headSha, initRepo, type Who } from './git-fixture.js';

afterAll(cleanup);

const BOT: Who = { name: 'helper[bot]', email: '123+helper[bot]@users.noreply.github.com' };
const HOST: Who = { name: 'GitHub', email: 'noreply@github.com' };

describe('readChangeSet: commits', () => {
  it('reads author, committer, subject, body, parents and touched files in one pass', async () => {
    const dir = initRepo();
    const base = commit(
      dir,
      { 'a.txt': 'a\n', 'r.txt': 'a text long enough for rename detection\n' },
      'init',
    );
    git(dir, ['checkout', '-q', '-b', 'auto/x']);
    const c1 = commit(dir, { 'a.txt': 'b\n' }, 'first change\n\nA body\nwith two lines\n\nTrailer: yes', {
      author: BOT,
      committer: HOST,
    });
    const c2 = commit(
      dir,
      { 'r.txt': null, 'moved.txt': 'a text long enough for rename detection\n' },
      'rename it',
      { author: BOT },
    );
    const c3 = commit(dir, {}, 'empty commit', { author: BOT });
    const change = await readChangeSet({ repo: dir, productionBranch: 'main', env: cleanEnv() });
    expect(change.commits.map((c) => c.sha)).toEqual([c3, c2, c1]);
    const [empty, renamed, first] = change.commits;
    expect(first).toEqual({
      sha: c1,
      parents: [base],
      author: BOT,
      committer: HOST,
      subject: 'first change',
      body: 'A body\nwith two lines\n\nTrailer: yes',
      firstParent: true,
      files: ['a.txt'],
      changes: [{ status: 'modified', path: 'a.txt' }],
    });
    expect(renamed?.files).toEqual(['moved.txt', 'r.txt']);
    expect(renamed?.changes).toEqual([{ status: 'renamed', path: 'moved.txt', oldPath: 'r.txt' }]);
    expect(renamed?.committer).toEqual(BOT);
    expect(empty?.files).toEqual([]);
  });

  it('marks only head’s first-parent chain; a clean merge lists nothing of its own', async () => {
    const dir = initRepo();
    commit(dir, { 'a.txt': 'a\n' }, 'init');
    git(dir, ['checkout', '-q', '-b', 'feature']);
    const f1 = commit(dir, { 'f.txt': 'f\n' }, 'feature work');
    git(dir, ['checkout', '-q', 'main']);
    const m1 = commit(dir, { 'm.txt': 'm\n' }, 'main work', { author: BOT });
    git(dir, ['merge', '-q', '--no-ff', '--no-edit', 'feature'], { committer: HOST });
    const merge = headSha(dir);
    const m2 = commit(dir, { 'after.txt': 'x\n' }, 'after merge');
    const change = await readChangeSet({
      repo: dir,
      base: 'main~3',
      productionBranch: 'main',
      env: cleanEnv(),
    });
    const bySha = new Map(change.commits.map((c) => [c.sha, c]));
    expect(bySha.get(m2)?.firstParent).toBe(true);
    expect(bySha.get(merge)?.firstParent).toBe(true);
    expect(bySha.get(m1)?.firstParent).toBe(true);
    expect(bySha.get(f1)?.firstParent).toBe(false);
    expect(bySha.get(merge)?.parents).toEqual([m1, f1]);
    // What it brought in is f1's and m1's; it made nothing itself.
    expect(bySha.get(merge)?.files).toEqual([]);
    expect(bySha.get(merge)?.committer).toEqual(HOST);
    expect(bySha.get(f1)?.files).toEqual(['f.txt']);
    expect(change.files.map((f) => f.path)).toEqual(['after.txt', 'f.txt', 'm.txt']);
  });

  it('keeps non-ASCII names and subjects', async () => {
    const dir = initRepo();
    commit(dir, { 'a.txt': 'a\n' }, 'init');
    git(dir, ['checkout', '-q', '-b', 'auto/ü']);
    commit(dir, { 'a.txt': 'b\n' }, 'Grüße 👋', { author: { name: 'Zoë Bot', email: 'zoë@example.com' } });
    const change = await readChangeSet({ repo: dir, productionBranch: 'main', env: cleanEnv() });
    expect(change.commits[0]?.subject).toBe('Grüße 👋');
    expect(change.commits[0]?.author).toEqual({ name: 'Zoë Bot', email: 'zoë@example.com' });
    expect(change.branch).toBe('auto/ü');
  });
});
