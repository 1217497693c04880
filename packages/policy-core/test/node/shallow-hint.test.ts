import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitError, readChangeSet } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, cleanup, fastImport, git, HUMAN, initRepo, tempDir } from './git-fixture.js';

/**
 * A shallow clone that lacks the base gets a fetch command, and that command must work when
 * run as told: the hint is tested by running it. A number of commits is only given when the
 * event says how far back the base is; otherwise nothing local can tell how many commits the
 * production branch moved on since the fork, so the whole history is asked for.
 */

afterAll(cleanup);

const read = (repo: string, env: Record<string, string> = {}) =>
  readChangeSet({ repo, productionBranch: 'main', env: cleanEnv(env) });

async function hint(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GitError);
    expect((e as GitError).code).toBe('shallow');
    const m = /`(git fetch [^`]+)`/.exec((e as Error).message);
    expect(m).not.toBeNull();
    return m?.[1] as string;
  }
  throw new Error('expected the shallow-clone error');
}

/** Runs the suggested `git fetch …` in the clone. */
function runHint(clone: string, command: string): void {
  git(clone, command.split(' ').slice(1));
}

/**
 * The origin every case clones from, written once by one `git fast-import` (each case only clones
 * and fetches from it, never writes): main 4 commits, a branch of 3 from there, then main moves on
 * 26 more; and GitHub's test merge of `feature` into `main` as refs/pull/1/merge (on no branch: a
 * clone of the branches does not see it).
 */
let sharedOrigin: { dir: string; prHead: string; baseSha: string } | undefined;
function divergedOrigin(): { dir: string; prHead: string; baseSha: string } {
  if (sharedOrigin) return sharedOrigin;
  const dir = initRepo();
  // The fixture's identity and date (git-fixture.ts): 2026-01-02T03:04:05Z.
  const who = `${HUMAN.name} <${HUMAN.email}> 1767323045 +0000`;
  let mark = 0;
  const lines: string[] = [];
  const write = (ref: string, message: string, from: number, files: string[], merge?: number): number => {
    lines.push(`commit ${ref}`, `mark :${++mark}`, `author ${who}`, `committer ${who}`);
    lines.push(`data ${Buffer.byteLength(message)}`, message);
    if (from) lines.push(`from :${from}`);
    if (merge) lines.push(`merge :${merge}`);
    // `m7` is m7.txt holding `7\n`, as the case names its files.
    for (const f of files) lines.push(`M 100644 inline ${f}.txt`, `data ${f.length}`, `${f.slice(1)}\n`);
    lines.push('');
    return mark;
  };
  let main = 0;
  for (let i = 0; i < 4; i++) main = write('refs/heads/main', `main ${i}\n`, main, [`m${i}`]);
  let feature = main;
  for (let i = 0; i < 3; i++) feature = write('refs/heads/feature', `branch ${i}\n`, feature, [`b${i}`]);
  for (let i = 4; i < 30; i++) main = write('refs/heads/main', `main ${i}\n`, main, [`m${i}`]);
  // GitHub's test merge: main's tree and the branch's three files, main first.
  write('refs/pull/1/merge', 'Merge feature into main\n', main, ['b0', 'b1', 'b2'], feature);
  fastImport(dir, `${lines.join('\n')}\n`);
  git(dir, ['checkout', '-q', '-f', 'main']);
  const prHead = git(dir, ['rev-parse', 'feature']).trim();
  const baseSha = git(dir, ['rev-parse', 'main']).trim();
  sharedOrigin = { dir, prHead, baseSha };
  return sharedOrigin;
}

function shallowClone(origin: string, depth: number, branch: string): string {
  const clone = tempDir();
  git(clone, ['clone', '-q', '--depth', String(depth), '--no-single-branch', `file://${origin}`, '.']);
  git(clone, ['checkout', '-q', branch]);
  return clone;
}

