import { readAuditLog } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployFixture } from './helpers/deploy-repo.js';
import { runCli } from './helpers/run-cli.js';

const APPROVE = ['--yes', '--approved-by', 'Ada Approver'];

describe('promote, rollback, unpin, history end to end', () => {
  let f: DeployFixture;
  const cli = (...args: string[]) => runCli(args, { cwd: f.repo.dir, env: f.env });
  let sha1 = '';
  let sha2 = '';

  beforeAll(async () => {
    f = await new DeployFixture().start();
    sha1 = f.repo.git('rev-parse', 'HEAD').trim();
  });
  afterAll(() => f.dispose());

  const verifyChain = () => {
    const head = f.record()?.audit_head as string | undefined;
    const log = readAuditLog(f.read('infrastructure/deploy-audit.jsonl') ?? '', head);
    expect(log.issues).toEqual([]);
    return log;
  };

  it('verifies a commit on staging and logs STAGING_VERIFIED', async () => {
    const r = await cli('promote', '--env', 'staging');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ready to promote');
    expect(r.stdout).toContain(`[staging] deployed ${sha1}`);
    expect(f.requests()).toEqual([`deploy staging ${sha1}`]);
    expect(f.auditLines().map((l) => [l.event, l.outcome])).toEqual([
      ['STAGING_VERIFIED', 'started'],
      ['STAGING_VERIFIED', 'succeeded'],
    ]);
    expect(f.record()).toBeUndefined();
  });

  it('refuses production without approval and deploys nothing', async () => {
    const r = await cli('promote', '--env', 'production');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--yes --approved-by NAME');
    expect(f.requests()).toHaveLength(1);
    expect(f.record()).toBeUndefined();
  });

  it('promotes the verified SHA to production and writes the record', async () => {
    const r = await cli('promote', sha1, '--env', 'production', '--reason', 'first release', ...APPROVE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ok   guard: passes on this tree');
    expect(f.requests().at(-1)).toBe(`deploy production ${sha1}`);
    const rec = f.record();
    expect(rec).toMatchObject({
      last_good_sha: sha1,
      environment: 'production',
      event: 'PROMOTE',
      actor: { name: 'Ada Approver', kind: 'human' },
      reason: 'first release',
    });
    expect(verifyChain().entries.at(-1)?.event).toMatchObject({
      event: 'PROMOTE',
      outcome: 'succeeded',
      to: sha1,
    });
  });

  it('refuses an unverified SHA, logs GUARD_FAILED, and leaves the record alone', async () => {
    f.repo.write({ 'app.txt': 'v2\n' });
    sha2 = f.repo.commit('v2');
    const before = f.read('infrastructure/LAST_PROD_DEPLOY.json');
    const r = await cli('promote', '--env', 'production', ...APPROVE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL verified on staging');
    expect(f.auditLines().at(-1)).toMatchObject({ event: 'GUARD_FAILED', outcome: 'refused', to: sha2 });
    const after = JSON.parse(f.read('infrastructure/LAST_PROD_DEPLOY.json') ?? '{}');
    expect({ ...after, audit_head: undefined }).toEqual({
      ...JSON.parse(before ?? '{}'),
      audit_head: undefined,
    });
    verifyChain();
  });

  it('promotes a second SHA with --commit, keeping the first in history', async () => {
    expect((await cli('promote', '--env', 'staging')).code).toBe(0);
    const r = await cli('promote', '--env', 'production', '--commit', ...APPROVE);
    expect(r.code).toBe(0);
    expect(f.record()).toMatchObject({
      last_good_sha: sha2,
      previous_sha: sha1,
      history: [{ sha: sha1, event: 'PROMOTE' }],
    });
    expect(f.repo.git('log', '-1', '--format=%B')).toContain(`Slipway-Event: PROMOTE production ${sha2}`);
    expect(f.repo.git('status', '--porcelain', '--', 'infrastructure')).toBe('');
    verifyChain();
  });

  it('rolls back to the last good SHA before the current one, lists what it does not undo, and pins', async () => {
    const dry = await cli('rollback', '--reason', 'errors after v2', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`to ${sha1}`);
    const requestsBefore = f.requests().length;
    expect(f.requests()).toHaveLength(requestsBefore);
    const r = await cli('rollback', '--reason', 'errors after v2', '--yes');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SYSTEM CORRECTION EVENT');
    expect(f.requests().at(-1)).toBe(`rollback production ${sha1}`);
    expect(f.record()).toMatchObject({
      last_good_sha: sha1,
      previous_sha: sha2,
      rolled_back_from: sha2,
      event: 'SYSTEM_CORRECTION_EVENT',
      pinned: true,
      pinned_reason: 'errors after v2',
    });
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'SYSTEM_CORRECTION_EVENT',
      outcome: 'succeeded',
      from: sha2,
      to: sha1,
      reason: 'errors after v2',
    });
    verifyChain();
  });

  it('does not let a promote undo the rollback until a human unpins', async () => {
    const r = await cli('promote', sha2, '--env', 'production', ...APPROVE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL not pinned');
    expect(f.record()?.last_good_sha).toBe(sha1);
    const ci = await runCli(['unpin', '--reason', 'fixed', '--yes'], {
      cwd: f.repo.dir,
      env: { ...f.env, CI: 'true' },
    });
    expect(ci.code).toBe(2);
    expect(ci.stderr).toContain('only a human');
    const u = await cli('unpin', '--reason', 'v2 fixed upstream', '--yes');
    expect(u.code).toBe(0);
    expect(f.record()?.pinned).toBeUndefined();
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'UNPIN',
      reason: 'v2 fixed upstream',
      outcome: 'succeeded',
    });
    verifyChain();
  });

  it('rolls back automatically when production smoke checks fail after a promote', async () => {
    f.repo.write({ 'app.txt': 'v3\n' });
    const sha3 = f.repo.commit('v3');
    f.prod.badShas.add(sha3);
    expect((await cli('promote', '--env', 'staging')).code).toBe(0);
    const r = await cli('promote', '--env', 'production', ...APPROVE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAILED');
    expect(r.stdout).toContain('HTTP 503');
    expect(f.requests().slice(-2)).toEqual([`deploy production ${sha3}`, `rollback production ${sha1}`]);
    expect(f.record()?.last_good_sha).toBe(sha1);
    const tail = f.auditLines().slice(-4);
    expect(tail.map((l) => [l.event, l.outcome])).toEqual([
      ['PROMOTE', 'started'],
      ['PROMOTE', 'failed'],
      ['SYSTEM_CORRECTION_EVENT', 'started'],
      ['SYSTEM_CORRECTION_EVENT', 'succeeded'],
    ]);
    expect(tail[3]?.reason).toContain('automatic');
    verifyChain();
  });

  it('shows the story in history', async () => {
    const r = await cli('history', '--limit', '0');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`production: ${sha1}`);
    expect(r.stdout).toMatch(/SYSTEM_CORRECTION_EVENT\s+production\s+succeeded/);
    expect(r.stdout).toContain('UNPIN');
    const j = JSON.parse((await cli('history', '--json')).stdout);
    expect(j.record.last_good_sha).toBe(sha1);
  });
});
