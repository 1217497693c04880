import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployFixture } from './helpers/deploy-repo.js';
import { runCli } from './helpers/run-cli.js';

const APPROVE = ['--yes', '--approved-by', 'Ada Approver'];
const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';

describe('slipway watch', () => {
  let f: DeployFixture;
  const cli = (...args: string[]) => runCli(args, { cwd: f.repo.dir, env: f.env });
  let shaA = '';
  let shaB = '';

  beforeAll(async () => {
    f = await new DeployFixture().start();
    shaA = f.repo.git('rev-parse', 'HEAD').trim();
    expect((await cli('promote', '--env', 'staging')).code).toBe(0);
    expect((await cli('promote', '--env', 'production', ...APPROVE)).code).toBe(0);
    f.repo.write({ 'app.txt': 'v2\n' });
    shaB = f.repo.commit('v2');
    expect((await cli('promote', '--env', 'staging')).code).toBe(0);
    expect((await cli('promote', '--env', 'production', ...APPROVE)).code).toBe(0);
  });
  afterAll(() => f.dispose());

  it('stays quiet while production is healthy and stops when --for runs out', async () => {
    const r = await cli('watch', '--interval', '200ms', '--failures', '2', '--for', '1s');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stayed healthy');
    expect(f.record()?.last_good_sha).toBe(shaB);
  });

  it('--once polls once: exit 0 when healthy; exit 1 when the poll fails, without rolling back below --failures', async () => {
    const healthy = await cli('watch', '--once', '--interval', '10m');
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toContain('stayed healthy');
    f.prod.badShas.add(shaB);
    try {
      const before = f.requests().length;
      const failing = await cli('watch', '--once', '--failures', '3', '--interval', '10m');
      expect(failing.code).toBe(1);
      expect(failing.stdout).toContain('failure 1/3');
      expect(failing.stdout).toContain('fewer than the 3 that roll back');
      expect(
        f
          .requests()
          .slice(before)
          .filter((x) => x.startsWith('rollback')),
      ).toEqual([]);
      expect(f.record()?.last_good_sha).toBe(shaB);
    } finally {
      f.prod.badShas.delete(shaB);
    }
  });

  it('--once --dry-run: one poll, says what it would do, and changes nothing', async () => {
    // No --for, and an interval no test waits out: only --once ends these runs.
    const before = { record: f.read(RECORD), log: f.read(LOG), status: f.repo.git('status', '--porcelain') };
    const requests = f.requests().length;
    const healthy = await cli('watch', '--once', '--dry-run', '--failures', '1', '--interval', '10m');
    expect(healthy.code, healthy.stdout + healthy.stderr).toBe(0);
    expect(healthy.stdout).toContain('stayed healthy');
    f.prod.badShas.add(shaB);
    try {
      const below = await cli('watch', '--once', '--dry-run', '--failures', '3', '--interval', '10m');
      expect(below.code, below.stdout + below.stderr).toBe(1);
      expect(below.stdout).toContain('failure 1/3');
      expect(below.stdout).not.toContain('would roll');
      const at = await cli('watch', '--once', '--dry-run', '--failures', '1', '--interval', '10m');
      expect(at.code, at.stdout + at.stderr).toBe(1);
      expect(at.stdout).toContain('failure 1/1');
      expect(at.stdout).toContain('dry run: would roll production back now (watch: 1 consecutive failed');
    } finally {
      f.prod.badShas.delete(shaB);
    }
    // Health polls only: the deploy script was never asked for anything, and no file moved.
    expect(f.requests().length).toBe(requests);
    expect({ record: f.read(RECORD), log: f.read(LOG), status: f.repo.git('status', '--porcelain') }).toEqual(
      before,
    );
  });

  it('never acts while a promote or rollback holds the lock', async () => {
    f.prod.badShas.add(shaB);
    const lock = join(f.repo.dir, '.git', 'slipway-deploy.lock');
    // This test process stands in for a running promote: a live pid on this host.
    writeFileSync(
      lock,
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        started_at: new Date().toISOString(),
        command: 'slipway promote x',
      }),
    );
    try {
      const r = await cli('watch', '--interval', '150ms', '--failures', '2', '--for', '1500ms');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('deploy in progress (slipway promote x');
      expect(f.requests().filter((x) => x.startsWith('rollback'))).toEqual([]);
    } finally {
      const { rmSync } = await import('node:fs');
      rmSync(lock, { force: true });
    }
  });

  it('rolls back once after consecutive failures (past a stale lock), names the failing checks, pins, and stops', async () => {
    // A lock left by a crashed promote: its process is gone, so it must not silence the watch.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(
      join(f.repo.dir, '.git', 'slipway-deploy.lock'),
      JSON.stringify({
        pid: Number(dead.stdout),
        host: hostname(),
        started_at: '2026-01-01T00:00:00Z',
        command: 'crashed',
      }),
    );
    const r = await cli('watch', '--interval', '150ms', '--failures', '3', '--for', '60s');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('failure 3/3');
    expect(r.stdout).toContain(
      `production was rolled back once successfully; stopping with exit 1 so that it is noticed (${shaB.slice(0, 12)} was unhealthy; production now runs ${shaA.slice(0, 12)}, pinned until`,
    );
    expect(f.requests().filter((x) => x.startsWith('rollback'))).toEqual([`rollback production ${shaA}`]);
    expect(f.record()).toMatchObject({ last_good_sha: shaA, pinned: true, rolled_back_from: shaB });
    const sce = f.auditLines().at(-1);
    expect(sce).toMatchObject({
      event: 'SYSTEM_CORRECTION_EVENT',
      outcome: 'succeeded',
      from: shaB,
      to: shaA,
    });
    expect(sce?.reason).toMatch(/^watch: 3 consecutive failed health polls \(.*\/health: HTTP 503/);
    expect(sce?.actor).toMatchObject({ kind: 'agent' });
  });
});
