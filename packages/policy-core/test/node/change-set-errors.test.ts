import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitError, readChangeSet } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, cleanup, commit, git, initRepo, tempDir } from './git-fixture.js';

afterAll(cleanup);

async function failure(p: Promise<unknown>): Promise<GitError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GitError);
    expect((e as Error).message).not.toContain('\n');
    return e as GitError;
  }
  throw new Error('expected a GitError');
}

const read = (repo: string, extra: Partial<Parameters<typeof readChangeSet>[0]> = {}) =>
  readChangeSet({ repo, productionBranch: 'main', env: cleanEnv(), ...extra });

/**
 * Origin with ten commits on main and three on a branch; the clone is checked out on the branch.
 * Made once (about forty git runs): the cases only clone it and read it.
 */
let sharedOrigin: string | undefined;
function originRepo(): string {
  sharedOrigin ??= makeOrigin();
  return sharedOrigin;
}

function makeOrigin(): string {
  const dir = initRepo();
  for (let i = 0; i < 10; i++) commit(dir, { [`m${i}.txt`]: `${i}\n` }, `main ${i}`);
  git(dir, ['checkout', '-q', '-b', 'auto/deep']);
  for (let i = 0; i < 3; i++) commit(dir, { [`b${i}.txt`]: `${i}\n` }, `branch ${i}`);
  return dir;
}

describe('readChangeSet: errors', () => {
  it('says when the directory is not a git repository', async () => {
    const dir = tempDir();
    const e = await failure(read(dir));
    expect(e.code).toBe('not-a-repo');
    expect(e.message).toBe(`${dir} is not a git repository; run slipway inside one or pass --repo`);
  });

  it('says when the directory does not exist', async () => {
    const dir = join(tempDir(), 'missing');
    const e = await failure(read(dir));
    expect(e.message).toBe(`${dir} does not exist`);
  });

  it('says when the repository has no commits', async () => {
    const dir = initRepo();
    const e = await failure(read(dir));
    expect(e.code).toBe('empty-repo');
    expect(e.message).toBe(`${dir} is an empty repository (no commits yet); commit something first`);
  });

  it('names an unknown base ref and an unknown head ref', async () => {
    const dir = originRepo();
    expect((await failure(read(dir, { base: 'nope' }))).message).toBe(
      'base ref `nope` not found; fetch it or pass --base',
    );
    expect((await failure(read(dir, { head: 'nope' }))).message).toBe(
      'head ref `nope` not found; fetch it or pass --head',
    );
    expect((await failure(read(dir, { productionBranch: 'trunk' }))).message).toMatch(
      /^base ref `trunk` not found \(the production branch.*pass --base$/,
    );
  });

  it('says when base and head share no history', async () => {
    const dir = originRepo();
    git(dir, ['checkout', '-q', '--orphan', 'island']);
    commit(dir, { 'i.txt': 'i\n' }, 'island');
    const e = await failure(read(dir));
    expect(e.message).toBe('base `main` and head `HEAD` share no history; pass --base');
  });

  it('says how deep to fetch when a shallow clone lacks the base commit', async () => {
    const origin = originRepo();
    const clone = tempDir();
    git(clone, ['clone', '-q', '--depth', '1', '--no-single-branch', `file://${origin}`, '.']);
    git(clone, ['checkout', '-q', 'auto/deep']);
    // origin/main is there, but its history and the branch's do not meet inside depth 1.
    const e = await failure(read(clone));
    expect(e.code).toBe('shallow');
    expect(e.message).toBe(
      'the base commit is outside this shallow clone; fetch the whole history: `git fetch --unshallow` (in GitHub Actions: `fetch-depth: 0`)',
    );
    // A base named by hash that was never fetched is also "too shallow", not "unknown".
    const old = git(origin, ['rev-parse', 'main~5']).trim();
    expect((await failure(read(clone, { base: old }))).code).toBe('shallow');
    // After deepening as told, the same command works.
    git(clone, ['fetch', '-q', '--unshallow']);
    const change = await read(clone);
    expect(change.files.map((f) => f.path)).toEqual(['b0.txt', 'b1.txt', 'b2.txt']);
  });

  it("does not size the hint by a pull request's commit count: the base side may lie further back", async () => {
    const origin = originRepo();
    const clone = tempDir();
    git(clone, ['clone', '-q', '--depth', '1', '--no-single-branch', `file://${origin}`, '.']);
    git(clone, ['checkout', '-q', 'auto/deep']);
    const path = join(tempDir(), 'event.json');
    writeFileSync(path, JSON.stringify({ pull_request: { labels: [], commits: 3, base: { ref: 'main' } } }));
    const e = await failure(read(clone, { env: cleanEnv({ GITHUB_EVENT_PATH: path }) }));
    expect(e.message).toContain('`git fetch --unshallow`');
  });
});
