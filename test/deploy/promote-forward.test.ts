import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, type DeployFixture } from './helpers/deploy-repo.js';
import { shipped } from './helpers/prepared-fixture.js';

/**
 * A promote moves production forward. Two agent branches verified in parallel: promoting the
 * second after the first would silently take the first back out of production. And a SHA that
 * production was rolled back from needs a staging verification newer than that rollback.
 */
describe('promote only moves production forward', () => {
  let f: DeployFixture;
  let v1 = '';
  let feature1 = '';
  let feature2 = '';
  const git = (...args: string[]) => f.repo.git(...args).trim();

  beforeAll(async () => {
    ({ f, v1 } = await shipped());
    for (const name of ['feature-1', 'feature-2']) {
      git('checkout', '-q', '-b', `auto/${name}`, v1);
      f.repo.write({ [`${name}.txt`]: `${name}\n` });
      f.repo.commit(name);
    }
    feature1 = git('rev-parse', 'auto/feature-1');
    feature2 = git('rev-parse', 'auto/feature-2');
    git('checkout', '-q', 'main');
    git('merge', '-q', '--no-ff', '-m', 'merge feature-1', 'auto/feature-1');
    git('merge', '-q', '--no-ff', '-m', 'merge feature-2', 'auto/feature-2');
    for (const sha of [feature1, feature2])
      expect((await f.cli('promote', sha, '--env', 'staging')).code).toBe(0);
  });
  afterAll(() => f.dispose());

  it('refuses a SHA that does not contain what production runs', async () => {
    expect((await f.cli('promote', feature1, '--env', 'production', ...APPROVE)).code).toBe(0);
    const r = await f.cli('promote', feature2, '--env', 'production', ...APPROVE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `FAIL contains production: ${feature2.slice(0, 12)} does not contain ${feature1.slice(0, 12)}, which production runs: promoting it would take 1 commit back out of production`,
    );
    expect(f.record()?.last_good_sha).toBe(feature1);
  });

  it('near miss: the merge commit that contains both goes through', async () => {
    const merged = git('rev-parse', 'HEAD');
    expect((await f.cli('promote', merged, '--env', 'staging')).code).toBe(0);
    const r = await f.cli('promote', merged, '--env', 'production', ...APPROVE);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(
      `ok   contains production: ${merged.slice(0, 12)} contains ${feature1.slice(0, 12)}`,
    );
  });

  it('a SHA production was rolled back from: the plan says its staging verification predates that', async () => {
    const merged = git('rev-parse', 'HEAD');
    expect((await f.cli('rollback', '--reason', 'checkout broken', ...APPROVE)).code).toBe(0);
    expect((await f.cli('unpin', '--reason', 'fixed the payment provider', ...APPROVE)).code).toBe(0);
    const dry = await f.cli('promote', merged, '--env', 'production', '--dry-run');
    expect(dry.stdout).toMatch(
      new RegExp(
        `ok   verified on staging: staging verified ${merged.slice(0, 12)} at .*, BEFORE production was rolled back from it at .* \\(checkout broken\\)`,
      ),
    );
    expect((await f.cli('promote', merged, '--env', 'staging')).code).toBe(0);
    const again = await f.cli('promote', merged, '--env', 'production', '--dry-run');
    expect(again.stdout).toContain(`ok   verified on staging: staging verified ${merged.slice(0, 12)}\n`);
    expect(again.code).toBe(0);
  });
});
