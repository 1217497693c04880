import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployFixture } from './helpers/deploy-repo.js';
import { GithubAppStandIn } from './helpers/github-app-stand-in.js';
import { startCli } from './helpers/run-cli.js';

const SECRET = 'webhook-secret-for-the-test';
const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

/**
 * `slipway gate --serve`, the GitHub App's webhook endpoint, through the built CLI: deliveries
 * signed with the webhook secret are answered 202 and judged, the review sent to the stand-in of
 * GitHub's API; unsigned or wrongly signed ones are refused before they are read.
 */
describe('slipway gate --serve', () => {
  let f: DeployFixture;
  let gh: GithubAppStandIn;
  let unverified: string;
  beforeAll(async () => {
    gh = await new GithubAppStandIn().start();
    f = await new DeployFixture().start();
    unverified = f.repo.git('rev-parse', 'HEAD').trim();
  });
  afterAll(async () => {
    await f.dispose();
    await gh.stop();
  });

  it("--serve: the App's webhook endpoint; unsigned deliveries refused 401, a signed one answered 202 then reviewed, ping, SIGTERM stops it", async () => {
    const server = startCli(['gate', '--serve', '--port', '0', '--api-url', gh.url], {
      cwd: f.repo.dir,
      env: { ...f.env, ...gh.appEnv(), SLIPWAY_WEBHOOK_SECRET: SECRET },
    });
    try {
      const url = await waitFor(() => /listening on (http:\/\/\S+) /.exec(server.output().stdout)?.[1]);
      const post = (body: string, headers: Record<string, string>) =>
        fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
      const body = gh.delivery('documented', { sha: unverified, environment: 'staging', runId: 9100 });
      const reviewsBefore = gh.reviews.length;
      const unsigned = await post(body, { 'x-github-event': 'deployment_protection_rule' });
      expect(unsigned.status).toBe(401);
      const forged = await post(body, {
        'x-github-event': 'deployment_protection_rule',
        'x-hub-signature-256': sign(`${body}x`),
      });
      expect(forged.status).toBe(401);
      expect((await post('{}', { 'x-github-event': 'ping', 'x-hub-signature-256': sign('{}') })).status).toBe(
        200,
      );
      const accepted = await post(body, {
        'x-github-event': 'deployment_protection_rule',
        'x-github-delivery': 'delivery-1',
        'x-hub-signature-256': sign(body),
      });
      expect(accepted.status).toBe(202);
      await waitFor(() => gh.reviews.length > reviewsBefore || undefined);
      expect(gh.reviews.slice(reviewsBefore).map((r) => [r.path, r.body.state])).toEqual([
        ['/repos/acme/app/actions/runs/9100/deployment_protection_rule', 'approved'],
      ]);
      await waitFor(() => /delivery-1 approved .* review sent/.test(server.output().stdout) || undefined);
      server.child.kill('SIGTERM');
      const end = await server.done;
      expect(end.code).toBe(0);
      expect(end.stdout).toMatch(/refused: X-Hub-Signature-256 missing or not made with the webhook secret/);
      expect(end.stdout).toMatch(/ stopped\n$/);
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('--serve will not start without the webhook secret', async () => {
    const r = await startCli(['gate', '--serve', '--port', '0'], {
      cwd: f.repo.dir,
      env: { ...f.env, ...gh.appEnv() },
    }).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--serve needs SLIPWAY_WEBHOOK_SECRET/);
  });
});

async function waitFor<T>(probe: () => T | undefined, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
