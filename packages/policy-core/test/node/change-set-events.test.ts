import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readChangeSet } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, cleanup, commit, git, headSha, initRepo, tempDir } from './git-fixture.js';

afterAll(cleanup);

function eventFile(payload: unknown): string {
  const path = join(tempDir('slipway-event-'), 'event.json');
  writeFileSync(path, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return path;
}

function branchRepo(): string {
  const dir = initRepo();
  commit(dir, { 'a.txt': 'a\n' }, 'init');
  git(dir, ['checkout', '-q', '-b', 'auto/labels']);
  commit(dir, { 'b.txt': 'b\n' }, 'add b');
  return dir;
}

describe('readChangeSet: labels, branch and GitHub events', () => {
  it('takes labels from a pull_request event and the branch from GITHUB_HEAD_REF', async () => {
    const dir = branchRepo();
    const env = cleanEnv({
      GITHUB_EVENT_PATH: eventFile({
        pull_request: {
          labels: [{ name: 'approved-core-change' }, { name: 'docs' }],
          base: { ref: 'main', sha: headSha(dir, 'main') },
          commits: 1,
        },
      }),
      GITHUB_HEAD_REF: 'auto/from-env',
    });
    const change = await readChangeSet({ repo: dir, productionBranch: 'main', env });
    expect(change.labels).toEqual(['approved-core-change', 'docs']);
    expect(change.branch).toBe('auto/from-env');
    expect(change.files.map((f) => f.path)).toEqual(['b.txt']);
  });

  it("diffs GitHub's test merge against its first parent when the base branch moved on", async () => {
    // main moves after the event was recorded (a re-run); HEAD is refs/pull/N/merge made on the new main.
    const dir = initRepo();
    commit(dir, { 'a.txt': 'a\n' }, 'init');
    const oldMain = headSha(dir, 'main');
    git(dir, ['checkout', '-q', '-b', 'feature']);
    commit(dir, { 'docs.md': 'd\n' }, 'docs');
    const prHead = headSha(dir, 'feature');
    git(dir, ['checkout', '-q', 'main']);
    commit(dir, { 'core.py': 'moved on\n' }, 'main moves');
    git(dir, ['checkout', '-q', '--detach', 'main']);
    git(dir, ['merge', '-q', '--no-ff', '-m', 'Merge into main', prHead]);
    const event = {
      pull_request: { labels: [], base: { ref: 'main', sha: oldMain }, head: { sha: prHead } },
    };
    const change = await readChangeSet({
      repo: dir,
      productionBranch: 'main',
      env: cleanEnv({ GITHUB_EVENT_PATH: eventFile(event), GITHUB_HEAD_REF: 'feature' }),
    });
    expect(change.files.map((f) => f.path)).toEqual(['docs.md']);
    // Without the head in the event, the event's base is all there is to go by.
    const { head: _head, ...noHead } = event.pull_request;
    const old = await readChangeSet({
      repo: dir,
      productionBranch: 'main',
      env: cleanEnv({ GITHUB_EVENT_PATH: eventFile({ pull_request: noHead }), GITHUB_HEAD_REF: 'feature' }),
    });
    expect(old.files.map((f) => f.path).sort()).toEqual(['core.py', 'docs.md']);
  });

  it('knows an unlabelled pull request has no labels (an empty list, not unknown)', async () => {
    const dir = branchRepo();
    const env = cleanEnv({ GITHUB_EVENT_PATH: eventFile({ pull_request: { labels: [] } }) });
    const change = await readChangeSet({ repo: dir, productionBranch: 'main', env });
    expect(change.labels).toEqual([]);
  });

  it('lets --label and --branch win over the event and git', async () => {
    const dir = branchRepo();
    const env = cleanEnv({
      GITHUB_EVENT_PATH: eventFile({ pull_request: { labels: [{ name: 'from-event' }] } }),
      GITHUB_HEAD_REF: 'auto/from-env',
    });
    const change = await readChangeSet({
      repo: dir,
      productionBranch: 'main',
      env,
      labels: ['a', 'b'],
      branch: 'auto/from-flag',
    });
    expect(change.labels).toEqual(['a', 'b']);
    expect(change.branch).toBe('auto/from-flag');
    // A full ref names the same branch, so every rule sees the short form.
    const full = await readChangeSet({
      repo: dir,
      productionBranch: 'main',
      env,
      branch: 'refs/heads/auto/x',
    });
    expect(full.branch).toBe('auto/x');
  });

  it('uses before..after of a push event and leaves labels unknown', async () => {
    const dir = initRepo();
    const before = commit(dir, { 'a.txt': 'a\n' }, 'init');
    commit(dir, { 'b.txt': 'b\n' }, 'pushed 1');
    const after = commit(dir, { 'c.txt': 'c\n' }, 'pushed 2');
    commit(dir, { 'd.txt': 'd\n' }, 'not part of the push');
    const env = cleanEnv({
      GITHUB_EVENT_PATH: eventFile({ ref: 'refs/heads/main', before, after, commits: [{}, {}] }),
    });
    const change = await readChangeSet({ repo: dir, productionBranch: 'main', env });
    expect(change.base).toBe(before);
    expect(change.head).toBe(after);
    expect(change.files.map((f) => f.path)).toEqual(['b.txt', 'c.txt']);
    expect(change.commits.map((c) => c.subject)).toEqual(['pushed 2', 'pushed 1']);
    expect(change.labels).toBeUndefined();
    expect(change.branch).toBe('main');
  });

  it('falls back to the production branch for the push that creates a branch', async () => {
    const dir = branchRepo();
    const env = cleanEnv({
      GITHUB_EVENT_PATH: eventFile({
        ref: 'refs/heads/auto/labels',
        before: '0000000000000000000000000000000000000000',
        after: headSha(dir),
      }),
    });
    const change = await readChangeSet({ repo: dir, productionBranch: 'main', env });
    expect(change.base).toBe(headSha(dir, 'main'));
    expect(change.files.map((f) => f.path)).toEqual(['b.txt']);
    expect(change.branch).toBe('auto/labels');
  });

  it('reports a detached head as having no branch', async () => {
    const dir = branchRepo();
    git(dir, ['checkout', '-q', '--detach']);
    const change = await readChangeSet({ repo: dir, productionBranch: 'main', env: cleanEnv() });
    expect(change.branch).toBeUndefined();
    expect(change.files.map((f) => f.path)).toEqual(['b.txt']);
  });

  it('rejects an unreadable or invalid event file with one line', async () => {
    const dir = branchRepo();
    const missing = join(tempDir(), 'nope.json');
    await expect(
      readChangeSet({ repo: dir, productionBranch: 'main', env: cleanEnv({ GITHUB_EVENT_PATH: missing }) }),
    ).rejects.toThrow(`GITHUB_EVENT_PATH ${missing} could not be read (ENOENT)`);
    const bad = eventFile('{ not json');
    await expect(
      readChangeSet({ repo: dir, productionBranch: 'main', env: cleanEnv({ GITHUB_EVENT_PATH: bad }) }),
    ).rejects.toThrow(/could not be read \(invalid JSON\); unset it/);
    const notObject = eventFile('[1, 2]');
    await expect(
      readChangeSet({ repo: dir, productionBranch: 'main', env: cleanEnv({ GITHUB_EVENT_PATH: notObject }) }),
    ).rejects.toThrow(/does not hold a JSON object/);
  });
});
