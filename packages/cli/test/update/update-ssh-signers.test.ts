import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, createFixture, git, readState, slipway } from './fixture.js';

let f: Fixture;
afterEach(async () => {
  await f?.close();
});

/** Two real SSH keys; only the first is listed in the allowed_signers file the config names. */
function sshKeys(fx: Fixture) {
  const keys = { allowed: join(fx.control, 'id_release'), other: join(fx.control, 'id_other') };
  for (const k of Object.values(keys))
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'k', '-f', k]);
  const pub = readFileSync(`${keys.allowed}.pub`, 'utf8').trim();
  writeFileSync(join(fx.control, 'allowed_signers'), `release@example.test ${pub}\n`);
  return keys;
}

function sshRelease(fx: Fixture, tag: string, app: string, key: string) {
  writeFileSync(join(fx.dev, 'app.txt'), app);
  git(fx, fx.dev, 'add', '-A');
  git(fx, fx.dev, 'commit', '--quiet', '-m', tag);
  git(fx, fx.dev, '-c', 'gpg.format=ssh', '-c', `user.signingkey=${key}`, 'tag', '-s', tag, '-m', tag);
  git(fx, fx.dev, 'push', '--quiet', 'origin', 'main', '--tags');
}

describe('SSH-signed release tags with allowed_signers_file', () => {
  it('accepts a tag signed by a listed key and refuses one signed by another', async () => {
    f = await createFixture('allowed_signers_file = "{control}/allowed_signers"');
    const keys = sshKeys(f);
    sshRelease(f, 'v1.1.0', 'release 1.1.0\n', keys.other);
    const refused = await slipway(f, []);
    expect(refused.stdout).toMatch(
      /failed at verify: v1\.1\.0 is SSH-signed by SHA256:\S+, which allowed_signers_file does not list/,
    );
    expect(readState(f)).toMatchObject({ failures_today: 1 });

    sshRelease(f, 'v1.2.0', 'release 1.2.0\n', keys.allowed);
    const ok = await slipway(f, []);
    expect(ok.stdout).toMatch(/updated v1\.0\.0 -> v1\.2\.0/);
  });
});
