import { readChangeSet, openRepo } from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migration } from '../../migrations/mig-source.js';
import { cleanup, commit, git, initRepo } from '../../node/git-fixture.js';
import { DEFAULT_POLICY, findingKeys, policyDoc, ready } from './mig-test-helpers.js';
import { migrationFamily } from '@slipway/policy-core';

beforeAll(ready);
afterAll(cleanup);

const V = 'alembic/versions';

/** main: base ← a. A branch made from main adds `b`, but parents it on `base` (a stale copy). */
async function scenario(bDown: string) {
  const dir = initRepo();
  commit(dir, { 'slipway.yaml': DEFAULT_POLICY, [`${V}/0000_base.py`]: migration('0000', null) }, 'base');
  commit(dir, { [`${V}/000a_a.py`]: migration('000a', '0000') }, 'a');
  git(dir, ['checkout', '-q', '-b', 'feature']);
  commit(dir, { [`${V}/000b_b.py`]: migration('000b', bDown) }, 'b');
  const change = await readChangeSet({
    repo: dir,
    base: 'main',
    head: 'feature',
    productionBranch: 'main',
    env: {},
  });
  const repo = await openRepo(dir);
  const policy = policyDoc(DEFAULT_POLICY);
  return migrationFamily.check({ policy, repo, change, now: new Date(0), env: {} });
}

describe('MIG105 (real git, --base)', () => {
  it('flags a new revision parented on an old revision, and MIG100 defers to it', async () => {
    const { findings } = await scenario('0000');
    expect(findingKeys(findings, new Set(['MIG100', 'MIG105']))).toEqual([`${V}/000b_b.py:10:MIG105`]);
    expect(findings.find((f) => f.rule === 'MIG105')?.message).toContain("base branch's head is 000a");
  });

  it('is silent for a new revision parented on the base head', async () => {
    const { findings } = await scenario('000a');
    expect(findingKeys(findings, new Set(['MIG100', 'MIG105']))).toEqual([]);
  });

  it('without a change set, the same history is MIG100', async () => {
    const dir = initRepo();
    commit(
      dir,
      {
        [`${V}/0000_base.py`]: migration('0000', null),
        [`${V}/000a_a.py`]: migration('000a', '0000'),
        [`${V}/000b_b.py`]: migration('000b', '0000'),
      },
      'all',
    );
    const repo = await openRepo(dir);
    const { findings } = migrationFamily.check({
      policy: policyDoc(DEFAULT_POLICY),
      repo,
      now: new Date(0),
      env: {},
    });
    expect(findingKeys(findings, new Set(['MIG100', 'MIG105']))).toEqual([
      `${V}/000a_a.py:9:MIG100`,
      `${V}/000b_b.py:9:MIG100`,
    ]);
  });
});
