import { rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployFixture, policyYaml } from './helpers/deploy-repo.js';
import { runCli } from './helpers/run-cli.js';

/**
 * Production's rollback restarts the service: the command returns at once and the service
 * answers healthy only 400 ms later, the way a real restart does. Only the policy's health
 * retries and backoff see it come up.
 */
const SLOW_ROLLBACK = `#!/bin/sh
echo "$SLIPWAY_ACTION $SLIPWAY_ENV $SLIPWAY_SHA" >> "$DEPLOY_STATE/requests.log"
if [ -n "$DEPLOY_FAIL" ]; then echo "rollback failed on purpose" >&2; exit 3; fi
( sleep 0.4; printf '%s\\n' "$SLIPWAY_SHA" > "$DEPLOY_STATE/$SLIPWAY_ENV.current" ) >/dev/null 2>&1 &
`;

describe('watch tells the truth about how it ended', () => {
  let f: DeployFixture;
  let shaA = '';
  let shaB = '';
  const lock = () => join(f.repo.dir, '.git', 'slipway-deploy.lock');

  beforeAll(async () => {
    f = new DeployFixture();
    const policy = policyYaml().replace(
      '      health_retries: 1\n      health_backoff_ms: 20\n      health_timeout_ms: 5000\n      deploy_timeout_s: 20\n      approval: required',
      '      rollback: [sh, infrastructure/scripts/slow-rollback.sh]\n      health_retries: 4\n      health_backoff_ms: 100\n      health_timeout_ms: 5000\n      deploy_timeout_s: 20\n      approval: required',
    );
    expect(policy).toContain('slow-rollback');
    f.repo.write({ 'slipway.yaml': policy, 'infrastructure/scripts/slow-rollback.sh': SLOW_ROLLBACK });
    f.repo.commit('slow rollback');
    await f.start();
    shaA = await f.ship();
    shaB = await f.release('v2');
    f.prod.badShas.add(shaB);
  });
  afterAll(() => f.dispose());

  it('failed polls ignored while a deploy held the lock are reported, not called healthy', async () => {
    // This test process stands in for a running promote: a live pid on this host.
    writeFileSync(
      lock(),
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        started_at: new Date().toISOString(),
        command: 'p',
      }),
    );
    try {
      // Long enough for a first poll on a loaded machine (the first fetch loads its client);
      // with the lock held no poll counts, so a longer run cannot roll back.
      const r = await f.cli('watch', '--interval', '100ms', '--failures', '2', '--for', '2s');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toContain('stayed healthy');
      expect(r.stdout).toMatch(
        /watch: \d+ poll\(s\) of production failed but were not counted because a deploy held the lock/,
      );
    } finally {
      rmSync(lock(), { force: true });
    }
  });

  it('a failed rollback does not claim a pin it never wrote', async () => {
    const r = await runCli(['watch', '--interval', '100ms', '--failures', '2', '--for', '30s'], {
      cwd: f.repo.dir,
      env: { ...f.env, DEPLOY_FAIL: '1' },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('the rollback FAILED');
    expect(r.stdout).not.toContain('pinned until');
    expect(r.stdout).toContain(
      `Nothing was pinned: infrastructure/LAST_PROD_DEPLOY.json still names ${shaB.slice(0, 12)}`,
    );
    expect(f.record()).toMatchObject({ last_good_sha: shaB });
    expect(f.record()?.pinned).not.toBe(true);
  });

  it("the rollback's health checks use the policy's retries and backoff, not the polls' none", async () => {
    const r = await f.cli('watch', '--interval', '100ms', '--failures', '2', '--for', '30s');
    expect(r.stdout).toMatch(
      /production was rolled back once successfully; stopping with exit 1 .*, pinned until/,
    );
    expect(r.code, r.stdout).toBe(1);
    expect(f.record()).toMatchObject({ last_good_sha: shaA, pinned: true, rolled_back_from: shaB });
  });
});
