import { promote } from '@slipway/policy-core/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../../../test/helpers/wait-until.js';
import { DeployFixture, flowOptions, Recorder } from './flow-fixture.js';

describe('promote: cancelled mid-deploy, started twice', () => {
  let f: DeployFixture;
  beforeEach(async () => {
    f = await new DeployFixture().start();
  });
  afterEach(() => f.dispose());

  it('an abort during the deploy command stops it; the log says so and the record is untouched', async () => {
    const opts = await flowOptions(f);
    const good = f.repo.git('rev-parse', 'HEAD').trim();
    await promote({ ...opts, environment: 'staging' }, {});
    await promote({ ...opts, environment: 'production', yes: true, approvedBy: 'Ada Approver' }, {});
    const record = f.read('infrastructure/LAST_PROD_DEPLOY.json');
    const next = await f.release('v2', 'commit');
    await promote({ ...opts, environment: 'staging' }, {});
    const cancel = new AbortController();
    const r = new Recorder();
    const asked = f.requests().length;
    // The deploy command sleeps past the test's timeout: only the abort can end the promote. It
    // comes once the script has logged the request (then it sleeps): the deploy is under way.
    const running = promote(
      { ...opts, environment: 'production', env: { ...opts.env, DEPLOY_SLEEP: '600' } },
      r.callbacks({
        signal: cancel.signal,
        onProgress: (e) => {
          r.events.push(e);
          if (e.message.startsWith('running deploy command'))
            void waitUntil(() => f.requests().length > asked, 'the deploy script to start').then(() =>
              cancel.abort(),
            );
        },
      }),
    );
    const result = await running;
    expect(result).toMatchObject({ outcome: 'cancelled', interruptedBy: 'cancellation', sha: next });
    expect(result.message).toMatch(/^interrupted by cancellation: stopped the deploy command/);
    expect(result.message).toContain(`still names ${good.slice(0, 12)}`);
    // The started entry got its end, saying what stopped it; the record names what it named
    // (only its audit_head moved to the entry that says so).
    const [start, end] = result.auditEntries.slice(-2);
    expect(start).toMatchObject({ event: 'PROMOTE', outcome: 'started', to: next });
    expect(end).toMatchObject({ event: 'PROMOTE', outcome: 'failed', to: next });
    expect(end?.details?.join('\n')).toContain('interrupted by cancellation');
    expect(f.record()).toMatchObject({ last_good_sha: good });
    expect(JSON.parse(record ?? '{}').last_good_sha).toBe(good);
    // Nothing was rolled back automatically: the person who cancelled wanted it to stop.
    expect(f.requests().filter((l) => l.startsWith('rollback'))).toEqual([]);
  });

  it('a second promote while the first holds the lock is refused and names the holder', async () => {
    const opts = await flowOptions(f);
    const sha = f.repo.git('rev-parse', 'HEAD').trim();
    let inDeploy!: () => void;
    const deploying = new Promise<void>((resolve) => {
      inDeploy = resolve;
    });
    const first = promote(
      { ...opts, environment: 'staging', env: { ...opts.env, DEPLOY_SLEEP: '2' } },
      {
        onProgress: (e) => {
          if (e.message.startsWith('running deploy command')) inDeploy();
        },
      },
    );
    await deploying;
    const second = await promote({ ...opts, environment: 'staging' }, {});
    expect(second.outcome).toBe('refused');
    expect(second.error?.code).toBe('lock-held');
    expect(second.error?.message).toContain(
      `another deploy holds the lock: slipway promote ${sha.slice(0, 12)} --env staging (pid ${process.pid}`,
    );
    expect(second.auditEntries).toEqual([]);
    expect((await first).outcome).toBe('deployed');
    expect(f.requests()).toEqual([`deploy staging ${sha}`]);
  });

  it('an abort before the run starts deploys and writes nothing', async () => {
    const opts = await flowOptions(f);
    const cancel = new AbortController();
    cancel.abort();
    const result = await promote({ ...opts, environment: 'staging' }, { signal: cancel.signal });
    expect(result.outcome).toBe('cancelled');
    expect(f.requests()).toEqual([]);
    expect(f.read('infrastructure/deploy-audit.jsonl')).toBeUndefined();
  });
});
