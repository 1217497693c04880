import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Fixture,
  STATE,
  calls,
  createFixture,
  git,
  publish,
  readState,
  release,
  slipway,
  snapshot,
} from './fixture.js';

let f: Fixture;
afterEach(async () => {
  await f?.close();
});

async function withRelease(extra = ''): Promise<Fixture> {
  const fx = await createFixture(extra);
  release(fx, 'v1.1.0', 'release 1.1.0\n', 'release');
  publish(fx);
  return fx;
}

describe('bad input: one clear line, nothing half-applied', () => {
  it('a malformed update.toml stops with file:line:col and exit 2', async () => {
    f = await withRelease();
    const path = join(f.bot, 'config/update.toml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('channel = "main"', 'channel = "main'));
    const before = snapshot(f);
    const r = await slipway(f, []);
    expect(r.stderr).toMatch(
      /^slipway update: config\/update\.toml:2:\d+: TOML syntax error: Unterminated string \(UPD001\)\n$/,
    );
    expect(r.code).toBe(2);
    expect(snapshot(f)).toEqual(before);
    expect(calls(f)).toEqual([]);
  });

  it('a schema error names the key', async () => {
    f = await withRelease();
    const path = join(f.bot, 'config/update.toml');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('health_timeout_seconds = 3', 'health_timeout_seconds = "soon"'),
    );
    const r = await slipway(f, []);
    expect(r.stderr).toMatch(
      /^slipway update: config\/update\.toml:5:1: \[update\]\.health_timeout_seconds: .*expected number.* \(UPD001\)\n$/,
    );
    expect(r.code).toBe(2);
  });

  it('an unreadable environment override stops with exit 2', async () => {
    f = await withRelease();
    const r = await slipway(f, [], { BOT_UPDATE_INTERVAL: '1h' });
    expect(r.stderr).toBe(
      'slipway update: BOT_UPDATE_INTERVAL="1h" is not a whole number of minutes between 1 and 10080 (UPD002)\n',
    );
    expect(r.code).toBe(2);
  });

  it('a broken state file stops with exit 2 instead of resetting the counters', async () => {
    f = await withRelease();
    mkdirSync(join(f.bot, 'bot_persistence/default/meta'), { recursive: true });
    writeFileSync(join(f.bot, STATE), '{"schema": 1, "day": "2026-01-01"}\n');
    const r = await slipway(f, []);
    expect(r.stderr).toMatch(
      /^slipway update: bot_persistence\/default\/meta\/update_state\.json:1 at "attempts_today": .*\(UPD003\)\n$/,
    );
    expect(r.code).toBe(2);
  });

  it('a state file that says a counter twice is refused, not read as its last word', async () => {
    f = await withRelease();
    mkdirSync(join(f.bot, 'bot_persistence/default/meta'), { recursive: true });
    const twice =
      '{\n"schema": 1, "day": "2026-01-01", "attempts_today": 0, "total_failures": 0,\n' +
      '"failures_today": 9, "circuit": {"open": false},\n"failures_today": 0\n}\n';
    writeFileSync(join(f.bot, STATE), twice);
    const r = await slipway(f, []);
    expect(r.stderr).toBe(
      'slipway update: bot_persistence/default/meta/update_state.json:4 is not valid JSON (duplicate key "failures_today"); fix it or delete it (UPD003)\n',
    );
    expect(r.code).toBe(2);
  });

  it('a channel the remote does not have is a fetch failure', async () => {
    f = await withRelease();
    const r = await slipway(f, [], { BOT_UPDATE_CHANNEL: 'stable' });
    expect(r.stdout).toMatch(/failed at fetch: the channel branch "stable" does not exist on origin/);
    expect(readState(f)).toMatchObject({ fetch_failures_today: 1, failures_today: 0 });
  });

  it('a dirty tree is refused before anything is touched', async () => {
    f = await withRelease();
    writeFileSync(join(f.bot, 'app.txt'), 'hot fix on the server\n');
    const before = snapshot(f);
    const r = await slipway(f, []);
    expect(r.stdout).toBe(
      'slipway update [default]: not updating: the working tree has uncommitted changes (app.txt); commit or discard them first\n',
    );
    expect(r.code).toBe(1);
    expect(snapshot(f)).toEqual(before);
    expect(readState(f)).toMatchObject({
      attempts_today: 0,
      failures_today: 0,
      last_run: { result: 'skipped' },
    });
    expect(calls(f)).toEqual([]);
  });

  it('a stale persistence save is refused', async () => {
    f = await withRelease();
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(f.bot, 'bot_persistence/default/state.db'), old, old);
    const r = await slipway(f, []);
    expect(r.stdout).toMatch(
      /not updating: the last persistence save \(.*\) is older than min_save_age_minutes = 30/,
    );
    expect(r.code).toBe(1);
  });

  it('a backup that cannot be written (file size limit hit by real tar) fails the snapshot and changes nothing', async () => {
    f = await withRelease();
    // Big enough that tar needs more than the 1-block (512 bytes) limit set below.
    writeFileSync(join(f.bot, 'bot_persistence/default/history.bin'), Buffer.alloc(64 * 1024, 7));
    const bin = join(f.dir, 'limited-bin');
    mkdirSync(bin);
    const realTar = execFileSync('sh', ['-c', 'command -v tar'], { encoding: 'utf8' }).trim();
    writeFileSync(join(bin, 'tar'), `#!/bin/sh\ntrap '' XFSZ\nulimit -f 1\nexec ${realTar} "$@"\n`);
    chmodSync(join(bin, 'tar'), 0o755);
    const before = snapshot(f);
    const headBefore = git(f, f.bot, 'rev-parse', 'HEAD');
    const r = await slipway(f, [], { PATH: `${bin}:${f.env.PATH}` });
    expect(r.stdout).toMatch(
      /failed at snapshot: tar -cf failed \(exit 2\): .*code\.tar: (Cannot write|Wrote only \d+ of \d+ bytes)/,
    );
    expect(r.code).toBe(1);
    expect(snapshot(f)).toEqual(before);
    expect(git(f, f.bot, 'rev-parse', 'HEAD')).toBe(headBefore);
    expect(readdirSync(join(f.bot, 'backups'))).toEqual([]);
    expect(readState(f)).toMatchObject({
      attempts_today: 1,
      failures_today: 1,
      last_run: { step: 'snapshot' },
    });
    expect(calls(f)).toEqual(['save v1.1.0']);
  });

  it('a backup directory on a nearly full disk (tiny tmpfs) is refused before writing', async () => {
    f = await withRelease();
    writeFileSync(join(f.bot, 'bot_persistence/default/history.bin'), Buffer.alloc(256 * 1024, 7));
    const backups = join(f.bot, 'backups');
    mkdirSync(backups);
    // Root can mount here (this machine, CI); anyone else cannot, and this test needs the mount.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', backups]);
    try {
      const before = snapshot(f);
      const r = await slipway(f, []);
      expect(r.stdout).toMatch(
        /failed at snapshot: not enough free space for the backup in backups: it needs about 0\.\d MiB and 0\.1 MiB is free/,
      );
      expect(r.code).toBe(1);
      expect(snapshot(f)).toEqual(before);
      expect(readdirSync(backups)).toEqual([]);
    } finally {
      execFileSync('umount', [backups]);
    }
  });

  it('two updaters at once: the second is turned away and changes nothing', async () => {
    f = await withRelease();
    writeFileSync(join(f.control, 'hold-test'), '');
    const first = slipway(f, []);
    while (!existsSync(join(f.control, 'test-started'))) await new Promise((r) => setTimeout(r, 20));
    const second = await slipway(f, []);
    expect(second.stderr).toMatch(
      /^slipway update: another `slipway update --profile default` is running \(pid \d+ on .*\); wait for it, or remove .*slipway-update\.lock if that process is gone\n$/,
    );
    expect(second.code).toBe(1);
    writeFileSync(join(f.control, 'go'), '');
    const done = await first;
    expect(done.stdout).toMatch(/updated v1\.0\.0 -> v1\.1\.0/);
    expect(readState(f)).toMatchObject({ attempts_today: 1, failures_today: 0 });
    expect(existsSync(join(f.bot, '.git/slipway-update.lock'))).toBe(false);
  });

  it('a lock left by a dead updater is taken over', async () => {
    f = await withRelease();
    const lock = join(f.bot, '.git/slipway-update.lock');
    const host = (await import('node:os')).hostname();
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host, started_at: '2026-01-01T00:00:00Z' }));
    const r = await slipway(f, []);
    expect(r.stdout).toMatch(/updated v1\.0\.0 -> v1\.1\.0/);
    expect(existsSync(lock)).toBe(false);
  });

  it('an unknown subcommand or flag is a usage error', async () => {
    f = await createFixture();
    expect((await slipway(f, ['upgrade'])).stderr).toContain('unknown subcommand "upgrade"');
    const bad = await slipway(f, ['--force']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--force'");
  });
});
