import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Fixture,
  calls,
  createFixture,
  git,
  publish,
  readState,
  release,
  resetCalls,
  slipway,
  snapshot,
} from './fixture.js';

/** Refusals that are not failures: no counter moves to "failed", the circuit stays closed. */
let f: Fixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

describe('a newer version already applied', () => {
  it('is up to date when the channel lags a release that runs and the remote still publishes', async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    // "stable" stays at v1.0.0 while main moves on to v1.1.0.
    git(f, f.dev, 'branch', 'stable', 'v1.0.0');
    publish(f);
    git(f, f.dev, 'push', '--quiet', 'origin', 'stable');
    expect((await slipway(f, [])).stdout).toMatch(/updated v1\.0\.0 -> v1\.1\.0/);
    const before = snapshot(f);
    const at = git(f, f.bot, 'rev-parse', 'HEAD');
    const counters = readState(f);
    resetCalls(f);

    // The operator switches the server to the stable channel.
    const r = await slipway(f, [], { BOT_UPDATE_CHANNEL: 'stable' });
    expect(r.stdout).toBe(
      'slipway update [default]: up to date at v1.1.0 (newer than v1.0.0, the newest release on origin/stable)\n',
    );
    expect(r.code).toBe(0);
    expect(git(f, f.bot, 'rev-parse', 'HEAD')).toBe(at);
    expect(snapshot(f)).toEqual(before);
    expect(calls(f)).toEqual([]);
    expect(readState(f)).toMatchObject({
      attempts_today: counters.attempts_today,
      failures_today: 0,
      total_failures: 0,
      circuit: { open: false },
      last_run: { result: 'up-to-date' },
    });
  });
});

describe('a stale .git/index.lock', () => {
  it('is refused before anything is touched, in one line, without counting a failure', async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    const lock = join(f.bot, '.git/index.lock');
    writeFileSync(lock, '');
    const before = snapshot(f);
    const head = git(f, f.bot, 'rev-parse', 'HEAD');
    const r = await slipway(f, []);
    expect(r.stdout).toBe(
      `slipway update [default]: not updating: ${lock} exists: another git may be running in ${f.bot}; if none is, remove that file and run again\n`,
    );
    expect(r.code).toBe(1);
    expect(snapshot(f)).toEqual(before);
    expect(git(f, f.bot, 'rev-parse', 'HEAD')).toBe(head);
    expect(calls(f)).toEqual([]);
    expect(existsSync(join(f.bot, 'backups'))).toBe(false);
    expect(readState(f)).toMatchObject({
      attempts_today: 0,
      failures_today: 0,
      circuit: { open: false },
      last_run: { result: 'skipped' },
    });
    expect(readFileSync(join(f.bot, 'app.txt'), 'utf8')).toBe('release 1.0.0\n');

    // Once the lock is gone, the same update goes through.
    rmSync(lock);
    expect((await slipway(f, [])).stdout).toMatch(/updated v1\.0\.0 -> v1\.1\.0/);
  });
});
