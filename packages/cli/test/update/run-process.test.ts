import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processAlive } from '../../../../test/helpers/process-alive.js';
import { waitUntil } from '../../../../test/helpers/wait-until.js';
import { runProcess } from '../../src/update/run-process.js';

// A timeout no quick command reaches, however loaded the machine; the tests of timing out set
// their own, long enough for sh to start what they check.
const opts = { cwd: '/', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, timeoutMs: 60_000 };

describe('runProcess (hooks, git, tar)', () => {
  it('returns when the command exits, even if something it started in the background keeps its output open', async () => {
    // A restart hook that starts the bot with `nohup bot &`: the bot inherits the pipes and lives
    // on, here past the timeout; runProcess returned before it ended, so it never waited for it.
    const pidFile = join(mkdtempSync(join(tmpdir(), 'slipway-run-process-')), 'bot.pid');
    const r = await runProcess(['sh', '-c', `sleep 120 & echo $! > "${pidFile}"; echo started`], opts);
    const bot = Number(readFileSync(pidFile, 'utf8'));
    try {
      expect(r).toEqual({ code: 0, stdout: 'started\n', stderr: '' });
      expect(processAlive(bot)).toBe(true);
    } finally {
      process.kill(bot, 'SIGKILL');
    }
  });

  it('still times out a command that hangs, and reports a missing program', async () => {
    const hung = await runProcess(['sh', '-c', 'echo waiting; exec sleep 30'], { ...opts, timeoutMs: 3000 });
    expect(hung).toMatchObject({ code: null, stdout: 'waiting\n', failure: 'timed out after 3s' });
    const missing = await runProcess(['no-such-program-here'], opts);
    expect(missing).toMatchObject({ code: null, failure: 'no-such-program-here: command not found' });
    expect(await runProcess([], opts)).toMatchObject({ code: null, failure: 'empty command' });
  });

  it('a timeout stops what the hook started too, not only the hook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-run-process-'));
    const pidFile = join(dir, 'child.pid');
    const r = await runProcess(['sh', '-c', `sleep 30 & echo $! > "${pidFile}"; wait`], {
      ...opts,
      timeoutMs: 3000,
    });
    expect(r.failure).toBe('timed out after 3s');
    const child = Number(readFileSync(pidFile, 'utf8'));
    // The group got SIGTERM: the sleep is gone once reaped.
    await waitUntil(() => !processAlive(child), "the hook's background sleep to be gone");
  });

  it("keeps git's answers as written: a path held by a secret-named variable is not redacted", async () => {
    const env = { ...opts.env, DEPLOY_TOKEN_DIR: '/srv/bot/checkout' };
    const r = await runProcess(['sh', '-c', 'echo "$DEPLOY_TOKEN_DIR"'], { ...opts, env });
    expect(r).toEqual({ code: 0, stdout: '/srv/bot/checkout\n', stderr: '' });
  });
});
