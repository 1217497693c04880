import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../../../../test/helpers/cli.js';
import {
  AUDIT,
  type Fixture,
  STATE,
  createFixture,
  git,
  publish,
  readState,
  release,
  treeHashes,
} from './fixture.js';

let f: Fixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

/** The bundled CLI as its own process, so that a signal reaches it and not the test runner. */
function bundle(
  fx: Fixture,
  args: string[],
): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: fx.bot,
      env: fx.env,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout }));
  });
}

describe('an updater stopped halfway (systemd stop, a timeout)', () => {
  it('rolls back before exiting instead of leaving the new code half-installed', async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    // The test hook runs on the new code; meanwhile the updater receives SIGTERM.
    const config = readFileSync(join(f.bot, 'config/update.toml'), 'utf8').replace(
      /^test_command = .*$/m,
      'test_command = ["sh", "-c", "kill -TERM $PPID; sleep 0.3"]',
    );
    const alt = join(f.dir, 'update-sigterm.toml');
    writeFileSync(alt, config);
    const before = treeHashes(f.bot, [STATE, AUDIT]);
    const head = git(f, f.bot, 'rev-parse', 'HEAD');
    const r = await bundle(f, ['update', '--config', alt]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^slipway update \[default\]: failed at test: interrupted by SIGTERM; rolling back before exiting; restored v1\.0\.0 from backups\/[^ ]+; the service was not touched\n$/,
    );
    expect(git(f, f.bot, 'rev-parse', 'HEAD')).toBe(head);
    expect(treeHashes(f.bot, [STATE, AUDIT])).toEqual(before);
    expect(readState(f)).toMatchObject({ failures_today: 1, last_run: { step: 'test' } });
  });
});
