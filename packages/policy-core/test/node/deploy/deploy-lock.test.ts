import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDeployLock, LockHeldError } from '../../../src/node/deploy/deploy-lock.js';

const dir = () => mkdtempSync(join(tmpdir(), 'slipway-lock-'));

describe('deploy lock', () => {
  it('is exclusive, names its holder, and is released', () => {
    const path = join(dir(), 'deploy.lock');
    const lock = acquireDeployLock(path, 'slipway promote abc --env production');
    expect(() => acquireDeployLock(path, 'slipway rollback')).toThrow(LockHeldError);
    try {
      acquireDeployLock(path, 'slipway rollback');
    } catch (err) {
      expect((err as Error).message).toContain(
        `slipway promote abc --env production (pid ${process.pid} on ${hostname()}`,
      );
    }
    lock.release();
    expect(existsSync(path)).toBe(false);
    acquireDeployLock(path, 'again').release();
  });

  it('breaks a lock whose holder process is dead', () => {
    const path = join(dir(), 'deploy.lock');
    // A real process that has exited: its pid is free (or reused, which pid_start catches).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const pid = Number(dead.stdout);
    writeFileSync(
      path,
      JSON.stringify({ pid, host: hostname(), started_at: '2026-01-01T00:00:00Z', command: 'crashed' }),
    );
    const lock = acquireDeployLock(path, 'new');
    expect(JSON.parse(readFileSync(path, 'utf8')).command).toBe('new');
    lock.release();
  });

  it('treats a live pid with a different start time as a reused pid (stale)', () => {
    const path = join(dir(), 'deploy.lock');
    writeFileSync(
      path,
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        pid_start: '1',
        started_at: '2026-01-01T00:00:00Z',
        command: 'old',
      }),
    );
    const lock = acquireDeployLock(path, 'new');
    expect(lock.holder.command).toBe('new');
    lock.release();
  });

  it('trusts a lock from another host', () => {
    const path = join(dir(), 'deploy.lock');
    writeFileSync(
      path,
      JSON.stringify({ pid: 1, host: 'ci-runner-7', started_at: '2026-01-01T00:00:00Z', command: 'remote' }),
    );
    expect(() => acquireDeployLock(path, 'new')).toThrow(
      /remote \(pid 1 on ci-runner-7.*remove .*deploy.lock if that host is gone/,
    );
  });
});
