import { parsePolicyText } from '@slipway/policy-core';
import {
  appendEvent,
  judgeDeployment,
  type OperationOptions,
  planPromote,
  promote,
  readDeployState,
  sealHead,
} from '@slipway/policy-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyYaml } from '../../../../../test/deploy/helpers/deploy-repo.js';
import { DEV, DeployFixture, flowOptions } from './flow-fixture.js';

const MINUTE = 60_000;
const SOAK = '      approval: required\n      min_soak: 30m\n';
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The soak (min_soak on production): the flows called directly on a fixed clock (every step's
 * time injected, three hours back so nothing lies in the future), a real repository, the real
 * deploy script and real health servers on 127.0.0.1. Too early is refused with when the soak
 * ends; at its end staging's health checks run once more; another SHA on staging cuts it short;
 * a failed health poll of the SHA logged on staging refuses it until it is verified again.
 */
describe('min_soak', () => {
  let f: DeployFixture;
  let opts: OperationOptions;
  let sha: string;
  const T0 = Math.floor((Date.now() - 3 * 60 * MINUTE) / MINUTE) * MINUTE;
  const at = (minutes: number) => () => new Date(T0 + minutes * MINUTE);
  const soakOf = (checks: { name: string; ok: boolean; detail: string }[]) =>
    checks.filter((c) => c.name.startsWith('soak')).map((c) => [c.name, c.ok, c.detail]);

  beforeAll(async () => {
    f = await new DeployFixture().start();
    f.repo.write({ 'slipway.yaml': policyYaml().replace('      approval: required\n', SOAK) });
    sha = f.repo.commit('soak 30m');
    opts = await flowOptions(f);
    expect((await promote({ ...opts, environment: 'staging', now: at(0), commit: true })).outcome).toBe(
      'deployed',
    );
  });
  afterAll(() => f.dispose());

  it('ten minutes in: the plan says the soak ends at T0+30m and would be refused', async () => {
    const plan = await planPromote({ ...opts, environment: 'production', now: at(10) });
    expect(soakOf(plan.checks)).toEqual([
      [
        'soak',
        false,
        `staging verified ${sha.slice(0, 12)} at ${iso(T0)}; its 30m soak (deploy.environments.production.min_soak) ends at ${iso(T0 + 30 * MINUTE)}, in 20m; promote then`,
      ],
    ]);
    expect(plan.wouldProceed).toBe(false);
  });

  it('near miss: at 30 minutes the soak is over, and the dry run says when staging is checked', async () => {
    const plan = await planPromote({ ...opts, environment: 'production', now: at(30) });
    expect(soakOf(plan.checks)).toEqual([
      [
        'soak',
        true,
        `${sha.slice(0, 12)} soaked on staging from ${iso(T0)} (30m, ended ${iso(T0 + 30 * MINUTE)}); no failed health poll of it is logged (slipway watch --env staging logs them)`,
      ],
      ['soak health', true, "staging's health checks run when the promote does (a dry run contacts nothing)"],
    ]);
    expect(plan.wouldProceed).toBe(true);
  });

  it("the gate's answer is a decision: at the soak's end it contacts staging, and an unhealthy staging rejects", async () => {
    const request = { environment: 'production', sha, repository: 'acme/app', callbackUrl: '' };
    f.staging.defaultMode = 'failing';
    try {
      const hits = f.staging.hits;
      const sick = await judgeDeployment(request, { ...opts, now: at(30) });
      expect(f.staging.hits).toBeGreaterThan(hits);
      expect(sick.review.state).toBe('rejected');
      expect(sick.review.comment).toMatch(
        /\n- soak health: staging's health checks fail at the end of the soak: /,
      );
    } finally {
      f.staging.defaultMode = 'healthy';
    }
    const well = await judgeDeployment(request, { ...opts, now: at(30) });
    expect(well.review.state).toBe('approved');
    expect(soakOf(well.plan?.checks ?? [])).toContainEqual([
      'soak health',
      true,
      "staging's health checks pass at the end of the soak",
    ]);
    // Near miss: the plan (a preview) still contacts nothing.
    const hits = f.staging.hits;
    await planPromote({ ...opts, environment: 'production', now: at(30) });
    expect(f.staging.hits).toBe(hits);
  });

  it("staging unhealthy at the soak's end: refused, nothing deployed; healthy again, the promote deploys", async () => {
    const before = f.requests().length;
    f.staging.defaultMode = 'failing';
    const approved = {
      ...opts,
      environment: 'production',
      yes: true,
      approvedBy: 'Ada Approver',
      commit: true,
    };
    const refused = await promote({ ...approved, now: at(31) });
    expect(refused.outcome).toBe('refused');
    const failed = refused.steps.find((s) => s.name === 'soak health');
    expect(failed?.ok).toBe(false);
    expect(failed?.detail).toMatch(/^staging's health checks fail at the end of the soak: .*\/api\/health\//);
    expect(f.requests().length).toBe(before);
    f.staging.defaultMode = 'healthy';
    const deployed = await promote({ ...approved, now: at(32) });
    expect(deployed.outcome).toBe('deployed');
    expect(deployed.steps.find((s) => s.name === 'soak health')?.detail).toBe(
      "staging's health checks pass at the end of the soak",
    );
    expect(f.requests().at(-1)).toBe(`deploy production ${sha}`);
  });

  it('another SHA on staging during the soak cuts it short; near miss: that SHA soaks in full', async () => {
    const second = await f.release('v2', 'commit');
    expect(
      (await promote({ ...opts, environment: 'staging', ref: second, now: at(40), commit: true })).outcome,
    ).toBe('deployed');
    const third = await f.release('v3', 'commit');
    expect(
      (await promote({ ...opts, environment: 'staging', ref: third, now: at(45), commit: true })).outcome,
    ).toBe('deployed');
    const cut = await planPromote({ ...opts, environment: 'production', ref: second, now: at(80) });
    expect(soakOf(cut.checks)).toEqual([
      [
        'soak',
        false,
        `staging ran ${third.slice(0, 12)} from ${iso(T0 + 45 * MINUTE)}, 5m into the 30m soak of ${second.slice(0, 12)} (deploy.environments.production.min_soak); verify ${second.slice(0, 12)} on staging again (slipway promote ${second.slice(0, 12)} --env staging) and let it soak`,
      ],
    ]);
    const full = await planPromote({ ...opts, environment: 'production', ref: third, now: at(80) });
    expect(soakOf(full.checks).map(([name, ok]) => [name, ok])).toEqual([
      ['soak', true],
      ['soak health', true],
    ]);
  });

  it('a failed health poll logged during the soak (HEALTH_FAILED, as slipway watch --env staging writes it) refuses the SHA until it is verified again', async () => {
    const fourth = await f.release('v4', 'commit');
    expect(
      (await promote({ ...opts, environment: 'staging', ref: fourth, now: at(100), commit: true })).outcome,
    ).toBe('deployed');
    const deploy = opts.policy.policy.deploy;
    if (!deploy) throw new Error('the fixture policy has a deploy section');
    const state = readDeployState(f.repo.dir, deploy);
    // Near miss first: a failure logged for another SHA, or refused, says nothing about this one.
    const logged = { environment: 'staging', actor: DEV, reason: 'watch: 1 consecutive failed health polls' };
    appendEvent(state, {
      ...logged,
      event: 'HEALTH_FAILED',
      time: iso(T0 + 105 * MINUTE),
      from: null,
      to: sha,
      outcome: 'failed',
    });
    appendEvent(state, {
      ...logged,
      event: 'HEALTH_FAILED',
      time: iso(T0 + 106 * MINUTE),
      from: null,
      to: fourth,
      outcome: 'refused',
    });
    // Sealed as the watch seals it (the record's audit_head names the log's last line).
    const seal = () => sealHead(state, state.log.lastHash);
    seal();
    const clean = await planPromote({ ...opts, environment: 'production', ref: fourth, now: at(131) });
    expect(soakOf(clean.checks).map(([name, ok]) => [name, ok])).toEqual([
      ['soak', true],
      ['soak health', true],
    ]);
    appendEvent(state, {
      ...logged,
      event: 'HEALTH_FAILED',
      time: iso(T0 + 110 * MINUTE),
      from: null,
      to: fourth,
      outcome: 'failed',
      details: ['health http://127.0.0.1:1/api/health/: failed, HTTP 503'],
    });
    seal();
    // After the soak's end too: the failure was logged since the verification.
    for (const minute of [115, 131]) {
      const plan = await planPromote({ ...opts, environment: 'production', ref: fourth, now: at(minute) });
      expect(soakOf(plan.checks)).toEqual([
        [
          'soak',
          false,
          `staging's health checks failed on ${fourth.slice(0, 12)} at ${iso(T0 + 110 * MINUTE)}, 10m after its verification (logged by slipway watch --env staging: health http://127.0.0.1:1/api/health/: failed, HTTP 503); find out why, then verify ${fourth.slice(0, 12)} on staging again (slipway promote ${fourth.slice(0, 12)} --env staging) and let it soak for 30m (deploy.environments.production.min_soak)`,
        ],
      ]);
      expect(plan.wouldProceed).toBe(false);
    }
    // Verified again: the failure precedes the new verification, and the new soak runs in full.
    expect(
      (await promote({ ...opts, environment: 'staging', ref: fourth, now: at(120), commit: true })).outcome,
    ).toBe('deployed');
    const again = await planPromote({ ...opts, environment: 'production', ref: fourth, now: at(150) });
    expect(soakOf(again.checks).map(([name, ok]) => [name, ok])).toEqual([
      ['soak', true],
      ['soak health', true],
    ]);
  });

  it('min_soak where nothing is verified first, or not a duration, is refused at its key', () => {
    const onStaging = policyYaml().replace(
      '      deploy_timeout_s: 20\n',
      '      deploy_timeout_s: 20\n      min_soak: 30m\n',
    );
    const messages = (text: string) => parsePolicyText(text).findings.map((x) => x.message);
    expect(messages(onStaging)).toEqual([
      expect.stringMatching(
        /"staging" requires no environment to verify a SHA first, so nothing soaks before it/,
      ),
    ]);
    expect(
      messages(
        policyYaml().replace(
          '      approval: required\n',
          '      approval: required\n      min_soak: half an hour\n',
        ),
      ),
    ).toEqual([expect.stringMatching(/"half an hour" is not a duration/)]);
  });
});
