import { readChangeSet } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, cleanup, commit, git, headSha, initRepo } from './git-fixture.js';

afterAll(cleanup);

const REC = 'infrastructure/LAST_PROD_DEPLOY.json';
const LINES = (edit: Record<number, string> = {}) =>
  `${Array.from({ length: 9 }, (_, i) => edit[i] ?? `line ${i}`).join('\n')}\n`;

async function commitsOf(dir: string, base: string) {
  const change = await readChangeSet({ repo: dir, base, productionBranch: 'main', env: cleanEnv() });
  return new Map(change.commits.map((c) => [c.sha, c]));
}

/** main with the record; `side` branches off it. Returns the base commit. */
function start(dir: string): string {
  const base = commit(dir, { [REC]: LINES(), 'a.txt': 'a\n' }, 'init');
  git(dir, ['checkout', '-q', '-b', 'side']);
  return base;
}

describe("readChangeSet: a merge's own changes (what it made, not what it brought in)", () => {
  it('a merge that takes the record from one side lists nothing; the side commit lists it', async () => {
    const dir = initRepo();
    const base = start(dir);
    const side = commit(dir, { [REC]: LINES({ 1: 'by hand' }) }, 'hand edit on a branch');
    git(dir, ['checkout', '-q', 'main']);
    commit(dir, { 'b.txt': 'b\n' }, 'main work');
    git(dir, ['merge', '-q', '--no-ff', '--no-edit', 'side']);
    const commits = await commitsOf(dir, base);
    expect(commits.get(headSha(dir))?.files).toEqual([]);
    expect(commits.get(side)?.changes).toEqual([{ status: 'modified', path: REC }]);
  });

  it('an evil merge (its result matches neither parent) lists the file it made', async () => {
    const dir = initRepo();
    const base = start(dir);
    commit(dir, { 'side.txt': 's\n' }, 'side work');
    git(dir, ['checkout', '-q', 'main']);
    commit(dir, { 'b.txt': 'b\n' }, 'main work');
    git(dir, ['merge', '-q', '--no-ff', '--no-commit', 'side']);
    commit(dir, { [REC]: LINES({ 4: 'slipped into the merge' }) }, 'Merge side');
    const merge = (await commitsOf(dir, base)).get(headSha(dir));
    expect(merge?.parents).toHaveLength(2);
    expect(merge?.changes).toEqual([{ status: 'modified', path: REC }]);
  });

  it('a conflict resolved with a third version counts as the merge’s own change', async () => {
    const dir = initRepo();
    const base = start(dir);
    commit(dir, { [REC]: LINES({ 2: 'side' }) }, 'side edit');
    git(dir, ['checkout', '-q', 'main']);
    commit(dir, { [REC]: LINES({ 2: 'main' }) }, 'main edit');
    // The merge stops on the conflict (git exits 1); the test resolves it.
    expect(() => git(dir, ['merge', '-q', '--no-ff', '--no-commit', 'side'])).toThrow();
    commit(dir, { [REC]: LINES({ 2: 'neither' }) }, 'Merge side, resolved');
    const merge = (await commitsOf(dir, base)).get(headSha(dir));
    expect(merge?.files).toEqual([REC]);
  });

  it('a merge that deletes the record or renames it away says so, with the old name', async () => {
    const dir = initRepo();
    const base = start(dir);
    commit(dir, { 'side.txt': 's\n' }, 'side work');
    git(dir, ['checkout', '-q', 'main']);
    commit(dir, { 'b.txt': 'b\n' }, 'main work');
    git(dir, ['merge', '-q', '--no-ff', '--no-commit', 'side']);
    git(dir, ['mv', REC, 'record.bak']);
    git(dir, ['rm', '-q', 'a.txt']);
    commit(dir, {}, 'Merge side');
    const merge = (await commitsOf(dir, base)).get(headSha(dir));
    expect(merge?.changes).toEqual(
      expect.arrayContaining([
        { status: 'renamed', path: 'record.bak', oldPath: REC },
        { status: 'deleted', path: 'a.txt' },
      ]),
    );
    expect(merge?.files).toEqual(expect.arrayContaining([REC, 'record.bak', 'a.txt']));
  });
});