/** A clone holding only GitHub's test merge of `feature` into `main`, `depth` commits deep. */
function testMergeClone(depth: number) {
  const { dir: origin, prHead, baseSha } = divergedOrigin();
  const clone = tempDir();
  git(clone, ['init', '-q']);
  git(clone, ['remote', 'add', 'origin', `file://${origin}`]);
  git(clone, ['fetch', '-q', `--depth=${depth}`, 'origin', '+refs/pull/1/merge:refs/remotes/pull/1/merge']);
  git(clone, ['checkout', '-q', '--detach', 'refs/remotes/pull/1/merge']);
  const path = join(tempDir(), 'pr.json');
  const pr = { labels: [], commits: 3, base: { ref: 'main', sha: baseSha }, head: { sha: prHead } };
  writeFileSync(path, JSON.stringify({ pull_request: pr }));
  return { clone, path };
}

describe('the "fetch deeper" hint of a shallow clone works when followed', () => {
  it.each([1, 3])('no event, production branch moved on since the fork, --depth %i', async (depth) => {
    const clone = shallowClone(divergedOrigin().dir, depth, 'feature');
    runHint(clone, await hint(read(clone)));
    const change = await read(clone);
    expect(change.files.map((f) => f.path)).toEqual(['b0.txt', 'b1.txt', 'b2.txt']);
  });

  it('a push event: before..after is sized by its commit count', async () => {
    const origin = divergedOrigin().dir;
    const before = git(origin, ['rev-parse', 'main~5']).trim();
    const after = git(origin, ['rev-parse', 'main']).trim();
    const clone = shallowClone(origin, 1, 'main');
    const path = join(tempDir(), 'push.json');
    const commits = Array.from({ length: 5 }, (_, i) => ({ id: String(i) }));
    writeFileSync(path, JSON.stringify({ ref: 'refs/heads/main', before, after, commits }));
    const command = await hint(read(clone, { GITHUB_EVENT_PATH: path }));
    expect(command).toBe('git fetch --deepen=6');
    runHint(clone, command);
    const change = await read(clone, { GITHUB_EVENT_PATH: path });
    expect(change.commits).toHaveLength(5);
  });

  it("a pull request checked out as GitHub's test merge: its commit count would leave main's side cut", async () => {
    const { clone, path } = testMergeClone(1);
    const command = await hint(read(clone, { GITHUB_EVENT_PATH: path }));
    expect(command).toBe('git fetch --unshallow');
    runHint(clone, command);
    const change = await read(clone, { GITHUB_EVENT_PATH: path });
    expect(change.files.map((f) => f.path)).toEqual(['b0.txt', 'b1.txt', 'b2.txt']);
    expect(change.commits.map((c) => c.subject)).toEqual([
      'Merge feature into main',
      'branch 2',
      'branch 1',
      'branch 0',
    ]);
  });

  it('a range cut by the shallow boundary is not read as if complete: the cut is said, with the fix', async () => {
    // Depth 2 holds the base (HEAD^1) and the pull request's head, but not its older commits:
    // the diff can be taken, but who wrote the missing commits cannot be known (the change is
    // judged an agent's: agents/change-author.ts).
    const { clone, path } = testMergeClone(2);
    const cut = await read(clone, { GITHUB_EVENT_PATH: path });
    expect(cut.historyCut).toMatch(
      /reach past this shallow clone; fetch the whole history: `git fetch --unshallow`/,
    );
    runHint(clone, 'git fetch --unshallow');
    const change = await read(clone, { GITHUB_EVENT_PATH: path });
    expect(change.historyCut).toBeUndefined();
    expect(change.commits).toHaveLength(4);
  });

  it('a shallow clone deep enough for the whole range reads as usual (near miss)', async () => {
    // main moved 26 commits since the fork: from the test merge that is 28 deep on main's side.
    const cut = testMergeClone(5);
    expect((await read(cut.clone, { GITHUB_EVENT_PATH: cut.path })).historyCut).toBeDefined();
    const { clone, path } = testMergeClone(40);
    const change = await read(clone, { GITHUB_EVENT_PATH: path });
    expect(change.historyCut).toBeUndefined();
    expect(change.commits).toHaveLength(4);
  });
});
