import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../../../../test/helpers/cli.js';
import { type Fixture, calls, createFixture, publish, release } from './fixture.js';

let f: Fixture;
afterEach(async () => {
  await f?.close();
});

/** The bundled CLI as a child process, without blocking this process (it serves /health). */
function bundle(
  fx: Fixture,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: fx.bot,
      env: fx.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('slipway update from the bundled CLI', () => {
  it('is listed, updates for real and reports status', async () => {
    f = await createFixture();
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    expect((await bundle(f, ['--help'])).stdout).toMatch(/^ {2}update +update a self-hosted bot/m);
    const r = await bundle(f, ['update']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /^slipway update \[default\]: updated v1\.0\.0 -> v1\.1\.0 \([0-9a-f]{12}\); healthy \(HTTP 200\)\n$/,
    );
    expect(r.code).toBe(0);
    expect(calls(f)).toHaveLength(5);
    expect(readFileSync(join(f.bot, 'app.txt'), 'utf8')).toBe('release 1.1.0\n');
    const status = await bundle(f, ['update', 'status']);
    expect(status.stdout).toMatch(/^running: v1\.1\.0 /m);
    expect(status.stdout).toMatch(/^today: 1\/3 attempts, 0\/2 failures, 0 failed fetches$/m);
  });

  it('prints a config error as one line with exit 2', async () => {
    f = await createFixture('interval_minutes = 0');
    const r = await bundle(f, ['update', '--dry-run']);
    expect(r.stderr).toMatch(
      /^slipway update: config\/update\.toml:\d+:1: \[update\]\.interval_minutes: .* \(UPD001\)\n$/,
    );
    expect(r.code).toBe(2);
  });
});
