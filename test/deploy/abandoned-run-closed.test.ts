import { readAuditLog } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVE, DeployFixture } from './helpers/deploy-repo.js';
import { runCli, startCli } from './helpers/run-cli.js';
import { waitUntil } from '../helpers/wait-until.js';

const LOG = 'infrastructure/deploy-audit.jsonl';

/**
 * A Slipway killed mid-deploy (SIGKILL: an editor that vanished, a machine that stopped) can log
 * nothing more: its `started` line stays unanswered. The next run that takes the lock closes it
 * with a `failed` line that says the run was abandoned, so the log never leaves a deploy hanging.
 */
describe('a run killed after "started" is closed by the next one', () => {
  let f: DeployFixture;
  let shaB = '';
  const cli = (args: string[], env: Record<string, string> = {}) =>
    runCli(args, { cwd: f.repo.dir, env: { ...f.env, ...env } });
  const events = () => readAuditLog(f.read(LOG) ?? '', undefined).entries.map((e) => e.event);

  beforeAll(async () => {
    f = await new DeployFixture().start();
    expect((await cli(['promote', '--env', 'staging'])).code).toBe(0);
    expect((await cli(['promote', '--env', 'production', ...APPROVE])).code).toBe(0);
    f.repo.write({ 'app.txt': 'v2\n' });
    shaB = f.repo.commit('v2');
    expect((await cli(['promote', '--env', 'staging'])).code).toBe(0);
  });
  afterAll(() => f.dispose());

  it('writes one failed "abandoned" line after the killed promote, then goes on', async () => {
    const run = startCli(['promote', shaB, '--env', 'production', ...APPROVE], {
      cwd: f.repo.dir,
      env: { ...f.env, DEPLOY_SLEEP: '5' },
    });
    // Wait for the started line, then kill Slipway where it cannot log anything more.
    await waitUntil(() => events().at(-1)?.outcome === 'started', 'the promote to log "started"');
    expect(events().at(-1)).toMatchObject({ event: 'PROMOTE', outcome: 'started', to: shaB });
    run.child.kill('SIGKILL');
    await run.done;
    const before = events().length;

    // A dry run changes nothing, not even this.
    expect((await cli(['promote', shaB, '--env', 'production', '--dry-run'])).code).toBe(0);
    expect(events().length).toBe(before);

    const next = await cli(['promote', shaB, '--env', 'production', ...APPROVE]);
    expect(next.code, next.stdout + next.stderr).toBe(0);
    expect(next.stdout + next.stderr).toMatch(/abandoned: the run that logged "started"/);
    const after = events().slice(before - 1);
    expect(after.map((e) => [e.event, e.outcome])).toEqual([
      ['PROMOTE', 'started'],
      ['PROMOTE', 'failed'],
      ['PROMOTE', 'started'],
      ['PROMOTE', 'succeeded'],
    ]);
    expect(after[1]?.details?.[0]).toMatch(/ended without logging how it ended.*whether production runs/);
    expect(after[1]?.to).toBe(shaB);

    // Closed once: the run after that finds nothing to close.
    const again = await cli(['promote', shaB, '--env', 'production', ...APPROVE]);
    expect(again.stdout + again.stderr).not.toMatch(/abandoned/);
    const history = await cli(['history']);
    expect(history.stdout).toMatch(/abandoned/);
  }, 60_000);
});
