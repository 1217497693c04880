import { planPromote, promote } from '@slipway/policy-core/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeployFixture, flowOptions, Recorder } from './flow-fixture.js';

// The flows called directly, as the language server calls them: a real repository, the real
// deploy script, real health servers on 127.0.0.1, callbacks instead of a terminal.
describe('promote and planPromote (the deploy layer)', () => {
  let f: DeployFixture;
  beforeEach(async () => {
    f = await new DeployFixture().start();
  });
  afterEach(() => f.dispose());

  it('verifies on staging, streaming the deploy output as progress, without asking anyone', async () => {
    const sha = f.repo.git('rev-parse', 'HEAD').trim();
    const r = new Recorder();
    const result = await promote({ ...(await flowOptions(f)), environment: 'staging' }, r.callbacks());
    expect(result).toMatchObject({ outcome: 'deployed', sha, env: 'staging', recordChanged: false });
    expect(result.message).toBe(`staging verified ${sha.slice(0, 12)}: ready to promote`);
    expect(r.asked).toEqual([]);
    const output = r.events.filter((e) => e.output);
    expect(output).toContainEqual({
      step: 'deploy',
      message: `  [staging] deployed ${sha} to staging`,
      output: { stream: 'stdout', chunk: `deployed ${sha} to staging` },
    });
    expect(r.events.some((e) => e.step === 'health' && e.message.includes('/api/health/'))).toBe(true);
    expect(result.auditEntries.map((e) => [e.event, e.outcome])).toEqual([
      ['STAGING_VERIFIED', 'started'],
      ['STAGING_VERIFIED', 'succeeded'],
    ]);
    expect(result.steps.filter((s) => s.step === 'health').every((s) => s.ok)).toBe(true);
  });

  it('plans production without writing: staging verified, not pinned, approval with the short SHA', async () => {
    const opts = await flowOptions(f);
    const sha = f.repo.git('rev-parse', 'HEAD').trim();
    await promote({ ...opts, environment: 'staging' }, {});
    const log = f.read('infrastructure/deploy-audit.jsonl');
    const plan = await planPromote({ ...opts, environment: 'production' });
    expect(plan).toMatchObject({
      environment: 'production',
      isProduction: true,
      sha,
      shortSha: sha.slice(0, 7),
      current: null,
      pinned: null,
      approval: { required: true, expect: sha.slice(0, 7) },
      wouldProceed: true,
    });
    expect(plan.staging).toMatchObject({ name: 'verified on staging', ok: true });
    expect(plan.guard).toMatchObject({ blocked: false, steps: ['check'] });
    expect(plan.checks.map((c) => c.name)).toContain('guard');
    // Nothing written: the log is as the staging run left it, and no record exists.
    expect(f.read('infrastructure/deploy-audit.jsonl')).toBe(log);
    expect(f.record()).toBeUndefined();
  });

  it('asks approve for the short SHA, then deploys production and writes the record', async () => {
    const opts = await flowOptions(f);
    const sha = f.repo.git('rev-parse', 'HEAD').trim();
    await promote({ ...opts, environment: 'staging' }, {});
    const r = new Recorder();
    const result = await promote({ ...opts, environment: 'production' }, r.callbacks());
    expect(r.asked).toEqual([
      {
        action: 'promote',
        what: `promote ${sha.slice(0, 12)} to production`,
        environment: 'production',
        sha,
        expect: sha.slice(0, 7),
      },
    ]);
    expect(result).toMatchObject({ outcome: 'deployed', sha, recordChanged: true });
    expect(result.record).toMatchObject({
      last_good_sha: sha,
      actor: { name: 'Ada Approver', kind: 'human' },
    });
    expect(f.record()).toMatchObject({ last_good_sha: sha });
    expect(result.steps).toContainEqual({
      step: 'approval',
      name: 'approval',
      ok: true,
      detail: 'approved by Ada Approver',
    });
  });

  it('an approval typed wrong is refused and logged, and nothing is deployed to production', async () => {
    const opts = await flowOptions(f);
    const sha = f.repo.git('rev-parse', 'HEAD').trim();
    await promote({ ...opts, environment: 'staging' }, {});
    const r = new Recorder(() => ({ approved: true, typed: 'abcdef0' }));
    const result = await promote({ ...opts, environment: 'production' }, r.callbacks());
    expect(result.outcome).toBe('refused');
    expect(result.error?.code).toBe('not-approved');
    expect(result.error?.message).toBe(
      `not approved (expected ${sha.slice(0, 7)}, "abcdef0" was typed); nothing was deployed.`,
    );
    expect(f.requests()).toEqual([`deploy staging ${sha}`]);
    expect(f.record()).toBeUndefined();
    expect(result.auditEntries).toHaveLength(1);
    expect(result.auditEntries[0]).toMatchObject({ event: 'PROMOTE', outcome: 'refused' });
  });

  it('without an approve callback or a named approver, production is refused before the lock', async () => {
    const opts = await flowOptions(f);
    await promote({ ...opts, environment: 'staging' }, {});
    const before = f.read('infrastructure/deploy-audit.jsonl');
    const result = await promote({ ...opts, environment: 'production' }, {});
    expect(result.outcome).toBe('refused');
    expect(result.error?.code).toBe('approval-unavailable');
    expect(f.read('infrastructure/deploy-audit.jsonl')).toBe(before);
  });

  it('an unhealthy or missing health endpoint fails the staging verification', async () => {
    const opts = await flowOptions(f);
    f.staging.modes.set('/api/health/db', 'failing');
    const failed = await promote({ ...opts, environment: 'staging' }, {});
    expect(failed.outcome).toBe('failed');
    expect(failed.steps).toContainEqual(
      expect.objectContaining({ step: 'health', ok: false, detail: 'HTTP 503' }),
    );
    expect(failed.auditEntries.at(-1)).toMatchObject({ event: 'STAGING_VERIFIED', outcome: 'failed' });
    // A stand-in that is not there at all: connection refused, one clear detail.
    await f.staging.stop();
    const missing = await promote({ ...opts, environment: 'staging' }, {});
    expect(missing.outcome).toBe('failed');
    expect(missing.steps.filter((s) => s.step === 'health').map((s) => s.detail)).toEqual([
      'connection refused',
      'connection refused',
    ]);
  });
});
