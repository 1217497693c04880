import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, DeployFixture } from './helpers/deploy-repo.js';

const DEPENDENCIES = `dependencies:
  requirements: requirements.txt
  lock: requirements.lock
  mode: mirror
`;

/**
 * Production's guard runs on the shipped SHA's files, but under the policy of the checkout that
 * deploys (whose deploy: section is in use): a commit that weakens the slipway.yaml it carries
 * must not pass its own guard that way.
 */
describe("promote's guard applies the deploying checkout's policy", () => {
  let f: DeployFixture;
  let policy = '';
  beforeAll(async () => {
    f = await new DeployFixture().start();
    policy = `${DEPENDENCIES}${readFileSync(join(f.repo.dir, 'slipway.yaml'), 'utf8')}`;
    f.repo.write({
      'slipway.yaml': policy,
      'requirements.txt': 'requests==2.31.0\n',
      'requirements.lock': 'requests==2.31.0\n',
    });
    f.repo.commit('pinned requirements, checked');
    await f.ship();
  });
  afterAll(() => f.dispose());

  it('a commit that drops the dependencies section and unpins a requirement is refused', async () => {
    const weakened = policy.replace(DEPENDENCIES, '');
    f.repo.write({ 'slipway.yaml': weakened, 'requirements.txt': 'requests>=2\n' });
    const sneaky = f.repo.commit('loosen requests (and the policy that would catch it)');
    expect((await f.cli('promote', sneaky, '--env', 'staging')).code).toBe(0);
    // The deploying checkout keeps the policy that governs production.
    f.repo.write({ 'slipway.yaml': policy });
    const dry = await f.cli('promote', sneaky, '--env', 'production', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/FAIL guard: DEP001 requirements\.txt:1 /);
    const r = await f.cli('promote', sneaky, '--env', 'production', ...APPROVE);
    expect(r.code).toBe(1);
    expect(f.record()?.last_good_sha).not.toBe(sneaky);
  });

  it("near miss: the same commit passes when the deploying checkout's policy allows it", async () => {
    const sha = f.repo.git('rev-parse', 'HEAD').trim();
    f.repo.write({ 'slipway.yaml': policy.replace(DEPENDENCIES, '') });
    const dry = await f.cli('promote', sha, '--env', 'production', '--dry-run');
    expect(dry.stdout).toContain('ok   guard: passes on this tree');
    expect(dry.code).toBe(0);
    f.repo.write({ 'slipway.yaml': policy });
  });

  it('a shipped commit without any slipway.yaml is guarded by the checkout policy, no temp path leaks', async () => {
    // On a branch of its own: main keeps the policy its deploy settings are read from.
    f.repo.git('checkout', '-q', '-b', 'no-policy');
    f.repo.remove('slipway.yaml');
    f.repo.write({ 'requirements.txt': 'requests==2.31.0\n' });
    const bare = f.repo.commit('no policy in this commit');
    expect((await f.cli('promote', bare, '--env', 'staging', '--dry-run')).code).not.toBe(0);
    f.repo.git('checkout', '-q', 'main');
    f.repo.write({ 'slipway.yaml': policy });
    const dry = await f.cli(
      'promote',
      bare,
      '--env',
      'production',
      '--skip-staging',
      '--reason',
      'x',
      '--dry-run',
    );
    expect(dry.stdout).not.toMatch(/slipway-guard-/);
    expect(dry.stdout).toContain('ok   guard: passes on this tree');
  });
});
