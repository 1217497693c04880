import { readAuditLog } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployFixture } from './helpers/deploy-repo.js';
import { startCliInPty } from './helpers/pty-cli.js';
import { shipped } from './helpers/prepared-fixture.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';

describe('interactive approval in a real terminal: type the short SHA', () => {
  let f: DeployFixture;
  let sha1 = '';
  let sha2 = '';
  const cli = (...args: string[]) => f.cli(...args);
  const pty = (...args: string[]) => startCliInPty(args, { cwd: f.repo.dir, env: f.env });
  const withoutHead = (text: string | undefined) => ({ ...JSON.parse(text ?? '{}'), audit_head: null });
  const chainIssues = () =>
    readAuditLog(f.read(LOG) ?? '', JSON.parse(f.read(RECORD) ?? '{}').audit_head).issues;

  beforeAll(async () => {
    ({ f, v1: sha1, v2: sha2 } = await shipped(['staging']));
  });
  afterAll(() => f.dispose());

  it('without a terminal and without --yes --approved-by: one clear line, before anything runs', async () => {
    const [record, log, requests] = [f.read(RECORD), f.read(LOG), f.requests()];
    const r = await cli('promote', '--env', 'production');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `slipway promote: promote ${sha2.slice(0, 12)} to production needs approval: run it in a terminal, or pass --yes --approved-by NAME.\n`,
    );
    expect([f.read(RECORD), f.read(LOG), f.requests()]).toEqual([record, log, requests]);
  });

  it('the wrong SHA is refused: nothing deployed, the record unchanged, the refusal logged', async () => {
    const before = f.read(RECORD);
    const requests = f.requests();
    const run = pty('promote', '--env', 'production', '--reason', 'v2 release');
    await run.waitFor(`promote ${sha2.slice(0, 12)} to production: type ${sha2.slice(0, 7)} to approve: `);
    run.type(sha1.slice(0, 7));
    const r = await run.done;
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `slipway promote: not approved (expected ${sha2.slice(0, 7)}, "${sha1.slice(0, 7)}" was typed); nothing was deployed.`,
    );
    expect(f.requests()).toEqual(requests);
    expect(withoutHead(f.read(RECORD))).toEqual(withoutHead(before));
    expect(f.record()?.last_good_sha).toBe(sha1);
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'PROMOTE',
      environment: 'production',
      from: sha1,
      to: sha2,
      reason: 'v2 release',
      outcome: 'refused',
      details: [expect.stringContaining('approval: not approved')],
    });
    expect(chainIssues()).toEqual([]);
  });

  it('the right SHA approves, and the deploy runs', async () => {
    const run = pty('promote', '--env', 'production');
    await run.waitFor(`type ${sha2.slice(0, 7)} to approve: `);
    run.type(sha2.slice(0, 7));
    const r = await run.done;
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`promoted ${sha2.slice(0, 12)} to production`);
    expect(f.requests().at(-1)).toBe(`deploy production ${sha2}`);
    expect(f.record()).toMatchObject({ last_good_sha: sha2, previous_sha: sha1, actor: { kind: 'human' } });
    expect(f.auditLines().at(-1)).toMatchObject({ event: 'PROMOTE', outcome: 'succeeded', to: sha2 });
    expect(chainIssues()).toEqual([]);
  });

  it('an unanswered prompt ends as a refusal after --approval-timeout (the lock is not held forever)', async () => {
    f.repo.write({ 'app.txt': 'v3\n' });
    const sha3 = f.repo.commit('v3');
    expect((await cli('promote', '--env', 'staging')).code).toBe(0);
    const requests = f.requests();
    const run = pty('promote', '--env', 'production', '--approval-timeout', '1s');
    await run.waitFor(`type ${sha3.slice(0, 7)} to approve: `);
    const r = await run.done;
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('slipway promote: not approved: no answer within 1 s; nothing was deployed.');
    expect(f.requests()).toEqual(requests);
    expect(f.record()?.last_good_sha).toBe(sha2);
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'PROMOTE',
      to: sha3,
      outcome: 'refused',
      details: ['approval: not approved: no answer within 1 s; nothing was deployed.'],
    });
    // The lock was released: the next run can take it at once.
    expect((await cli('promote', '--env', 'production', '--dry-run')).stdout).not.toContain('lock: held');
    expect(chainIssues()).toEqual([]);
  });

  it('a rollback answered with a bare Enter rolls nothing back and logs the refusal', async () => {
    const before = f.read(RECORD);
    const requests = f.requests();
    const run = pty('rollback', '--reason', 'checking the prompt');
    await run.waitFor(`roll production back to ${sha1.slice(0, 12)}: type ${sha1.slice(0, 7)} to approve: `);
    run.type('');
    const r = await run.done;
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('not approved (expected');
    expect(f.requests()).toEqual(requests);
    expect(withoutHead(f.read(RECORD))).toEqual(withoutHead(before));
    expect(f.record()?.pinned).toBeUndefined();
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'SYSTEM_CORRECTION_EVENT',
      from: sha2,
      to: sha1,
      outcome: 'refused',
    });
    expect(chainIssues()).toEqual([]);
  });
});
