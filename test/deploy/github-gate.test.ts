import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_IDENTITY, AGENTS_SECTION } from './helpers/agent-fixture.js';
import { DeployFixture, policyYaml } from './helpers/deploy-repo.js';
import { GithubAppStandIn, sign } from './helpers/github-app-stand-in.js';
import { startCli } from './helpers/run-cli.js';

const MIGRATIONS = 'migrations:\n  sql: ["db/migrations/*.sql"]\n';
const SOAK = '      approval: required\n      min_soak: 30m\n';

/**
 * `slipway gate`, GitHub's custom deployment protection rule, through the built CLI against a
 * stand-in of GitHub's App endpoints on 127.0.0.1 (real RS256 JWTs, real HMAC signatures): the
 * deployment's commit judged as a promote's dry run would (staging verification, soak, guard),
 * the answer sent to the delivery's callback with an installation token, nothing deployed or
 * logged; a delivery that cannot be judged is rejected saying why; one whose callback points
 * anywhere but the API's endpoint for its repository gets no token.
 */
describe('slipway gate', () => {
  let f: DeployFixture;
  let gh: GithubAppStandIn;
  let verified: string;
  let unverified: string;
  let dropping: string;

  const gate = (args: string[], body: string, env: Record<string, string> = {}) => {
    const file = join(f.state, `delivery-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, body);
    // Signed as GitHub signs, unless the case signs (or does not answer) itself.
    const signed =
      args.includes('--signature') || args.includes('--dry-run') ? [] : ['--signature', sign(body)];
    const target = args.includes('--api-url') ? [] : gh.gateArgs();
    return startCli(['gate', '--event', file, ...target, ...signed, ...args], {
      cwd: f.repo.dir,
      env: { ...f.env, ...gh.appEnv(), ...env },
    }).done;
  };

  beforeAll(async () => {
    gh = await new GithubAppStandIn().start();
    f = await new DeployFixture().start();
    f.repo.write({
      'slipway.yaml': `${policyYaml()}${MIGRATIONS}${AGENTS_SECTION}`.replace(
        '      approval: required\n',
        SOAK,
      ),
    });
    verified = f.repo.commit('migrations and a soak');
    unverified = await f.release('v2', 'commit');
    f.repo.write({ 'db/migrations/0002_drop.sql': "SET lock_timeout = '5s';\nDROP TABLE orders;\n" });
    dropping = f.repo.commit('drop orders');
    // The soak is measured from staging's verification: one made now has 30 minutes to go. (Made
    // last: a commit after it would carry its audit entry as a hand-written one.)
    expect((await f.cli('promote', verified, '--env', 'staging')).code).toBe(0);
  });
  afterAll(async () => {
    await f.dispose();
    await gh.stop();
  });

  it('approves a commit every check passes, as the App: a JWT for a narrowed installation token, then the review; nothing deployed or logged', async () => {
    const before = { requests: f.requests().length, audit: f.auditLines().length };
    const r = await gate([], gh.delivery('documented', { sha: unverified, environment: 'staging' }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `gate: approved ${unverified.slice(0, 12)} to staging (acme/app); review sent`,
    );
    expect(gh.tokenRequests.at(-1)).toEqual({
      installation: String(gh.installationId),
      body: { repositories: ['app'], permissions: { deployments: 'write' } },
      jwtOk: true,
    });
    const review = gh.reviews.at(-1);
    expect(review?.path).toBe('/repos/acme/app/actions/runs/9001/deployment_protection_rule');
    expect(review?.body.environment_name).toBe('staging');
    expect(review?.body.state).toBe('approved');
    expect(review?.body.comment).toMatch(
      new RegExp(
        `^Slipway approves ${unverified.slice(0, 12)} to staging: \\d+ checks passed \\(.*guard.*\\)\\.$`,
      ),
    );
    expect(f.requests().length).toBe(before.requests);
    expect(f.auditLines().length).toBe(before.audit);
  });

  it('rejects production before the soak ends and without a staging verification, each reason in the comment', async () => {
    const soaking = await gate(
      [],
      gh.delivery('captured', { sha: verified, environment: 'production', runId: 9002 }),
    );
    expect(soaking.code).toBe(1);
    const soakReview = gh.reviews.at(-1);
    expect(soakReview?.path).toBe('/repos/acme/app/actions/runs/9002/deployment_protection_rule');
    expect(soakReview?.body.state).toBe('rejected');
    expect(soakReview?.body.comment).toMatch(
      /^Slipway rejects [0-9a-f]{12} to production: 1 of \d+ checks failed\.\n- soak: staging verified/,
    );
    expect(soakReview?.body.comment).toContain('soak (deploy.environments.production.min_soak) ends at');

    const never = await gate([], gh.delivery('documented', { sha: unverified, environment: 'production' }));
    expect(never.code).toBe(1);
    expect(gh.reviews.at(-1)?.body.state).toBe('rejected');
    expect(gh.reviews.at(-1)?.body.comment).toMatch(/\n- verified on staging: /);
    expect(never.stdout).toContain('review sent');
  });

  it('rejects a commit the deploy guard refuses, naming the rule and the line', async () => {
    const r = await gate([], gh.delivery('documented', { sha: dropping, environment: 'staging' }));
    expect(r.code).toBe(1);
    expect(gh.reviews.at(-1)?.body.comment).toMatch(/\n- guard: MIG001 db\/migrations\/0002_drop\.sql:2 /);
  });

  it('what it cannot judge it rejects, saying why: an environment the policy lacks, a commit this clone lacks', async () => {
    const qa = await gate([], gh.delivery('documented', { sha: unverified, environment: 'qa' }));
    expect(qa.code).toBe(1);
    expect(gh.reviews.at(-1)?.body).toMatchObject({ environment_name: 'qa', state: 'rejected' });
    expect(gh.reviews.at(-1)?.body.comment).toMatch(
      /^Slipway could not judge [0-9a-f]{12} to qa, so it rejects it: .*qa/,
    );
    const missing = 'f'.repeat(40);
    const gone = await gate([], gh.delivery('documented', { sha: missing, environment: 'staging' }));
    expect(gone.code).toBe(1);
    expect(gh.reviews.at(-1)?.body.comment).toContain(`"${missing}" is not a commit in this repository`);
  });

  it('sends no token where the delivery points elsewhere: another host, another repository, another run; one line, exit 2', async () => {
    const evil = await new GithubAppStandIn().start();
    try {
      const before = gh.seen.length;
      const cases: [string, RegExp][] = [
        [
          gh.delivery('documented', { sha: unverified, environment: 'staging', callbackBase: evil.url }),
          /is not on the GitHub API/,
        ],
        [
          gh
            .delivery('documented', { sha: unverified, environment: 'staging' })
            .replace('/repos/acme/app/actions', '/repos/other/app/actions'),
          /names another repository than the delivery's \(acme\/app\)/,
        ],
        [
          gh
            .delivery('captured', { sha: unverified, environment: 'staging' })
            .replace('"id": 9001', '"id": 9999'),
          /names run 9001, but the delivery's workflow_run is 9999/,
        ],
        [
          gh
            .delivery('documented', { sha: unverified, environment: 'staging' })
            .replace('/deployment_protection_rule"', '/deployment_protection_rule?x=1"'),
          /carries credentials, a query or a fragment/,
        ],
      ];
      for (const [body, why] of cases) {
        const r = await gate([], body);
        expect(r.code, String(why)).toBe(2);
        expect(r.stderr.trim().split('\n'), String(why)).toHaveLength(1);
        expect(r.stderr, String(why)).toMatch(why);
      }
      expect(gh.seen.slice(before)).toEqual([]);
      expect(evil.seen).toEqual([]);
    } finally {
      await evil.stop();
    }
  });

  it('options that would send the token astray are refused at start: a plain-http API off this machine, a URL with more than a path, no repository', async () => {
    const body = gh.delivery('documented', { sha: unverified, environment: 'staging' });
    const cases: [string[], RegExp][] = [
      [
        ['--api-url', 'http://api.github.com', '--repository', 'acme/app'],
        /must be https: the App's token and its JWT travel to it/,
      ],
      [
        ['--api-url', 'https://api.github.com/?x=1', '--repository', 'acme/app'],
        /may hold a host and a path only/,
      ],
      [
        ['--api-url', gh.url],
        /pass --repository OWNER\/NAME: the repository whose deployments this clone judges \(there is no origin remote\)/,
      ],
      [['--api-url', gh.url, '--repository', 'acme'], /--repository must be OWNER\/NAME/],
    ];
    for (const [args, why] of cases) {
      const r = await gate(args, body);
      expect(r.code, String(why)).toBe(2);
      expect(r.stderr, String(why)).toMatch(why);
    }
  });

  it('bad deliveries: one line each and exit 2, nothing sent; another action is acknowledged and left', async () => {
    const before = gh.seen.length;
    const good = gh.delivery('documented', { sha: unverified, environment: 'staging' });
    const bad: [string, RegExp][] = [
      ['{"action": "requested", ', /is not JSON/],
      [
        good.replace(`"sha": "${unverified}"`, '"sha": "HEAD"'),
        /not a deployment_protection_rule request: deployment\.sha: /,
      ],
      [
        gh
          .delivery('captured', { sha: unverified, environment: 'staging' })
          .replace(`"sha": "${unverified}"`, '"x": 1'),
        /names no commit/,
      ],
      [JSON.stringify({ ...JSON.parse(good), sha: verified }), /names two commits/],
      [`{"pad": "${'x'.repeat(1_000_001)}"}`, /larger|more than 1000000/],
    ];
    for (const [body, why] of bad) {
      const r = await gate([], body);
      expect(r.code, String(why)).toBe(2);
      expect(r.stderr.trim().split('\n'), String(why)).toHaveLength(1);
      expect(r.stderr, String(why)).toMatch(why);
    }
    // A device or a FIFO as the delivery is refused before it is read (it would never end).
    const fifo = join(f.state, 'delivery.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const file of ['/dev/zero', fifo]) {
      const r = await startCli(['gate', '--event', file, '--dry-run', ...gh.gateArgs()], {
        cwd: f.repo.dir,
        env: { ...f.env, ...gh.appEnv() },
      }).done;
      expect(r.code, file).toBe(2);
      expect(r.stderr.trim(), file).toBe(
        `slipway gate: ${file} is not a regular file; give the delivery's JSON body as a file, or on stdin (-)`,
      );
    }
    const other = await gate([], good.replace('"action": "requested"', '"action": "completed"'));
    expect(other.code).toBe(0);
    expect(other.stdout).toContain('ignored: action "completed" is not a request');
    const forged = await gate(['--signature', sign(`${good} `)], good);
    expect(forged.code).toBe(2);
    expect(forged.stderr).toMatch(
      /--signature is not the HMAC of this body under SLIPWAY_WEBHOOK_SECRET; refused/,
    );
    expect(gh.seen.slice(before)).toEqual([]);
  });

  it('a signed delivery is judged; --dry-run needs no credentials and sends nothing', async () => {
    const body = gh.delivery('documented', { sha: unverified, environment: 'staging' });
    const signed = await gate(['--signature', sign(body)], body);
    expect(signed.code).toBe(0);
    const before = gh.seen.length;
    const dry = await gate(['--dry-run', '--format', 'json'], body, {
      SLIPWAY_GITHUB_APP_ID: '',
      SLIPWAY_GITHUB_APP_PRIVATE_KEY: '',
    });
    expect(dry.code).toBe(0);
    const doc = JSON.parse(dry.stdout) as { state: string; sent: boolean; plan: { sha: string } };
    expect([doc.state, doc.sent, doc.plan.sha]).toEqual(['approved', false, unverified]);
    expect(gh.seen.slice(before)).toEqual([]);
  });

  it('answers only a signed delivery (an unsigned one could pair a waiting run with another commit), and never for an agent', async () => {
    const before = gh.seen.length;
    const body = gh.delivery('documented', { sha: unverified, environment: 'staging' });
    const file = join(f.state, 'unsigned.json');
    writeFileSync(file, body);
    const unsigned = await startCli(['gate', '--event', file, ...gh.gateArgs()], {
      cwd: f.repo.dir,
      env: { ...f.env, ...gh.appEnv() },
    }).done;
    expect(unsigned.code).toBe(2);
    expect(unsigned.stderr).toMatch(/the gate answers GitHub only for a signed delivery: pass --signature/);
    const agent = await gate([], body, AGENT_IDENTITY);
    expect(agent.code).toBe(1);
    expect(agent.stdout).toMatch(
      /review NOT sent: helper\[bot\] is an agent .*: an agent may not answer a deployment protection rule/,
    );
    expect(gh.seen.slice(before)).toEqual([]);
  });

  it('credentials GitHub refuses: the review is not sent, said in one line, exit 1', async () => {
    gh.tokenStatus = 401;
    try {
      const r = await gate([], gh.delivery('documented', { sha: unverified, environment: 'staging' }));
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(
        /review NOT sent: the GitHub API answered 401 for POST \/app\/installations\/777\/access_tokens: Bad credentials \(is the App installed/,
      );
      const noCreds = await gate([], gh.delivery('documented', { sha: unverified, environment: 'staging' }), {
        SLIPWAY_GITHUB_APP_ID: '',
      });
      expect(noCreds.code).toBe(2);
      expect(noCreds.stderr).toMatch(/slipway gate needs credentials to answer GitHub/);
    } finally {
      gh.tokenStatus = 201;
    }
  });
});
