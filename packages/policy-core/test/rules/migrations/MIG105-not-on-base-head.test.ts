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

async function checkFeature(dir: string) {
  const change = await readChangeSet({
    repo: dir,
    base: 'main',
    head: 'feature',
    productionBranch: 'main',
    env: {},
  });
  const repo = await openRepo(dir);
  return migrationFamily.check({
    policy: policyDoc(DEFAULT_POLICY),
    repo,
    change,
    now: new Date(0),
    env: {},
  });
}

/** main: 0001. feature forks and adds 0003 on 0001; main then adds 0002 on 0001 (the race). */
function raceRepo(mainAdds: Record<string, string | null>): string {
  const dir = initRepo();
  commit(dir, { 'slipway.yaml': DEFAULT_POLICY, [`${V}/0001_a.py`]: migration('0001', null) }, 'one');
  git(dir, ['checkout', '-q', '-b', 'feature']);
  commit(dir, { [`${V}/0003_c.py`]: migration('0003', '0001') }, 'three');
  git(dir, ['checkout', '-q', 'main']);
  commit(dir, mainAdds, 'main moves on');
  git(dir, ['checkout', '-q', 'feature']);
  return dir;
}

describe('MIG105 against the base branch tip (real git)', () => {
  it("flags a revision parented on the fork point's head after the base branch gained 0002", async () => {
    const { findings } = await checkFeature(raceRepo({ [`${V}/0002_b.py`]: migration('0002', '0001') }));
    expect(findingKeys(findings, new Set(['MIG100', 'MIG105']))).toEqual([`${V}/0003_c.py:10:MIG105`]);
    expect(findings.find((f) => f.rule === 'MIG105')?.message).toContain("base branch's head is 0002");
  });

  it("reads several of the base branch's new files and names its current head", async () => {
    const { findings } = await checkFeature(
      raceRepo({
        [`${V}/0002_b.py`]: migration('0002', '0001'),
        [`${V}/0004_d.py`]: migration('0004', '0002'),
      }),
    );
    expect(findingKeys(findings, new Set(['MIG100', 'MIG105']))).toEqual([`${V}/0003_c.py:10:MIG105`]);
    expect(findings.find((f) => f.rule === 'MIG105')?.message).toContain("base branch's head is 0004");
  });

  it('is silent when the base branch moved on without new migrations', async () => {
    const { findings } = await checkFeature(raceRepo({ 'README.md': 'x\n' }));
    expect(findingKeys(findings, new Set(['MIG100', 'MIG105']))).toEqual([]);
  });

  /** main at 0001 → 0002; a `feature` branch off it that commits `files`. */
  function mainAt0002With(files: Record<string, string>): string {
    const dir = initRepo();
    commit(
      dir,
      {
        'slipway.yaml': DEFAULT_POLICY,
        [`${V}/0001_a.py`]: migration('0001', null),
        [`${V}/0002_b.py`]: migration('0002', '0001'),
      },
      'one two',
    );
    git(dir, ['checkout', '-q', '-b', 'feature']);
    commit(dir, files, 'the change');
    return dir;
  }

  it('is silent when the change adds a merge revision of the base head and its new revision', async () => {
    const dir = mainAt0002With({
      [`${V}/0003_c.py`]: migration('0003', '0001'),
      [`${V}/0004_m.py`]: migration('0004', ['0002', '0003']),
    });
    const { findings } = await checkFeature(dir);
    expect(findingKeys(findings, new Set(['MIG100', 'MIG105']))).toEqual([]);
  });

  it('still flags when the merge revision joins something other than the base head', async () => {
    const dir = mainAt0002With({
      [`${V}/0003_c.py`]: migration('0003', '0001'),
      [`${V}/0005_d.py`]: migration('0005', '0001'),
      [`${V}/0004_m.py`]: migration('0004', ['0003', '0005']),
    });
    const { findings } = await checkFeature(dir);
    expect(findingKeys(findings, new Set(['MIG105']))).toEqual([
      `${V}/0003_c.py:10:MIG105`,
      `${V}/0005_d.py:10:MIG105`,
    ]);
  });
});

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
