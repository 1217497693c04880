import { symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readChangeSet } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { recordSpawns } from '../../../../test/helpers/spawn-recorder.js';
import { cleanEnv, cleanup, commit, git, headSha, initRepo } from './git-fixture.js';

afterAll(cleanup);

const read = (repo: string, extra: Partial<Parameters<typeof readChangeSet>[0]> = {}) =>
  readChangeSet({ repo, productionBranch: 'main', env: cleanEnv(), ...extra });

/** main: a, b, old; branch feature adds, modifies, deletes and renames; main moves on after. */
function featureRepo(): string {
  const dir = initRepo();
  commit(
    dir,
    { 'a.txt': 'a\n', 'b.txt': 'b\n', 'old/name.txt': 'a long enough text to be found again\n' },
    'init',
  );
  git(dir, ['checkout', '-q', '-b', 'auto/feature']);
  commit(dir, { 'a.txt': 'a changed\n', 'new.txt': 'new\n', 'b.txt': null }, 'edit');
  commit(dir, { 'old/name.txt': null, 'renamed/name.txt': 'a long enough text to be found again\n' }, 'move');
  git(dir, ['checkout', '-q', 'main']);
  commit(dir, { 'main-only.txt': 'later on main\n' }, 'main moves on');
  git(dir, ['checkout', '-q', 'auto/feature']);
  return dir;
}

describe('readChangeSet: files', () => {
  it('lists added, modified, deleted and renamed files against the merge-base with main', async () => {
    const dir = featureRepo();
    const change = await read(dir);
    expect(change.files).toEqual([
      { status: 'modified', path: 'a.txt' },
      { status: 'deleted', path: 'b.txt' },
      { status: 'added', path: 'new.txt' },
      { status: 'renamed', path: 'renamed/name.txt', oldPath: 'old/name.txt' },
    ]);
    expect(change.base).toBe(headSha(dir, 'main~1'));
    expect(change.head).toBe(headSha(dir));
    expect(change.branch).toBe('auto/feature');
    expect(change.labels).toBeUndefined();
    expect(change.readBase?.('a.txt')).toBe('a\n');
    expect(change.readBase?.('new.txt')).toBeUndefined();
    expect(change.readBase?.('old')).toBeUndefined();
  });

  it('falls back to origin/main when there is no local main', async () => {
    const origin = featureRepo();
    const clone = initRepo();
    git(clone, ['fetch', '-q', origin, 'main:refs/remotes/origin/main', 'auto/feature:refs/heads/work']);
    git(clone, ['checkout', '-q', 'work']);
    const change = await read(clone);
    expect(change.files.map((f) => f.path)).toEqual(['a.txt', 'b.txt', 'new.txt', 'renamed/name.txt']);
    expect(change.branch).toBe('work');
  });

  it('honours --base and --head', async () => {
    const dir = featureRepo();
    const change = await read(dir, { base: 'auto/feature~1', head: 'auto/feature' });
    expect(change.files).toEqual([{ status: 'renamed', path: 'renamed/name.txt', oldPath: 'old/name.txt' }]);
    expect(change.commits.map((c) => c.subject)).toEqual(['move']);
    expect(change.branch).toBe('auto/feature');
  });

  it('returns a correct result for a change of deleted files only', async () => {
    const dir = initRepo();
    commit(dir, { 'x.txt': 'x\n', 'y.txt': 'y\n', 'keep.txt': 'k\n' }, 'init');
    git(dir, ['checkout', '-q', '-b', 'cleanup']);
    commit(dir, { 'x.txt': null, 'y.txt': null }, 'delete');
    const change = await read(dir);
    expect(change.files).toEqual([
      { status: 'deleted', path: 'x.txt' },
      { status: 'deleted', path: 'y.txt' },
    ]);
    expect(change.readBase?.('x.txt')).toBe('x\n');
  });

  it('is empty on the production branch itself', async () => {
    const dir = featureRepo();
    git(dir, ['checkout', '-q', 'main']);
    const change = await read(dir);
    expect(change.files).toEqual([]);
    expect(change.commits).toEqual([]);
    expect(change.branch).toBe('main');
  });

  it('starts no diff or log when head is the base commit (a branch with nothing committed yet)', async () => {
    const dir = featureRepo();
    git(dir, ['checkout', '-q', '-b', 'auto/fresh', 'main']);
    const shims = recordSpawns(['git']);
    const saved = process.env.PATH;
    process.env.PATH = shims.env().PATH;
    try {
      const change = await read(dir);
      expect(change.files).toEqual([]);
      expect(change.commits).toEqual([]);
      expect(change.base).toBe(headSha(dir, 'main'));
      expect(change.head).toBe(headSha(dir, 'main'));
      const ran = shims.calls().map((c) => c.args.find((a) => !a.startsWith('-') && !a.includes('=')));
      expect(ran).not.toContain('diff');
      expect(ran).not.toContain('log');
      // Near miss: one commit on the branch, and both run.
      commit(dir, { 'fresh.txt': 'x\n' }, 'first');
      shims.clear();
      const committed = await read(dir);
      expect(committed.files).toEqual([{ status: 'added', path: 'fresh.txt' }]);
      expect(committed.commits).toHaveLength(1);
      const ranAfter = shims.calls().map((c) => c.args.find((a) => !a.startsWith('-') && !a.includes('=')));
      expect(ranAfter).toContain('diff');
      expect(ranAfter).toContain('log');
    } finally {
      process.env.PATH = saved;
      shims.dispose();
    }
  });

  it('reports type changes (file to symlink)', async () => {
    const dir = initRepo();
    commit(dir, { link: 'plain file\n', 'target.txt': 't\n' }, 'init');
    git(dir, ['checkout', '-q', '-b', 'symlinks']);
    unlinkSync(join(dir, 'link'));
    symlinkSync('target.txt', join(dir, 'link'));
    commit(dir, {}, 'now a link');
    const change = await read(dir);
    expect(change.files).toEqual([{ status: 'type-changed', path: 'link' }]);
  });

  it('keeps names with spaces, quotes, newlines and non-UTF-8 bytes exactly', async () => {
    const dir = initRepo();
    commit(dir, { 'seed.txt': 's\n' }, 'init');
    git(dir, ['checkout', '-q', '-b', 'weird']);
    const latin1 = Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.of(0xe9), Buffer.from('.txt')]);
    writeFileSync(latin1, 'latin-1 name\n');
    commit(
      dir,
      { 'with space.txt': '1\n', 'say "hi".txt': '2\n', 'two\nlines.txt': '3\n', 'ünï.txt': '4\n' },
      'w',
    );
    const change = await read(dir);
    const paths = change.files.map((f) => f.path).sort();
    expect(paths).toEqual(
      ['caf\udce9.txt', 'say "hi".txt', 'two\nlines.txt', 'with space.txt', 'ünï.txt'].sort(),
    );
    expect(change.commits[0]?.files?.sort()).toEqual(paths);
  });
});
