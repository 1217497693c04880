import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployFixture } from './helpers/deploy-repo.js';

const LOG = 'infrastructure/deploy-audit.jsonl';
// biome-ignore lint/suspicious/noTemplateCurlyInString: the staging URL as the policy writes it
const AS_WRITTEN = '${STAGING_URL}';

/**
 * `slipway watch --env staging`: the CLI against a real repository, the real deploy script and
 * a real staging health server on 127.0.0.1. Staging is not rolled back: a failure is logged
 * once (HEALTH_FAILED, the SHA staging runs) and committed, and a production promote of that SHA
 * refuses it until it is verified on staging again.
 */
describe('slipway watch --env staging', () => {
  let f: DeployFixture;
  let shaA = '';
  const cli = (...args: string[]) => f.cli(...args);
  const healthFailed = () => f.auditLines().filter((e) => e.event === 'HEALTH_FAILED');

  beforeAll(async () => {
    f = await new DeployFixture().start();
  });
  afterAll(() => f.dispose());

  it('nothing recorded on staging: refused (exit 2) with what to do, nothing logged', async () => {
    const r = await cli('watch', '--env', 'staging', '--once', '--failures', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `nothing is recorded as running on staging (no succeeded promote to it in ${LOG}), so a failure would name no SHA; promote to staging first`,
    );
    expect(f.read(LOG)).toBeUndefined();
  });

  it('healthy, or failing fewer times than --failures, or a dry run: nothing is logged', async () => {
    shaA = await f.ship('staging');
    const lines = f.auditLines().length;
    const healthy = await cli('watch', '--env', 'staging', '--once', '--failures', '1');
    expect(healthy.code, healthy.stderr).toBe(0);
    expect(healthy.stdout).toContain('staging stayed healthy');
    f.staging.badShas.add(shaA);
    const below = await cli('watch', '--env', 'staging', '--once', '--failures', '2');
    expect(below.code).toBe(1);
    expect(below.stdout).toContain('failure 1/2');
    const dry = await cli('watch', '--env', 'staging', '--once', '--failures', '1', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain(
      `dry run: would log HEALTH_FAILED for staging running ${shaA.slice(0, 12)} now`,
    );
    expect(f.auditLines().length).toBe(lines);
    f.staging.badShas.delete(shaA);
  });

  it('failing --failures times: HEALTH_FAILED logged, sealed and committed; nothing deployed or rolled back', async () => {
    const requests = f.requests().length;
    f.staging.badShas.add(shaA);
    try {
      const r = await cli('watch', '--env', 'staging', '--interval', '50ms', '--failures', '2', '--commit');
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).toContain('logging the failure (HEALTH_FAILED) after 2 consecutive failures');
      expect(r.stdout).toContain(
        `logged as HEALTH_FAILED, so a promote that needs ${shaA.slice(0, 12)}'s verification on staging refuses it`,
      );
    } finally {
      f.staging.badShas.delete(shaA);
    }
    const [logged, ...more] = healthFailed();
    expect(more).toEqual([]);
    expect(logged).toMatchObject({ environment: 'staging', from: null, to: shaA, outcome: 'failed' });
    expect(logged?.reason).toMatch(/^watch: 2 consecutive failed health polls \(/);
    // The URLs as the policy writes them: the log never holds an expanded variable (a secret).
    expect(logged?.details).toEqual([
      `health ${AS_WRITTEN}/api/health/: failed, HTTP 503`,
      `health ${AS_WRITTEN}/api/health/db: failed, HTTP 503`,
    ]);
    expect(f.requests().length).toBe(requests);
    // Committed with the flow's trailer: nothing left in the working tree.
    expect(f.repo.git('status', '--porcelain')).toBe('');
    expect(f.repo.git('log', '-1', '--format=%s%n%b')).toContain(
      `slipway: health of staging failed on ${shaA.slice(0, 12)}\nSlipway-Event: HEALTH_FAILED staging ${shaA}\n`,
    );
  });

  it('production refuses the SHA staging failed on (no min_soak needed); verified again, it ships', async () => {
    const plan = await cli('promote', '--env', 'production', '--dry-run');
    expect(plan.code).toBe(1);
    expect(plan.stdout).toMatch(
      new RegExp(
        `FAIL staging health: staging's health checks failed on ${shaA.slice(0, 12)} at \\S+, 0m after its verification \\(logged by slipway watch --env staging: health \\$\\{STAGING_URL\\}/api/health/: failed, HTTP 503; `,
      ),
    );
    const refused = await cli('promote', '--env', 'production', '--yes', '--approved-by', 'Ada Approver');
    expect(refused.code).toBe(1);
    expect(f.requests().some((x) => x.startsWith('deploy production'))).toBe(false);
    // Near miss: verified again on a healthy staging, the failure is history.
    await f.ship('production');
    expect(f.record()?.last_good_sha).toBe(shaA);
  });

  it('a failure logged for another SHA does not refuse this one', async () => {
    const shaB = await f.release('v2', 'staging');
    f.staging.badShas.add(shaB);
    try {
      expect((await cli('watch', '--env', 'staging', '--once', '--failures', '1')).code).toBe(1);
    } finally {
      f.staging.badShas.delete(shaB);
    }
    expect(healthFailed().map((e) => e.to)).toEqual([shaA, shaB]);
    const shaC = await f.release('v3', 'staging');
    const plan = await cli('promote', '--env', 'production', '--dry-run');
    expect(plan.code, plan.stdout).toBe(0);
    expect(plan.stdout).not.toContain('staging health');
    expect(plan.stdout).toContain(shaC.slice(0, 12));
  });
});
