import { describe, expect, it } from 'vitest';
import { runProcess } from '../../src/update/run-process.js';

const opts = { cwd: '/', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, timeoutMs: 2000 };

describe('runProcess (hooks, git, tar)', () => {
  it('returns when the command exits, even if something it started in the background keeps its output open', async () => {
    // A restart hook that starts the bot with `nohup bot &`: the bot inherits the pipes and lives on.
    const r = await runProcess(['sh', '-c', 'sleep 3 & echo started'], opts);
    expect(r).toEqual({ code: 0, stdout: 'started\n', stderr: '' });
  });

  it('still times out a command that hangs, and reports a missing program', async () => {
    const hung = await runProcess(['sh', '-c', 'echo waiting; exec sleep 30'], { ...opts, timeoutMs: 1000 });
    expect(hung).toMatchObject({ code: null, stdout: 'waiting\n', failure: 'timed out after 1s' });
    const missing = await runProcess(['no-such-program-here'], opts);
    expect(missing).toMatchObject({ code: null, failure: 'no-such-program-here: command not found' });
  });
});
