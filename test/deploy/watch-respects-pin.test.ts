import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, type DeployFixture } from './helpers/deploy-repo.js';
import { shipped } from './helpers/prepared-fixture.js';

/**
 * A pin is a person's "production stays here": when the pinned SHA itself turns unhealthy, the
 * watch does not roll back further on its own. It logs what it saw and why it did not act, and
 * exits 1 so the job that ran it goes red.
 */
describe('watch and a pinned production', () => {
  let f: DeployFixture;
  beforeAll(async () => {
    ({ f } = await shipped(['production', 'production']));
  });
  afterAll(() => f.dispose());

  it('does not move a pinned production; the refusal is logged', async () => {
    // A person rolls back from v3 (to v2) and production is pinned there.
    const rb = await f.cli('rollback', '--reason', 'v3 breaks checkout', ...APPROVE);
    expect(rb.code, rb.stdout + rb.stderr).toBe(0);
    const pinned = f.record()?.last_good_sha as string;
    expect(f.record()?.pinned).toBe(true);
    const requests = f.requests().length;
    f.prod.badShas.add(pinned);
    const r = await f.cli('watch', '--interval', '100ms', '--failures', '2', '--for', '10s');
    f.prod.badShas.delete(pinned);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /it was NOT rolled back: production is pinned to \w+ by a rollback \(v3 breaks checkout\)/,
    );
    expect(f.requests().slice(requests)).toEqual([]);
    expect(f.record()?.last_good_sha).toBe(pinned);
    expect(f.auditLines().at(-1)).toMatchObject({ event: 'SYSTEM_CORRECTION_EVENT', outcome: 'refused' });
  });

  it('near miss: unpinned, the same failure is rolled back once', async () => {
    expect((await f.cli('unpin', '--reason', 'fixed upstream', ...APPROVE)).code).toBe(0);
    const running = f.record()?.last_good_sha as string;
    f.prod.badShas.add(running);
    const r = await f.cli('watch', '--interval', '100ms', '--failures', '2', '--for', '10s');
    f.prod.badShas.delete(running);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('rolled back once successfully');
    expect(f.record()?.last_good_sha).not.toBe(running);
  });
});
