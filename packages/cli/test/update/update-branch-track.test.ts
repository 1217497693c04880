import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Fixture,
  STATE,
  AUDIT,
  commitOnMain,
  createFixture,
  git,
  publish,
  readState,
  slipway,
  treeHashes,
} from './fixture.js';

let f: Fixture;
afterEach(async () => {
  await f?.close();
});

async function onMain(): Promise<Fixture> {
  const fx = await createFixture('track = "branch"');
  git(fx, fx.bot, 'checkout', '--quiet', 'main');
  return fx;
}

describe('track = "branch": fast-forward to signed commits', () => {
  it('fast-forwards the branch to a signed channel head', async () => {
    f = await onMain();
    commitOnMain(f, 'hotfix 1\n', 'release');
    publish(f);
    const r = await slipway(f, []);
    const head = git(f, f.dev, 'rev-parse', 'HEAD');
    expect(r.stdout).toBe(
      `slipway update [default]: updated v1.0.0 -> ${head.slice(0, 12)} (${head.slice(0, 12)}); healthy (HTTP 200)\n`,
    );
    expect(git(f, f.bot, 'symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(git(f, f.bot, 'rev-parse', 'HEAD')).toBe(head);
    expect(readFileSync(join(f.bot, 'app.txt'), 'utf8')).toBe('hotfix 1\n');
    expect((await slipway(f, [])).stdout).toBe(
      `slipway update [default]: up to date at ${head.slice(0, 12)}\n`,
    );
  });

  it('refuses an unsigned or wrongly signed head', async () => {
    f = await onMain();
    commitOnMain(f, 'hotfix 1\n', 'unsigned');
    publish(f);
    expect((await slipway(f, [])).stdout).toMatch(/failed at verify: [0-9a-f]{12} is not signed/);
    commitOnMain(f, 'hotfix 2\n', 'rogue');
    publish(f);
    expect((await slipway(f, [])).stdout).toMatch(
      /failed at verify: [0-9a-f]{12} is signed by [0-9A-F]{40}.*not in allowed_signers/,
    );
  });

  it('refuses a rewound channel (not a fast-forward)', async () => {
    f = await onMain();
    commitOnMain(f, 'hotfix 1\n', 'release');
    commitOnMain(f, 'hotfix 2\n', 'release');
    publish(f);
    expect((await slipway(f, [])).code).toBe(0);
    const at = git(f, f.bot, 'rev-parse', 'HEAD');
    git(f, f.dev, 'reset', '--quiet', '--hard', 'HEAD~1');
    publish(f);
    const r = await slipway(f, []);
    expect(r.stdout).toMatch(/failed at verify: [0-9a-f]{12} does not descend from the running commit/);
    expect(git(f, f.bot, 'rev-parse', 'HEAD')).toBe(at);
    expect(readState(f)).toMatchObject({ failures_today: 1 });
  });

  it('puts the branch back where it was when the test hook fails', async () => {
    f = await onMain();
    commitOnMain(f, 'hotfix 1\n', 'release');
    publish(f);
    writeFileSync(join(f.control, 'fail-test'), '');
    const before = treeHashes(f.bot, [STATE, AUDIT]);
    const at = git(f, f.bot, 'rev-parse', 'HEAD');
    const r = await slipway(f, []);
    expect(r.stdout).toMatch(/failed at test: .*restored v1\.0\.0 from backups\//);
    expect(git(f, f.bot, 'symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(git(f, f.bot, 'rev-parse', 'main')).toBe(at);
    expect(treeHashes(f.bot, [STATE, AUDIT])).toEqual(before);
    expect(git(f, f.bot, 'status', '--porcelain')).toBe('');
  });
});
