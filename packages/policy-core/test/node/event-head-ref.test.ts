import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readChangeSet } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, cleanup, commit, git, headSha, initRepo, tempDir } from './git-fixture.js';

/**
 * A pull_request checkout is detached (GitHub's test merge), so git has no branch name; the
 * event names the pull request's branch (`pull_request.head.ref`) even where GITHUB_HEAD_REF
 * is not passed on (a container step, `env -i`, another CI replaying the event).
 */

afterAll(cleanup);

function detachedPullRequest() {
  const dir = initRepo();
  commit(dir, { 'a.txt': 'a\n' }, 'init');
  git(dir, ['checkout', '-q', '-b', 'auto/feature']);
  commit(dir, { 'b.txt': 'b\n' }, 'add b');
  git(dir, ['checkout', '-q', '--detach']);
  const event = join(tempDir('slipway-event-'), 'event.json');
  const pr = { labels: [], base: { ref: 'main', sha: headSha(dir, 'main') }, head: { ref: 'auto/feature' } };
  writeFileSync(event, JSON.stringify({ pull_request: pr }));
  return { dir, event };
}

describe('the branch of a pull_request event', () => {
  it('comes from pull_request.head.ref when GITHUB_HEAD_REF is not set', async () => {
    const { dir, event } = detachedPullRequest();
    const change = await readChangeSet({
      repo: dir,
      productionBranch: 'main',
      env: cleanEnv({ GITHUB_EVENT_PATH: event }),
    });
    expect(change.branch).toBe('auto/feature');
  });

  it('--branch and GITHUB_HEAD_REF still come first (near miss)', async () => {
    const { dir, event } = detachedPullRequest();
    const env = cleanEnv({ GITHUB_EVENT_PATH: event, GITHUB_HEAD_REF: 'auto/from-env' });
    expect((await readChangeSet({ repo: dir, productionBranch: 'main', env })).branch).toBe('auto/from-env');
    const flagged = await readChangeSet({ repo: dir, productionBranch: 'main', env, branch: 'human/x' });
    expect(flagged.branch).toBe('human/x');
  });
});
