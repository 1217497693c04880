import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { listenForConnections, recordSpawns } from './spawn-recorder.js';

// The measuring tools of the hostile-repository tests must themselves see what they claim to:
// a shimmed program run by name is logged with its arguments and still runs; a refused one does
// not run; a connection to the listener is counted.
describe('spawn recorder and connection listener', () => {
  const rec = recordSpawns(['git', 'ssh'], { refuse: ['ssh'] });
  afterAll(() => rec.dispose());

  it('logs a call with its arguments and runs the real program', () => {
    const r = spawnSync('git', ['--version'], { env: rec.env(), encoding: 'utf8' });
    expect(r.stdout).toMatch(/^git version/);
    expect(rec.calls()).toEqual([{ program: 'git', args: ['--version'] }]);
  });

  it('logs a refused program and runs nothing', () => {
    rec.clear();
    const r = spawnSync('ssh', ['-V', 'a b'], { env: rec.env(), encoding: 'utf8' });
    expect(r.status).toBe(127);
    expect(rec.calls()).toEqual([{ program: 'ssh', args: ['-V', 'a b'] }]);
  });

  it('counts connections, and none before one is made', async () => {
    const l = await listenForConnections();
    expect(l.connections()).toBe(0);
    await new Promise<void>((resolve) => {
      const s = connect(l.port, '127.0.0.1');
      s.on('close', () => resolve());
      s.on('error', () => resolve());
    });
    expect(l.connections()).toBe(1);
    await l.close();
  });
});
