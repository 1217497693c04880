import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeze, utcText } from './helpers/deny-window.js';
import { DeployFixture } from './helpers/deploy-repo.js';
import { GithubAppStandIn, sign } from './helpers/github-app-stand-in.js';
import { startCli } from './helpers/run-cli.js';

/**
 * The deploy windows at the gate: a deployment GitHub holds inside a deny window is rejected with
 * the window and when promotions resume; the gate never breaks the glass (a person does, at promote).
 */
describe('slipway gate inside a deny window', () => {
  let f: DeployFixture;
  let gh: GithubAppStandIn;
  const w = freeze(60);
  beforeAll(async () => {
    gh = await new GithubAppStandIn().start();
    f = await new DeployFixture(w.yaml).start();
  });
  afterAll(async () => {
    await f.dispose();
    await gh.stop();
  });

  it('rejects production with the window that refuses it; staging, which has no windows, is approved', async () => {
    const sha = await f.ship('staging');
    const file = join(f.state, 'delivery.json');
    const run = (environment: string) => {
      const body = gh.delivery('documented', { sha, environment });
      writeFileSync(file, body);
      return startCli(['gate', '--event', file, '--signature', sign(body), ...gh.gateArgs()], {
        cwd: f.repo.dir,
        env: { ...f.env, ...gh.appEnv() },
      }).done;
    };
    const prod = await run('production');
    expect(prod.code).toBe(1);
    expect(gh.reviews.at(-1)?.body.comment).toContain(
      `\n- window: deny window "freeze" (${w.cron} for 3h, UTC) is open until ${utcText(w.end)}; promotions resume ${utcText(w.end)}`,
    );
    const staging = await run('staging');
    expect(staging.code).toBe(0);
    expect(gh.reviews.at(-1)?.body.state).toBe('approved');
  });
});
