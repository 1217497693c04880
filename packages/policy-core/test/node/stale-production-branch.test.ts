import { readChangeSet } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, commit, git, initRepo, tempDir } from './git-fixture.js';

/**
 * The default base is the production branch. A local `main` that was never pulled is behind
 * `origin/main`; a branch that merged origin/main would then be charged with everything that
 * landed on production since the local copy (other people's protected files, agents' merged
 * commits). The newer of the two is the production branch as it is.
 */

afterAll(cleanup);

function setup() {
  const origin = initRepo();
  commit(origin, { 'a.txt': '1\n' }, 'start');
  const clone = tempDir();
  git(clone, ['clone', '-q', `file://${origin}`, '.']);
  // Production moves on after the clone was made; the clone's local main stays behind.
  commit(origin, { 'core/secret.py': 'landed on main\n' }, 'landed on main');
  git(clone, ['fetch', '-q', 'origin']);
  git(clone, ['checkout', '-q', '-b', 'feature', 'origin/main']);
  commit(clone, { 'docs/mine.md': 'mine\n' }, 'my change');
  return clone;
}

describe('the default base when the local production branch is stale', () => {
  it('uses origin/main when local main is behind it', async () => {
    const clone = setup();
    const change = await readChangeSet({ repo: clone, productionBranch: 'main', env: {} });
    expect(change.files.map((f) => f.path)).toEqual(['docs/mine.md']);
    expect(change.commits.map((c) => c.subject)).toEqual(['my change']);
  });

  it('keeps a local main that is ahead of origin/main (near miss)', async () => {
    const clone = setup();
    git(clone, ['checkout', '-q', 'main']);
    git(clone, ['merge', '-q', '--ff-only', 'origin/main']);
    commit(clone, { 'local.txt': 'unpushed\n' }, 'unpushed on main');
    git(clone, ['checkout', '-q', 'feature']);
    const change = await readChangeSet({ repo: clone, productionBranch: 'main', env: {} });
    expect(change.base).toBe(git(clone, ['merge-base', 'main', 'feature']).trim());
    expect(change.files.map((f) => f.path)).toEqual(['docs/mine.md']);
  });
});
