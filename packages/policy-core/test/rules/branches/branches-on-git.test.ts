import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryRepo, parsePolicyText } from '@slipway/policy-core';
import { readChangeSet } from '@slipway/policy-core/node';
import { afterAll, describe, expect, it } from 'vitest';
import { branchFamily } from '../../../src/rules/families.js';
import { cleanup, commit, git, initRepo, tempDir, type Who } from '../../node/git-fixture.js';
import { POLICY } from './branch-fixture.js';

afterAll(cleanup);

const BOT: Who = { name: 'helper[bot]', email: '7+helper[bot]@users.noreply.github.com' };
const GITHUB: Who = { name: 'GitHub', email: 'noreply@github.com' };

async function check(dir: string, env: Record<string, string> = {}) {
  const change = await readChangeSet({ repo: dir, productionBranch: 'main', env });
  const document = parsePolicyText(POLICY).document!;
  return branchFamily.check({ policy: document, repo: new MemoryRepo({}), change, now: new Date(), env: {} })
    .findings;
}

describe('BR rules on change sets read from real git', () => {
  it('BR001 on a push to main: the agent’s direct commit, not the service’s squash merge', async () => {
    const dir = initRepo();
    const before = commit(dir, { 'a.txt': 'a\n' }, 'init');
    commit(dir, { 'b.txt': 'b\n' }, 'Agent work (#1)', { author: BOT, committer: GITHUB });
    const direct = commit(dir, { 'c.txt': 'c\n' }, 'direct push', { author: BOT, committer: BOT });
    const event = join(tempDir(), 'event.json');
    writeFileSync(event, JSON.stringify({ ref: 'refs/heads/main', before, after: direct }));
    const findings = await check(dir, { GITHUB_EVENT_PATH: event });
    expect(findings.map((f) => [f.rule, f.message.slice(0, 14)])).toEqual([
      ['BR001', `Commit ${direct.slice(0, 7)}`],
    ]);
  });

  it('BR002 and BR003 from branches made with git', async () => {
    const dir = initRepo();
    commit(dir, { 'backend/requirements.txt': 'a==1\n' }, 'init');
    git(dir, ['checkout', '-q', '-b', 'feature/human']);
    commit(dir, { 'x.py': 'x\n' }, 'agent work', { author: BOT, committer: BOT });
    expect((await check(dir)).map((f) => f.rule)).toEqual(['BR002']);
    git(dir, ['checkout', '-q', '-b', 'auto/feature', 'main']);
    commit(dir, { 'backend/requirements.txt': 'a==2\n' }, 'bump a', { author: BOT, committer: BOT });
    expect((await check(dir)).map((f) => f.rule)).toEqual(['BR003']);
    git(dir, ['branch', '-q', '-m', 'auto/dependency-upgrade-20260122-001']);
    expect(await check(dir)).toEqual([]);
  });
});
