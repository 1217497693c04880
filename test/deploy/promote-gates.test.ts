import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, DeployFixture } from './helpers/deploy-repo.js';
import { runCli, runCliProcess } from './helpers/run-cli.js';

// An environment that neither deploys nor checks anything.
const EXTRA = `    nothing:
      url: "\${STAGING_URL}"
`;

/**
 * Promote's gates where they are easiest to slip past: a staging verification that later failed on the same SHA, a CI
 * checkout with only origin/main, a skipped staging that the log did not show, a failed
 * redeploy of the very SHA production ran, and an environment that verifies nothing.
 */
describe('promote gates', () => {
  let f: DeployFixture;
  let v1 = '';
  const cli = (...args: string[]) => f.cli(...args);
  const entries = () => f.auditLines();

  beforeAll(async () => {
    f = await new DeployFixture('', EXTRA).start();
    v1 = await f.ship();
  });
  afterAll(() => f.dispose());

  it('the latest staging outcome for the SHA decides: a later failure withdraws the verification', async () => {
    const v2 = await f.release('v2', 'staging');
    expect((await cli('promote', v2, '--env', 'production', '--dry-run')).code).toBe(0);
    f.staging.modes.set('/api/health/db', 'failing');
    expect((await cli('promote', v2, '--env', 'staging')).code).toBe(1);
    const dry = await cli('promote', v2, '--env', 'production', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(
      new RegExp(
        `FAIL verified on staging: the latest staging verification of ${v2.slice(0, 12)} failed \\(`,
      ),
    );
    f.staging.modes.delete('/api/health/db');
    expect((await cli('promote', v2, '--env', 'staging')).code).toBe(0);
    const again = await cli('promote', v2, '--env', 'production', '--dry-run');
    expect(again.stdout).toContain(`ok   verified on staging: staging verified ${v2.slice(0, 12)}`);
    expect(again.code).toBe(0);
    // Back to v1's state for the tests below.
    f.repo.git('checkout', '-q', v1, '--', 'app.txt');
  });

  it('a checkout with origin/main but no local main still knows the production branch', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'slipway-ci-clone-'));
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: clone, encoding: 'utf8' });
      git('clone', '-q', f.repo.dir, '.');
      git('checkout', '-q', '--detach', 'origin/main');
      git('branch', '-D', 'main');
      const r = await runCli(
        ['promote', v1, '--env', 'production', '--skip-staging', '--reason', 'ci clone', '--dry-run'],
        { cwd: clone, env: f.env },
      );
      expect(r.stdout).toContain(`ok   on branch: ${v1.slice(0, 12)} is on origin/main`);
      // The head of origin/main, which the deploy settings were just read from, is on it: its
      // merge-base is not asked (SLIPWAY_TRACE_GIT names each git process). Near miss: once
      // origin/main has moved on, the same SHA is asked.
      const head = git('rev-parse', 'origin/main').trim();
      const onBranchAsked = `git merge-base --is-ancestor ${head} refs/remotes/origin/main^{commit}`;
      const traced = () =>
        runCliProcess(
          ['promote', head, '--env', 'production', '--skip-staging', '--reason', 'ci clone', '--dry-run'],
          { cwd: clone, env: { ...f.env, SLIPWAY_TRACE_GIT: '1' } },
        );
      const atHead = await traced();
      expect(atHead.stdout).toContain(`ok   on branch: ${head.slice(0, 12)} is on origin/main`);
      expect(atHead.stderr).toContain('git var -l'); // the trace is on
      expect(atHead.stderr).not.toContain(onBranchAsked);
      const next = git(
        '-c',
        'user.name=ci',
        '-c',
        'user.email=ci@example.com',
        'commit-tree',
        `${head}^{tree}`,
        '-p',
        head,
        '-m',
        'next',
      ).trim();
      git('update-ref', 'refs/remotes/origin/main', next);
      const below = await traced();
      expect(below.stdout).toContain(`ok   on branch: ${head.slice(0, 12)} is on origin/main`);
      expect(below.stderr).toContain(onBranchAsked);
      git('update-ref', '-d', 'refs/remotes/origin/main');
      const none = await runCli(
        ['promote', v1, '--env', 'production', '--skip-staging', '--reason', 'ci clone', '--dry-run'],
        { cwd: clone, env: f.env },
      );
      // Without the production branch its deploy settings cannot be read either: promote stops
      // there, before any check, with one line saying what to fetch (exit 2, nothing run).
      expect(none.code).toBe(2);
      expect(none.stdout).toBe('');
      expect(none.stderr).toContain(
        'the production branch main (production_branch, slipway.yaml:2) is neither a branch here nor origin/main, so the deploy settings cannot be read from it; nothing was run or written: fetch it (git fetch origin main)',
      );
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('a promote that skipped staging says so in its audit entries, not only in its reason', async () => {
    const v3 = await f.release('v3', 'commit');
    const r = await cli(
      'promote',
      v3,
      '--env',
      'production',
      '--skip-staging',
      '--reason',
      'hotfix',
      ...APPROVE,
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const [started, done] = entries().slice(-2) as { outcome: string; details?: string[] }[];
    expect(started?.outcome).toBe('started');
    expect(started?.details).toEqual(['staging skipped (--skip-staging): hotfix']);
    expect(done?.details?.[0]).toBe('staging skipped (--skip-staging): hotfix');
    expect((await cli('history', '--limit', '1')).stdout).toContain(
      'staging skipped (--skip-staging): hotfix',
    );
  });

  it('a redeploy of the SHA production already ran that fails its smoke checks is not "rolled back" to itself', async () => {
    const current = f.record()?.last_good_sha as string;
    const requests = f.requests().length;
    f.prod.modes.set('/health', 'failing');
    const r = await cli(
      'promote',
      current,
      '--env',
      'production',
      '--skip-staging',
      '--reason',
      'redeploy',
      ...APPROVE,
    );
    f.prod.modes.delete('/health');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`production already ran ${current.slice(0, 12)} before this deploy`);
    expect(f.requests().slice(requests)).toEqual([`deploy production ${current}`]);
    expect(entries().at(-1)).toMatchObject({ event: 'PROMOTE', outcome: 'failed' });
    expect(entries().some((e) => e.event === 'SYSTEM_CORRECTION_EVENT')).toBe(false);
  });

  it('an environment with no deploy command and no health checks verifies nothing, so it is refused', async () => {
    const r = await cli('promote', '--env', 'nothing');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /FAIL health checks: slipway\.yaml:\d+: nothing has no health checks, so nothing would verify anything; add health: paths/,
    );
    expect(entries().at(-1)).toMatchObject({
      event: 'GUARD_FAILED',
      environment: 'nothing',
      outcome: 'refused',
    });
  });
});
