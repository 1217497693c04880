import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUDIT,
  type Fixture,
  calls,
  createFixture,
  git,
  publish,
  readState,
  release,
  slipway,
  treeHashes,
} from './fixture.js';

let f: Fixture;
afterEach(async () => {
  await f?.close();
});

describe('slipway update, happy path', () => {
  it('dry run fetches, verifies and decides, and changes nothing', async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    const before = treeHashes(f.bot);
    const r = await slipway(f, ['--dry-run']);
    expect(r.stdout).toMatch(
      /^slipway update \[default\]: would update v1\.0\.0 -> v1\.1\.0 \([0-9a-f]{12}\); dry run, nothing changed\n$/,
    );
    expect(r.stderr).toContain('app.txt');
    expect(r.code).toBe(0);
    expect(treeHashes(f.bot)).toEqual(before);
    expect(calls(f)).toEqual([]);
    expect(existsSync(join(f.bot, 'backups'))).toBe(false);
  });

  it('updates to the newest signed release: snapshot, apply, test, quiesce, restart, resume, health, report', async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    release(f, 'v1.2.0', 'release 1.2.0\n', 'release');
    publish(f);
    const r = await slipway(f, []);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /^slipway update \[default\]: updated v1\.0\.0 -> v1\.2\.0 \([0-9a-f]{12}\); healthy \(HTTP 200\)\n$/,
    );
    expect(r.code).toBe(0);
    expect(calls(f)).toEqual([
      'save v1.2.0',
      'test v1.2.0',
      'quiesce v1.2.0',
      'restart v1.2.0',
      'resume v1.2.0',
    ]);
    expect(git(f, f.bot, 'rev-parse', 'HEAD')).toBe(git(f, f.dev, 'rev-parse', 'v1.2.0^{commit}'));
    expect(readFileSync(join(f.bot, 'app.txt'), 'utf8')).toBe('release 1.2.0\n');
    expect(readFileSync(join(f.control, 'running.txt'), 'utf8')).toBe('release 1.2.0\n');

    const version = JSON.parse(
      readFileSync(join(f.bot, 'bot_persistence/default/meta/version.json'), 'utf8'),
    );
    expect(version).toMatchObject({
      version: 'v1.2.0',
      commit: git(f, f.dev, 'rev-parse', 'v1.2.0^{commit}'),
      restart_pending: false,
      previous: { version: 'v1.0.0', commit: git(f, f.dev, 'rev-parse', 'v1.0.0^{commit}') },
    });
    expect(readState(f)).toMatchObject({
      attempts_today: 1,
      failures_today: 0,
      circuit: { open: false },
      last_run: { result: 'updated', target: 'v1.2.0' },
    });
    const audit = readFileSync(join(f.bot, AUDIT), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(audit).toMatchObject([
      { event: 'update-updated', profile: 'default', from: 'v1.0.0', target: 'v1.2.0' },
    ]);
    const backups = readdirSync(join(f.bot, 'backups'));
    expect(backups).toHaveLength(1);
    expect(readdirSync(join(f.bot, 'backups', backups[0] as string)).sort()).toEqual([
      'code.tar',
      'manifest.json',
      'persistence.tar',
    ]);
    expect(git(f, f.bot, 'status', '--porcelain')).toBe('');

    // The next run finds nothing newer.
    const again = await slipway(f, []);
    expect(again.stdout).toBe('slipway update [default]: up to date at v1.2.0\n');
    expect(again.code).toBe(0);
  });

  it('with auto_restart = false applies the release and reports "restart pending"', async () => {
    f = await createFixture('auto_restart = false');
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    const r = await slipway(f, []);
    expect(r.stdout).toBe(
      'slipway update [default]: applied v1.0.0 -> v1.1.0; restart pending (auto_restart = false)\n',
    );
    expect(r.code).toBe(0);
    expect(calls(f)).toEqual(['save v1.1.0', 'test v1.1.0']);
    expect(readFileSync(join(f.control, 'running.txt'), 'utf8')).toBe('release 1.0.0\n');
    const version = JSON.parse(
      readFileSync(join(f.bot, 'bot_persistence/default/meta/version.json'), 'utf8'),
    );
    expect(version.restart_pending).toBe(true);
    expect((await slipway(f, ['status'])).stdout).toContain('RESTART PENDING');
  });

  it('BOT_AUTO_UPDATE=0 switches it off without touching anything; a dry run still looks', async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    const before = treeHashes(f.bot);
    const off = await slipway(f, [], { BOT_AUTO_UPDATE: '0' });
    expect(off.stdout).toBe(
      'slipway update [default]: auto-update is disabled (enabled = false or BOT_AUTO_UPDATE=0); nothing done\n',
    );
    expect(off.code).toBe(0);
    expect(treeHashes(f.bot)).toEqual(before);
    const dry = await slipway(f, ['--dry-run'], { BOT_AUTO_UPDATE: '0' });
    expect(dry.stdout).toMatch(/not updating: auto-update is disabled/);
    expect(treeHashes(f.bot)).toEqual(before);
  });

  it('status prints the state; reset needs a reason and closes the circuit', async () => {
    f = await createFixture();
    const empty = await slipway(f, ['status']);
    expect(empty.stdout).toContain('running: unknown (no version.json yet)');
    expect(empty.stdout).toContain('circuit: closed');
    const noReason = await slipway(f, ['reset']);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('reset needs --reason');
    const reset = await slipway(f, ['reset', '--reason', 'remote fixed']);
    expect(reset.stdout).toBe(
      'slipway update [default]: circuit was already closed; failures today cleared (remote fixed)\n',
    );
    const json = JSON.parse((await slipway(f, ['status', '--json'])).stdout);
    expect(json.state.resets).toMatchObject([{ reason: 'remote fixed' }]);
  });

  it('ignores tags that are not vX.Y.Z, saying so', async () => {
    f = await createFixture();
    release(f, 'v2.0', 'release 2.0\n', 'release');
    release(f, 'v1.1.0-rc1', 'release rc\n', 'release');
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    const r = await slipway(f, []);
    expect(r.stderr).toContain('ignoring tag v1.1.0-rc1: not a vX.Y.Z release tag');
    expect(r.stderr).toContain('ignoring tag v2.0: not a vX.Y.Z release tag');
    expect(r.stdout).toMatch(/updated v1\.0\.0 -> v1\.1\.0/);
  });
});
