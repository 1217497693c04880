import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAuditLog } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, DeployFixture } from './helpers/deploy-repo.js';
import { startCli } from './helpers/run-cli.js';
import { snapshot } from './helpers/snapshot.js';

const LOG = 'infrastructure/deploy-audit.jsonl';

// A deploy that hangs, and whose child ignores SIGTERM: only the process-group SIGKILL ends it.
const HANG = `#!/bin/sh
trap '' TERM
(trap '' TERM; exec sleep 300) &
echo $! > "$DEPLOY_STATE/child.pid"
sleep 300
`;
const EXTRA = `    hangs-with-child:
      deploy: [sh, infrastructure/scripts/hang.sh]
      deploy_timeout_s: 1
`;

describe('--dry-run, smoke checks that fail twice, hanging deploys, watch and the lock', () => {
  let f: DeployFixture;
  let sha1 = '';
  let sha2 = '';
  let sha3 = '';
  const cli = (...args: string[]) => f.cli(...args);
  const chainIssues = () => readAuditLog(f.read(LOG) ?? '', f.record()?.audit_head as string).issues;

  beforeAll(async () => {
    f = await new DeployFixture('', EXTRA).start();
    f.repo.write({ 'infrastructure/scripts/hang.sh': HANG });
    f.repo.commit('hang script');
    sha1 = await f.ship();
    sha2 = await f.release('v2');
    sha3 = await f.release('v3', 'staging');
  });
  afterAll(() => f.dispose());

  it('--dry-run of every deploy command changes nothing at all (working tree and .git, byte for byte)', async () => {
    const dry = async (args: string[], code: number, says: string) => {
      const before = snapshot(f.repo.dir);
      const requests = f.requests();
      const r = await cli(...args, '--dry-run');
      expect(r.code, `${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(code);
      expect(r.stdout).toContain(says);
      expect(snapshot(f.repo.dir), args.join(' ')).toEqual(before);
      expect(f.requests()).toEqual(requests);
    };
    await dry(['promote', sha3, '--env', 'staging'], 0, 'dry run: nothing was deployed or written');
    await dry(['promote', sha3, '--env', 'production'], 0, 'ok   guard: passes on this tree');
    await dry(
      ['rollback', '--reason', 'rehearsal'],
      0,
      `rollback production from ${sha2.slice(0, 12)} to ${sha1}`,
    );
    f.prod.defaultMode = 'failing';
    try {
      await dry(
        ['watch', '--interval', '50ms', '--failures', '2', '--for', '20s'],
        1,
        'dry run: would roll production back now',
      );
    } finally {
      f.prod.defaultMode = 'healthy';
    }
    // Pinned by a real rollback, the rest: unpin, and a promote the pin refuses.
    expect((await cli('rollback', '--reason', 'pin it', '--yes')).code).toBe(0);
    await dry(['unpin', '--reason', 'rehearsal'], 0, 'dry run: nothing was written');
    await dry(['promote', sha3, '--env', 'production'], 1, 'FAIL not pinned');
    expect((await cli('unpin', '--reason', 'done', '--yes')).code).toBe(0);
  });

  it('smoke checks that redirect forever and answer {"status":"error"}: the automatic rollback fails too, the record stays', async () => {
    f.prod.modes.set('/health', 'redirect-loop');
    f.prod.modes.set('/health/deep', 'error-body');
    try {
      const before = f.record();
      const r = await cli('promote', sha3, '--env', 'production', ...APPROVE);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('redirect loop at');
      expect(r.stdout).toContain('HTTP 200 but JSON status is "error" (expected "ok")');
      expect(r.stdout).toMatch(/rollback to [0-9a-f]{12} FAILED: .*; production needs a person now/);
      expect(f.requests().slice(-2)).toEqual([`deploy production ${sha3}`, `rollback production ${sha1}`]);
      expect({ ...f.record(), audit_head: null }).toEqual({ ...before, audit_head: null });
      expect(
        f
          .auditLines()
          .slice(-4)
          .map((l) => [l.event, l.outcome]),
      ).toEqual([
        ['PROMOTE', 'started'],
        ['PROMOTE', 'failed'],
        ['SYSTEM_CORRECTION_EVENT', 'started'],
        ['SYSTEM_CORRECTION_EVENT', 'failed'],
      ]);
      expect(chainIssues()).toEqual([]);
    } finally {
      f.prod.modes.clear();
    }
  });

  it('a deploy that hangs past its timeout is killed with every child, even one that ignores SIGTERM', async () => {
    const r = await cli('promote', '--env', 'hangs-with-child');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('sh timed out after 1 s and was killed');
    const child = Number(readFileSync(join(f.state, 'child.pid'), 'utf8'));
    let state = 'gone';
    try {
      // A zombie (Z) is dead: it only waits for its (killed) parent's reaper.
      state = readFileSync(`/proc/${child}/stat`, 'utf8').split(') ')[1]?.[0] ?? '?';
    } catch {}
    expect(['gone', 'Z']).toContain(state);
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'STAGING_VERIFIED',
      environment: 'hangs-with-child',
      outcome: 'failed',
      details: ['command: sh timed out after 1 s and was killed'],
    });
  });

  it('watch keeps watching when a deploy takes the lock just as it would act, then acts once the lock is free', async () => {
    // An unreadable, fresh lock file: someone is taking the lock right now. The poll does not
    // see a holder, so the failures count; taking the lock for the rollback fails.
    expect((await cli('promote', sha3, '--env', 'production', ...APPROVE)).code).toBe(0);
    f.prod.badShas.add(sha3);
    const lock = join(f.repo.dir, '.git', 'slipway-deploy.lock');
    writeFileSync(lock, '{"pid":');
    try {
      const run = startCli(['watch', '--interval', '100ms', '--failures', '2', '--for', '30s'], {
        cwd: f.repo.dir,
        env: f.env,
      });
      let out = '';
      run.child.stdout?.on('data', (c: Buffer) => {
        out += c.toString('utf8');
        if (out.includes('not rolling back now')) rmSync(lock, { force: true });
      });
      const r = await run.done;
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/not rolling back now: another deploy is taking the lock .*; watching on/);
      expect(r.stdout).toContain('rolled back once successfully; stopping');
      expect(r.code).toBe(1);
      expect(f.record()).toMatchObject({ last_good_sha: sha1, rolled_back_from: sha3, pinned: true });
    } finally {
      f.prod.badShas.delete(sha3);
      rmSync(lock, { force: true });
    }
  });
});
