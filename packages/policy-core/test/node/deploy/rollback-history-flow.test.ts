import { guard, history, planRollback, promote, rollback, unpin } from '@slipway/policy-core/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeployFixture, flowOptions, Recorder } from './flow-fixture.js';

const APPROVED = { yes: true, approvedBy: 'Ada Approver' };

describe('rollback, unpin, history and guard (the deploy layer)', () => {
  let f: DeployFixture;
  beforeEach(async () => {
    f = await new DeployFixture().start();
  });
  afterEach(() => f.dispose());

  /** Ships the checked-out commit to staging and production through the flows. */
  async function ship(): Promise<string> {
    const opts = await flowOptions(f);
    expect((await promote({ ...opts, environment: 'staging' }, {})).outcome).toBe('deployed');
    expect((await promote({ ...opts, environment: 'production', ...APPROVED }, {})).outcome).toBe('deployed');
    return f.repo.git('rev-parse', 'HEAD').trim();
  }

  it('plans a rollback without writing, then rolls back, logs the correction and pins', async () => {
    const v1 = await ship();
    f.repo.write({ 'app.txt': 'v2\n' });
    const v2 = f.repo.commit('v2');
    await ship();
    const opts = await flowOptions(f);
    const log = f.read('infrastructure/deploy-audit.jsonl');
    const plan = await planRollback({ ...opts, reason: 'v2 breaks checkout' });
    expect(plan).toMatchObject({ environment: 'production', from: v2, target: v1, notes: [] });
    expect(plan.record.last_good_sha).toBe(v2);
    expect(f.read('infrastructure/deploy-audit.jsonl')).toBe(log);

    const r = new Recorder();
    const result = await rollback({ ...opts, reason: 'v2 breaks checkout' }, r.callbacks());
    expect(r.asked).toEqual([
      expect.objectContaining({ action: 'rollback', sha: v1, expect: v1.slice(0, 7) }),
    ]);
    expect(result).toMatchObject({
      outcome: 'rolled-back',
      from: v2,
      target: v1,
      pinned: true,
      recordChanged: true,
    });
    expect(result.correction).toMatchObject({
      event: 'SYSTEM_CORRECTION_EVENT',
      outcome: 'succeeded',
      from: v2,
      to: v1,
      pin: true,
      reason: 'v2 breaks checkout',
    });
    expect(
      r.events.some((e) => e.step === 'rollback' && e.message.startsWith('SYSTEM CORRECTION EVENT')),
    ).toBe(true);
    expect(f.record()).toMatchObject({ last_good_sha: v1, pinned: true });

    const h = await history({ root: opts.root, policy: opts.policy });
    expect(h.pin).toMatchObject({ source: 'record', sha: v1, reason: 'v2 breaks checkout' });
    expect(h.entries[0]).toMatchObject({ event: 'SYSTEM_CORRECTION_EVENT', outcome: 'succeeded', to: v1 });
    expect(h.entries.map((e) => e.line)).toEqual([...h.entries.map((e) => e.line)].sort((a, b) => b - a));
    expect(h.entries.some((e) => e.event === 'PROMOTE' && e.to === v2)).toBe(true);

    const unpinned = await unpin({ ...opts, reason: 'fixed in v3' }, new Recorder().callbacks());
    expect(unpinned).toMatchObject({ outcome: 'unpinned', sha: v1, pin: { source: 'record', sha: v1 } });
    expect(unpinned.auditEntries).toEqual([
      expect.objectContaining({
        event: 'UNPIN',
        outcome: 'succeeded',
        actor: { name: 'Ada Approver', kind: 'human' },
      }),
    ]);
    expect((await history({ root: opts.root, policy: opts.policy })).pin).toBeNull();
  });

  it('refuses a rollback with nothing earlier recorded, and logs the refusal', async () => {
    const only = await ship();
    const opts = await flowOptions(f);
    await expect(planRollback({ ...opts, reason: 'r' })).rejects.toMatchObject({ code: 'refused' });
    const result = await rollback({ ...opts, reason: 'r', ...APPROVED }, {});
    expect(result.outcome).toBe('refused');
    expect(result.error?.message).toContain(`pass --to ${only.slice(0, 12)} to redeploy the current one`);
    expect(result.auditEntries).toEqual([
      expect.objectContaining({ event: 'SYSTEM_CORRECTION_EVENT', outcome: 'refused' }),
    ]);
  });

  it('unpin refuses when nothing is pinned; history filters and limits newest first', async () => {
    await ship();
    const opts = await flowOptions(f);
    const result = await unpin({ ...opts, reason: 'r', ...APPROVED }, {});
    expect(result).toMatchObject({ outcome: 'refused', error: { code: 'nothing-to-do' } });
    const h = await history({ root: opts.root, policy: opts.policy, environment: 'staging', limit: 1 });
    expect(h.entries).toEqual([expect.objectContaining({ event: 'STAGING_VERIFIED', outcome: 'succeeded' })]);
    await expect(
      history({ root: opts.root, policy: opts.policy, environment: 'prod' }),
    ).rejects.toMatchObject({
      code: 'config',
    });
  });

  it('guard reports progress, counts per family and whether a deploy is blocked', async () => {
    const opts = await flowOptions(f);
    const events: string[] = [];
    const result = await guard(
      { root: opts.root, env: opts.env },
      { onProgress: (e) => events.push(e.message) },
    );
    expect(result.steps).toEqual(['check']);
    const errors = result.findings.filter((x) => x.severity === 'error').length;
    expect(result.blocked).toBe(errors > 0);
    const counted = Object.values(result.countsByFamily).reduce(
      (n, c) => n + c.error + c.warning + c.info,
      0,
    );
    expect(counted).toBe(result.findings.length);
    // A policy that configures databases wants the audit this host cannot run: said, not silent.
    f.repo.write({
      'slipway.yaml': `${f.read('slipway.yaml')}migrations:\n  databases:\n    prod:\n      url_env: DATABASE_URL_PROD\n`,
    });
    const withDb = await guard({ root: opts.root, env: opts.env });
    expect(withDb.skipped).toEqual([
      expect.stringMatching(/^database audit: this host has no database client/),
    ]);
  });
});
