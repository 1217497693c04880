import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../../../../test/helpers/cli.js';
import {
  AUDIT,
  type Fixture,
  STATE,
  calls,
  createFixture,
  git,
  publish,
  readState,
  release,
  resetCalls,
  slipway,
  treeHashes,
} from './fixture.js';

let f: Fixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

interface Run {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/**
 * The bundled CLI in its own process group, so that the whole group (node and the hook it runs)
 * can be killed at once, as a power cut would.
 */
function bundle(fx: Fixture, args: string[], started?: (pid: number) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: fx.bot,
      env: fx.env,
      detached: true,
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
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (child.pid !== undefined) started?.(child.pid);
  });
}

async function waitFor(path: string): Promise<void> {
  for (let i = 0; i < 1200 && !existsSync(path); i += 1) await sleep(50);
  if (!existsSync(path)) throw new Error(`${path} never appeared`);
}

const MARKER = '.git/slipway-update-in-progress.json';

describe('an updater killed outright (SIGKILL, power loss) during apply', () => {
  it('is undone by the next run before it decides anything, and counted as a failure', async () => {
    f = await createFixture('max_failures_per_day = 1');
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    expect((await slipway(f, [])).stdout).toMatch(/updated v1\.0\.0 -> v1\.1\.0/);
    release(f, 'v1.2.0', 'release 1.2.0\n', 'release');
    publish(f);
    const before = treeHashes(f.bot, [STATE, AUDIT]);
    expect(before['bot_persistence/default/meta/version.json']).toBeDefined();
    const head = git(f, f.bot, 'rev-parse', 'HEAD');
    resetCalls(f);

    // The test hook waits (control/hold-test) on the new code; the updater dies there.
    writeFileSync(join(f.control, 'hold-test'), '');
    let pid = 0;
    const killed = bundle(f, ['update'], (p) => {
      pid = p;
    });
    await waitFor(join(f.control, 'test-started'));
    process.kill(-pid, 'SIGKILL');
    expect((await killed).signal).toBe('SIGKILL');
    rmSync(join(f.control, 'hold-test'));
    // The hook runs in a process group of its own and outlives the updater: let it end, or it
    // waits for \`go\` for as long as the machine runs (its folder is removed after the test).
    writeFileSync(join(f.control, 'go'), '');
    // Untested v1.2.0 is on disk, and nothing rolled it back.
    expect(readFileSync(join(f.bot, 'app.txt'), 'utf8')).toBe('release 1.2.0\n');
    expect(existsSync(join(f.bot, MARKER))).toBe(true);
    expect((await slipway(f, ['status'])).stdout).toMatch(
      /^UPDATE INTERRUPTED: v1\.1\.0 -> v1\.2\.0 started \S+ \(pid \d+\) stopped during test; the next `slipway update` restores v1\.1\.0 from backups\/\S+$/m,
    );
    const dry = await bundle(f, ['update', '--dry-run']);
    expect(dry.stdout).toMatch(
      /^slipway update \[default\]: an interrupted update v1\.1\.0 -> v1\.2\.0 \(stopped during test\) is pending: a real run restores v1\.1\.0 from backups\/\S+ first; dry run, nothing changed\n$/,
    );
    expect(dry.code).toBe(1);
    expect(readFileSync(join(f.bot, 'app.txt'), 'utf8')).toBe('release 1.2.0\n');

    const r = await bundle(f, ['update']);
    expect(r.stdout).toMatch(
      /^slipway update \[default\]: recovered the interrupted update v1\.1\.0 -> v1\.2\.0 \(stopped during test\): restored v1\.1\.0 from backups\/\S+; the service was not touched; then not updating: the circuit is open since /,
    );
    expect(r.code).toBe(1);
    expect(git(f, f.bot, 'rev-parse', 'HEAD')).toBe(head);
    expect(treeHashes(f.bot, [STATE, AUDIT])).toEqual(before);
    expect(git(f, f.bot, 'status', '--porcelain')).toBe('');
    expect(existsSync(join(f.bot, MARKER))).toBe(false);
    expect(readState(f)).toMatchObject({
      attempts_today: 2,
      failures_today: 1,
      total_failures: 1,
      circuit: { open: true, reason: '1 failed update(s) on ' + readState(f).day + ', last at test' },
    });
    const audit = readFileSync(join(f.bot, AUDIT), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(audit.find((e) => e.event === 'update-failed')).toMatchObject({
      step: 'test',
      target: 'v1.2.0',
      message: expect.stringMatching(
        /^interrupted during test, the updater was killed before it could roll back/,
      ),
    });
    // The only hooks that ran: the killed run's save and test; the recovery had no service to restart.
    expect(calls(f)).toEqual(['save v1.2.0', 'test v1.2.0']);
    const status = (await slipway(f, ['status'])).stdout;
    expect(status).not.toContain('INTERRUPTED');
    expect(status).toMatch(/circuit: OPEN since/);
  });

  it('after the restart, also puts the persistence directory back and restarts the old version', async () => {
    f = await createFixture('max_failures_per_day = 1');
    release(f, 'v1.1.0', 'release 1.1.0\n', 'release');
    publish(f);
    expect((await slipway(f, [])).stdout).toMatch(/updated v1\.0\.0 -> v1\.1\.0/);
    release(f, 'v1.2.0', 'release 1.2.0\n', 'release');
    publish(f);
    // The new version starts, rewrites the bot's state in its own format, and the power goes.
    const c = f.control;
    const restart = `cp app.txt "${c}/running.txt"; if [ -z "$SLIPWAY_UPDATE_ROLLBACK" ] && [ -f "${c}/hold-restart" ]; then printf "new format" > bot_persistence/default/state.db; touch "${c}/restart-started"; sleep 60; fi`;
    const alt = join(f.dir, 'update-slow-restart.toml');
    writeFileSync(
      alt,
      readFileSync(join(f.bot, 'config/update.toml'), 'utf8').replace(
        /^restart_command = .*$/m,
        `restart_command = ["sh", "-c", '${restart}']`,
      ),
    );
    const before = treeHashes(f.bot, [STATE, AUDIT]);
    const head = git(f, f.bot, 'rev-parse', 'HEAD');
    writeFileSync(join(c, 'hold-restart'), '');
    let pid = 0;
    const killed = bundle(f, ['update', '--config', alt], (p) => {
      pid = p;
    });
    await waitFor(join(c, 'restart-started'));
    process.kill(-pid, 'SIGKILL');
    expect((await killed).signal).toBe('SIGKILL');
    rmSync(join(c, 'hold-restart'));
    expect(readFileSync(join(c, 'running.txt'), 'utf8')).toBe('release 1.2.0\n');
    resetCalls(f);

    const r = await bundle(f, ['update', '--config', alt]);
    expect(r.stdout).toMatch(
      /^slipway update \[default\]: recovered the interrupted update v1\.1\.0 -> v1\.2\.0 \(stopped during restart\): restored and restarted v1\.1\.0 from backups\/\S+; then not updating: the circuit is open/,
    );
    expect(git(f, f.bot, 'rev-parse', 'HEAD')).toBe(head);
    expect(treeHashes(f.bot, [STATE, AUDIT])).toEqual(before);
    expect(readFileSync(join(c, 'running.txt'), 'utf8')).toBe('release 1.1.0\n');
    expect(calls(f)).toEqual(['resume v1.2.0 rollback']);
    expect(readState(f)).toMatchObject({ failures_today: 1, circuit: { open: true } });
  });
});
