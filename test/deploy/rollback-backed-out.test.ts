import { readAuditLog } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_IDENTITY, AgentDeployFixture } from './helpers/agent-fixture.js';
import { APPROVE } from './helpers/deploy-repo.js';
import { shipped } from './helpers/prepared-fixture.js';

const LOG = 'infrastructure/deploy-audit.jsonl';
const CI = { CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_ACTOR: 'octocat' };

/**
 * A rollback backs out of a SHA because a person (or the watch) judged it bad, and pins
 * production there. `rollback --to` must not put that SHA back, and a run that is not a person's
 * must not replace the pin without a person's name.
 */
describe('rollback does not undo a rollback', () => {
  let f: AgentDeployFixture;
  let v1 = '';
  let v2 = '';
  let v3 = '';
  let rolledBackAt = '';
  const chainIssues = () => readAuditLog(f.read(LOG) ?? '', f.record()?.audit_head as string).issues;
  const withoutHead = () => ({ ...f.record(), audit_head: undefined });

  beforeAll(async () => {
    ({ f, v1, v2, v3 } = await shipped(['production', 'production'], () => new AgentDeployFixture()));
    const r = await f.cli('rollback', '--reason', 'v3 corrupts data', '--yes');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.record()).toMatchObject({ last_good_sha: v2, rolled_back_from: v3, pinned: true });
    rolledBackAt = f.record()?.deployed_at as string;
  });
  afterAll(() => f.dispose());

  it('--to a SHA a rollback backed out of is refused in one line, by anyone, and logged', async () => {
    const expected =
      `${v3.slice(0, 12)} was rolled back from on ${rolledBackAt} by Dev Human (human) because v3 corrupts data; ` +
      'ship it again through promote (staging, guard, approval) after `slipway unpin --reason`.';
    for (const run of [
      () => f.cliWith(AGENT_IDENTITY, 'rollback', '--to', v3, '--reason', 'retry', ...APPROVE),
      () => f.cli('rollback', '--to', v3.slice(0, 9), '--reason', 'retry', '--yes'),
    ]) {
      const before = withoutHead();
      const requests = f.requests();
      const r = await run();
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(expected);
      expect(r.stderr).toContain('Nothing was rolled back (the refusal is logged).');
      expect(f.requests()).toEqual(requests);
      expect(withoutHead()).toEqual(before);
      expect(f.record()).toMatchObject({
        last_good_sha: v2,
        pinned: true,
        pinned_reason: 'v3 corrupts data',
      });
      expect(f.auditLines().at(-1)).toMatchObject({
        event: 'SYSTEM_CORRECTION_EVENT',
        outcome: 'refused',
        from: v2,
        to: v3,
        details: [expect.stringContaining(expected)],
      });
      expect(chainIssues()).toEqual([]);
    }
    // The dry run says the same, and writes nothing.
    const log = f.read(LOG);
    const dry = await f.cli('rollback', '--to', v3, '--reason', 'retry', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain(expected);
    expect(f.read(LOG)).toBe(log);
  });

  it('CI without --approved-by may not replace the pin: refused, logged, production untouched', async () => {
    for (const args of [[], ['--to', v2]]) {
      const before = withoutHead();
      const requests = f.requests();
      const r = await f.cliWith(CI, 'rollback', '--reason', 'ci says so', '--yes', ...args);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(
        `production is pinned to ${v2.slice(0, 12)} since ${rolledBackAt} by a rollback by Dev Human (human) because v3 corrupts data;`,
      );
      expect(r.stderr).toContain('octocat via CI (ci) needs --approved-by NAME');
      expect(f.requests()).toEqual(requests);
      expect(withoutHead()).toEqual(before);
      expect(f.auditLines().at(-1)).toMatchObject({
        event: 'SYSTEM_CORRECTION_EVENT',
        outcome: 'refused',
        actor: { name: 'octocat via CI', kind: 'ci' },
      });
      expect(chainIssues()).toEqual([]);
    }
  });

  it('CI with a human named by --approved-by rolls back further, and that person owns the new pin', async () => {
    const r = await f.cliWith(CI, 'rollback', '--reason', 'v2 is bad too', ...APPROVE);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(f.requests().at(-1)).toBe(`rollback production ${v1}`);
    expect(f.record()).toMatchObject({
      last_good_sha: v1,
      rolled_back_from: v2,
      pinned: true,
      actor: { name: 'octocat via CI, approved by Ada Approver', kind: 'ci' },
    });
  });

  it('once a human unpins and ships v3 again through promote, it is a good deploy again', async () => {
    expect((await f.cli('unpin', '--reason', 'v3 data bug fixed in the database', '--yes')).code).toBe(0);
    // Not pinned now: the refusal no longer sends anyone to `slipway unpin`.
    const plan = await f.cliWith(CI, 'rollback', '--to', v3, '--reason', 'x', '--dry-run');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`${v3.slice(0, 12)} was rolled back from on ${rolledBackAt}`);
    expect(plan.stderr).toContain('ship it again through promote (staging, guard, approval).');
    const p = await f.cli('promote', v3, '--env', 'production', ...APPROVE);
    expect(p.code, p.stdout + p.stderr).toBe(0);
    const redeploy = await f.cli('rollback', '--to', v3, '--reason', 'redeploy', '--dry-run');
    expect(redeploy.code, redeploy.stderr).toBe(0);
    expect(redeploy.stdout).toContain(`rollback production from ${v3.slice(0, 12)} to ${v3}`);
  });
});
