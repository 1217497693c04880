import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployFixture } from './helpers/deploy-repo.js';
import { GithubAppStandIn, sign } from './helpers/github-app-stand-in.js';
import { startCli } from './helpers/run-cli.js';

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
    const server = startCli(['gate', '--serve', '--port', '0', ...gh.gateArgs()], {
      cwd: f.repo.dir,
      env: { ...f.env, ...gh.appEnv() },
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

  it("a signed delivery it cannot read is rejected on GitHub, saying why; another repository's is refused unanswered; a replay is not queued twice; other paths and methods are refused", async () => {
    const server = startCli(['gate', '--serve', '--port', '0', ...gh.gateArgs()], {
      cwd: f.repo.dir,
      env: { ...f.env, ...gh.appEnv() },
    });
    try {
      const url = await waitFor(() => /listening on (http:\/\/\S+) /.exec(server.output().stdout)?.[1]);
      const post = (body: string, at = url) =>
        fetch(at, {
          method: 'POST',
          body,
          headers: { 'x-github-event': 'deployment_protection_rule', 'x-hub-signature-256': sign(body) },
        });
      const before = gh.reviews.length;
      const noCommit = gh
        .delivery('captured', { sha: unverified, environment: 'staging', runId: 9200 })
        .replace(`"sha": "${unverified}"`, '"x": 1');
      expect((await post(noCommit)).status).toBe(202);
      await waitFor(() => gh.reviews.length > before || undefined);
      expect(gh.reviews.at(-1)?.path).toBe('/repos/acme/app/actions/runs/9200/deployment_protection_rule');
      expect(gh.reviews.at(-1)?.body.state).toBe('rejected');
      expect(gh.reviews.at(-1)?.body.comment).toMatch(
        /could not judge \(no commit\) to staging, so it rejects it: the delivery could not be read: .*names no commit/,
      );
      const other = gh.delivery('documented', {
        sha: unverified,
        environment: 'staging',
        repository: 'evil/app',
      });
      const refused = await post(other);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toMatch(/the delivery is for evil\/app; this gate judges acme\/app only/);
      const body = gh.delivery('documented', { sha: unverified, environment: 'staging', runId: 9300 });
      // Three copies at once: the first is queued, the others find it waiting.
      const replies = await Promise.all([post(body), post(body), post(body)]);
      expect(replies.map((r) => r.status)).toEqual([202, 202, 202]);
      const texts = (await Promise.all(replies.map((r) => r.text()))).map((t) => t.trim()).sort();
      expect(texts).toEqual(['already waiting to be judged', 'already waiting to be judged', 'judging']);
      await waitFor(() => /judging [0-9a-f]{12} to staging/.test(server.output().stdout) || undefined);
      // One line a delivery, the copies too.
      const copies = () =>
        server.output().stdout.match(/ already waiting: [0-9a-f]{12} to staging is judged once\n/g) ?? [];
      await waitFor(() => copies().length === 2 || undefined);
      expect(copies()).toHaveLength(2);
      await waitFor(() => gh.reviews.some((r) => r.path.includes('/9300/')) || undefined);
      expect((await post(body, `${url}elsewhere`)).status).toBe(404);
      expect((await fetch(url)).status).toBe(405);
      server.child.kill('SIGTERM');
      await server.done;
      expect(gh.reviews.filter((r) => r.path.includes('/9300/'))).toHaveLength(1);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 120_000);

  it('--serve will not start without the webhook secret, nor on a token that expires within the hour', async () => {
    const r = await startCli(['gate', '--serve', '--port', '0', ...gh.gateArgs()], {
      cwd: f.repo.dir,
      env: { ...f.env, ...gh.appEnv(), SLIPWAY_WEBHOOK_SECRET: '' },
    }).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--serve needs SLIPWAY_WEBHOOK_SECRET/);
    const token = await startCli(['gate', '--serve', '--port', '0', ...gh.gateArgs()], {
      cwd: f.repo.dir,
      env: { ...f.env, ...gh.appEnv(), SLIPWAY_GITHUB_APP_ID: '', SLIPWAY_GITHUB_TOKEN: 'ghs_x' },
    }).done;
    expect(token.code).toBe(2);
    expect(token.stderr).toMatch(/an installation token in SLIPWAY_GITHUB_TOKEN expires within the hour/);
    const badKey = await startCli(['gate', '--serve', '--port', '0', ...gh.gateArgs()], {
      cwd: f.repo.dir,
      env: { ...f.env, ...gh.appEnv(), SLIPWAY_GITHUB_APP_PRIVATE_KEY: 'not a key' },
    }).done;
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(
      /SLIPWAY_GITHUB_APP_ID's key: the App's private key is not a PEM private key/,
    );
  });
});

async function waitFor<T>(probe: () => T | undefined, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
