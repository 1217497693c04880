import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Rollbacks, signatures, the journal line and what the operator is told, in the cases that once went wrong. */
let f: Fixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

describe('rollbacks and signatures', () => {
  it('rolls back intact with backup_dir = "./backups/" (the snapshot used to be wiped with the code)', async () => {
    f = await createFixture('backup_dir = "./backups/"');
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    writeFileSync(join(f.control, 'fail-test'), '');
    const before = snapshot(f);
    const head = git(f, f.bot, 'rev-parse', 'HEAD');
    const r = await slipway(f, []);
    expect(r.stdout).toMatch(
      /failed at test: .*; restored v1\.0\.0 from backups\/[^/]+; the service was not touched\n$/,
    );
    expect(r.code).toBe(1);
    expect(snapshot(f)).toEqual(before);
    expect(git(f, f.bot, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(f, f.bot, 'status', '--porcelain')).toBe('');
    expect(readState(f)).toMatchObject({ failures_today: 1, circuit: { open: false } });
  });

  it('refuses a signed release candidate pushed under a release name (relabelled tag object)', async () => {
    f = await createFixture();
    release(f, 'v1.1.0-rc1', 'release candidate\n', 'release');
    // The same signed tag object, published as refs/tags/v1.1.0: the signature still verifies.
    const object = git(f, f.dev, 'rev-parse', 'refs/tags/v1.1.0-rc1');
    git(f, f.dev, 'update-ref', 'refs/tags/v1.1.0', object);
    publish(f);
    const before = snapshot(f);
    const r = await slipway(f, []);
    expect(r.stdout).toMatch(
      /failed at verify: the signature on v1\.1\.0 does not verify \(the signed tag object is named "v1\.1\.0-rc1", not "v1\.1\.0": a relabelled tag\); refusing it/,
    );
    expect(r.code).toBe(1);
    expect(snapshot(f)).toEqual(before);
    expect(readFileSync(join(f.bot, 'app.txt'), 'utf8')).toBe('release 1.0.0\n');
    expect(readState(f)).toMatchObject({ attempts_today: 0, failures_today: 1 });
    expect(calls(f)).toEqual([]);
  });

  it('a failure at resume brings the old version back; one at the save hook touches nothing', async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    const before = snapshot(f);
    writeFileSync(join(f.control, 'fail-resume'), '');
    const r = await slipway(f, []);
    expect(r.stdout).toMatch(
      /failed at resume: .*resume hook failed on purpose; restored and restarted v1\.0\.0/,
    );
    expect(r.code).toBe(1);
    expect(snapshot(f)).toEqual(before);
    expect(readFileSync(join(f.control, 'running.txt'), 'utf8')).toBe('release 1.0.0\n');
    rmSync(join(f.control, 'fail-resume'));

    writeFileSync(join(f.control, 'fail-save'), '');
    resetCalls(f);
    const s = await slipway(f, []);
    expect(s.stdout).toMatch(
      /failed at snapshot: .*save\.sh` exited with 3: save hook failed on purpose; the circuit is open/,
    );
    expect(s.code).toBe(1);
    expect(snapshot(f)).toEqual(before);
    expect(calls(f)).toEqual(['save v1.1.0']);
    // Two failures today reach max_failures_per_day = 2.
    expect(readState(f)).toMatchObject({ attempts_today: 2, failures_today: 2, circuit: { open: true } });
  });
});

describe('the journal line', () => {
  it("stays one line and names git's own complaint when apply and rollback both fail", async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    // A git started by someone else once the updater is past its index.lock check (here: during
    // the save hook) holds the lock: checkout refuses, and so does the rollback's checkout. A lock
    // already there before the run is refused up front (skips-not-failures.test.ts).
    const config = readFileSync(join(f.bot, 'config/update.toml'), 'utf8').replace(
      /^save_command = .*$/m,
      'save_command = ["sh", "-c", "touch .git/index.lock"]',
    );
    const alt = join(f.dir, 'update-lock-mid-run.toml');
    writeFileSync(alt, config);
    const before = snapshot(f);
    const r = await slipway(f, ['--config', alt]);
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stdout).toMatch(
      /failed at apply: `git checkout .*` exited with 128: fatal: Unable to create '.*index\.lock': File exists\.; ROLLBACK FAILED \(`git checkout .*` exited with 128: fatal: Unable to create/,
    );
    expect(r.code).toBe(1);
    expect(snapshot(f)).toEqual(before);
  });
});

describe('a server without gpg', () => {
  it('says the signature cannot be checked, not that the release is unsigned', async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    const bin = join(f.dir, 'no-gpg-bin');
    mkdirSync(bin);
    const gitPath = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    symlinkSync(gitPath, join(bin, 'git'));
    const r = await slipway(f, [], { PATH: bin });
    expect(r.stdout).toMatch(
      /failed at verify: v1\.1\.0 is signed by a key this server cannot check \(git cannot run gpg to check it; install it\)/,
    );
    expect(r.code).toBe(1);
  });
});

describe('a new release tag on the running commit', () => {
  it('verifies its signature instead of calling it unsigned (and counting a failure)', async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    expect((await slipway(f, [])).stdout).toMatch(/updated v1\.0\.0 -> v1\.1\.0/);
    const signer = { env: { ...f.env, GNUPGHOME: join(f.dir, 'gs') } };
    git(
      signer,
      f.dev,
      '-c',
      `user.signingkey=${f.keys.release}!`,
      'tag',
      '-s',
      'v1.1.1',
      '-m',
      'v1.1.1',
      'v1.1.0^{commit}',
    );
    publish(f);
    const r = await slipway(f, []);
    expect(r.stdout).toMatch(/^slipway update \[default\]: updated v1\.1\.0 -> v1\.1\.1 /);
    expect(r.code).toBe(0);
    expect(readState(f)).toMatchObject({
      failures_today: 0,
      last_run: { result: 'updated', target: 'v1.1.1' },
    });
    expect((await slipway(f, [])).stdout).toBe('slipway update [default]: up to date at v1.1.1\n');
  });
});

describe('what the operator is told', () => {
  it('names a newer release the channel does not contain, and says when a restart is still pending', async () => {
    f = await createFixture('auto_restart = false');
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    git(f, f.dev, 'checkout', '--quiet', '-b', 'side');
    release(f, 'v9.0.0', 'side release\n', 'release');
    git(f, f.dev, 'checkout', '--quiet', 'main');
    git(f, f.dev, 'push', '--quiet', 'origin', 'side');
    publish(f);
    const r = await slipway(f, []);
    expect(r.stderr).toBe('slipway update [default]: ignoring tag v9.0.0: not on origin/main\n');
    expect(r.stdout).toBe(
      'slipway update [default]: applied v1.0.0 -> v1.1.0; restart pending (auto_restart = false)\n',
    );
    const again = await slipway(f, []);
    expect(again.stdout).toBe(
      'slipway update [default]: up to date at v1.1.0; restart pending (auto_restart = false)\n',
    );
    expect(again.code).toBe(0);
  });

  it('a checkout without a commit is one clear line, not an internal error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slw-upd-empty-'));
    try {
      execFileSync('git', ['init', '--quiet', dir]);
      mkdirSync(join(dir, 'config'));
      writeFileSync(join(dir, 'config/update.toml'), '[update]\n');
      const fake = {
        bot: dir,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
      } as unknown as Fixture;
      const r = await slipway(fake, []);
      expect(r.stderr).toBe(
        `slipway update: ${dir} has no commit checked out; clone the bot's repository and check out a release first\n`,
      );
      expect(r.code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
