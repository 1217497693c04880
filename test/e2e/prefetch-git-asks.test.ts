import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CheckOptions, prefetchGitAsks, runCheck } from '@slipway/policy-core';
import { CatFileSession, loadPolicy, openRepo, readChangeSet } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';
import { BASE_FILES, ROOT_FILES } from '../hostile/attack-corpus-base.js';

/**
 * What the rules will ask git is answered before they run (RuleFamily.gitAsks, prefetchGitAsks):
 * the files at base (the record, the log, the workflows and the local action they use), whether
 * the record's SHAs are commits and the last good one is on the production branch, and the
 * change's line count. After that the sync rules start no git process at all; without it they
 * start one blocking process per question. Counted with git's own trace (GIT_TRACE).
 */

let repo: TempRepo;
const BOT = { name: 'agent[bot]', email: '41898282+agent[bot]@users.noreply.github.com' };

beforeAll(() => {
  repo = new TempRepo(ROOT_FILES);
  const root = repo.commit('root');
  repo.write(BASE_FILES(root)).commit('deploy state');
  repo.git('checkout', '-q', '-b', 'auto/fix');
  repo.write({ 'app/api.py': 'def handler():\n    return 2\n' }).commit('fix', BOT);
});
afterAll(() => repo.dispose());

async function traced<T>(run: () => Promise<T> | T): Promise<{ value: T; commands: string[] }> {
  const trace = join(repo.dir, '..', `trace-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(trace, '');
  const previous = process.env.GIT_TRACE;
  process.env.GIT_TRACE = trace;
  try {
    const value = await run();
    const commands = readFileSync(trace, 'utf8')
      .split('\n')
      .flatMap((l) => /trace: built-in: git (\S+ \S+)/.exec(l)?.[1] ?? []);
    return { value, commands };
  } finally {
    if (previous === undefined) delete process.env.GIT_TRACE;
    else process.env.GIT_TRACE = previous;
  }
}

async function options(): Promise<CheckOptions> {
  const env = { PATH: process.env.PATH ?? '', GITHUB_HEAD_REF: 'auto/fix' };
  const loaded = loadPolicy(repo.dir);
  if (loaded.kind !== 'ok') throw new Error('the policy did not load');
  const change = await readChangeSet({ repo: repo.dir, base: 'main', productionBranch: 'main', env });
  return { policy: loaded.document, repo: await openRepo(repo.dir), change, env };
}

const verdict = (o: CheckOptions) =>
  runCheck(o)
    .findings.map((f) => `${f.rule} ${f.severity}`)
    .sort();

describe('the rules’ git questions answered ahead', () => {
  it('after prefetchGitAsks the rules start no git process, and judge as without it', async () => {
    const ahead = await options();
    const fetched = await traced(() => prefetchGitAsks(ahead));
    // One session of cat-file (it read the policy at base, then every round), one merge-base,
    // the line count: nothing else.
    expect(fetched.commands.filter((c) => c.startsWith('cat-file'))).toEqual([]);
    expect(fetched.commands.sort()).toEqual(['diff --numstat', 'merge-base --is-ancestor']);
    const judged = await traced(() => verdict(ahead));
    // The rules ask nothing; what the base had of the findings' families (change-own-findings.ts)
    // reads the touched files at base, all in one process.
    expect(judged.commands).toEqual(['cat-file --batch']);

    // The near miss that shows the count is real: the same check without answers ahead asks
    // git as its rules run: the workflows, the action, the record's SHAs, the branch, the lines.
    const asIs = await options();
    const unprimed = await traced(() => verdict(asIs));
    expect(unprimed.commands.length).toBeGreaterThanOrEqual(4);
    expect(unprimed.value).toEqual(judged.value);
  });

  it('an agent change over the lines cap is still reported with the count fetched ahead', async () => {
    const big = new TempRepo({}, repo);
    try {
      big.write({ 'app/big.py': 'x = 1\n'.repeat(600) }).commit('big', BOT);
      const env = { PATH: process.env.PATH ?? '', GITHUB_HEAD_REF: 'auto/fix' };
      const loaded = loadPolicy(big.dir);
      if (loaded.kind !== 'ok') throw new Error('the policy did not load');
      const change = await readChangeSet({ repo: big.dir, base: 'main', productionBranch: 'main', env });
      const o = { policy: loaded.document, repo: await openRepo(big.dir), change, env };
      await prefetchGitAsks(o);
      const judged = await traced(() => verdict(o));
      expect(judged.commands).toEqual(['cat-file --batch']);
      expect(judged.value).toContain('AGT002 warning');
    } finally {
      big.dispose();
    }
  });
});

describe('CatFileSession', () => {
  it('answers contents and types in turns from one process; missing names, full hashes and large blobs', async () => {
    const session = new CatFileSession(repo.dir);
    const head = repo.git('rev-parse', 'HEAD').trim();
    const large = 'y'.repeat(3_000_000);
    writeFileSync(join(repo.dir, 'large.txt'), large);
    const { value, commands } = await traced(async () => {
      const first = await session.ask([
        { contents: true, object: Buffer.from(`${head}:app/api.py`) },
        { contents: true, object: Buffer.from(`${head}:no/such/file`) },
        { contents: false, object: Buffer.from(head) },
      ]);
      const second = await session.ask([{ contents: false, object: Buffer.from('refs/heads/nothing') }]);
      return { first, second };
    });
    expect(commands).toEqual(['cat-file --batch-command']);
    expect(value.first[0]?.text).toBe('def handler():\n    return 2\n');
    expect(value.first[1]).toBeUndefined();
    // A full hash is echoed in a found object's header: found, not "missing".
    expect(value.first[2]).toMatchObject({ oid: head, type: 'commit' });
    expect(value.second).toEqual([undefined]);
    // A blob of megabytes arrives in many chunks and is joined once.
    const blob = repo.git('hash-object', '-w', 'large.txt').trim();
    const [answer] = await session.ask([{ contents: true, object: Buffer.from(blob) }]);
    expect(answer?.text?.length).toBe(large.length);
    session.close();
  });

  it('a name with a newline is refused at once, and a git that cannot answer fails every later question', async () => {
    const session = new CatFileSession(repo.dir);
    await expect(session.ask([{ contents: true, object: Buffer.from('HEAD:a\nb') }])).rejects.toThrow(
      /newline/,
    );
    const outside = new CatFileSession(join(repo.dir, '..'));
    await expect(outside.ask([{ contents: false, object: Buffer.from('HEAD') }])).rejects.toThrow();
    await expect(outside.ask([{ contents: false, object: Buffer.from('HEAD') }])).rejects.toThrow();
    session.close();
  });
});
