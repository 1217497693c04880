import { type ChangeSet, parsePolicyText } from '@slipway/policy-core';
import { verifyLabelProvenance } from '@slipway/policy-core/node';
import { afterEach, describe, expect, it } from 'vitest';
import {
  GithubStandIn,
  labeled,
  labeledVia,
  other,
  unlabeled,
} from '../../../../test/helpers/github-stand-in.js';

const POLICY = `version: 1
labels: { verify: github }
agents:
  accounts: ["*[bot]", "claude-agent"]
`;
const policy = (() => {
  const d = parsePolicyText(POLICY).document;
  if (!d) throw new Error('policy');
  return d;
})();
const LABEL = 'approved-core-change';

const change = (
  labels: string[] | undefined = [LABEL],
  pr: ChangeSet['pullRequest'] | null = { number: 7, author: 'ada' },
): ChangeSet => ({
  base: 'a'.repeat(40),
  head: 'b'.repeat(40),
  files: [],
  commits: [],
  ...(labels ? { labels } : {}),
  ...(pr ? { pullRequest: pr } : {}),
});

let stand: GithubStandIn | undefined;
afterEach(async () => {
  await stand?.stop();
  stand = undefined;
});

async function verify(events: object[] | GithubStandIn, env: Record<string, string> = {}, c = change()) {
  stand = Array.isArray(events) ? await new GithubStandIn(events).start() : await events.start();
  return verifyLabelProvenance(c, policy, {
    GITHUB_API_URL: stand.url,
    GITHUB_REPOSITORY: 'acme/ledger',
    GITHUB_TOKEN: 'test-token',
    SLIPWAY_GITHUB_TIMEOUT_MS: '10000',
    ...env,
  });
}

describe('label provenance through the issue events API (a stand-in on 127.0.0.1)', () => {
  it('a label another human applied counts; the token is sent, the endpoint asked 100 a page', async () => {
    const out = await verify([labeled(LABEL, 'grace')]);
    expect(out.labels).toEqual([LABEL]);
    expect(out.refusedLabels).toBeUndefined();
    expect(stand?.requests).toEqual([
      { path: '/repos/acme/ledger/issues/7/events?per_page=100', auth: 'Bearer test-token' },
    ]);
  });

  it("the pull request's author applying the label does not count", async () => {
    const out = await verify([labeled(LABEL, 'Ada')]);
    expect(out.labels).toEqual([]);
    expect(out.refusedLabels).toEqual([
      { label: LABEL, reason: "it was applied by @Ada, the pull request's author" },
    ]);
  });

  it('an agent account (a `*` pattern or a login) applying it does not count', async () => {
    expect((await verify([labeled(LABEL, 'helper[bot]')])).refusedLabels?.[0]?.reason).toBe(
      'it was applied by @helper[bot], an agent account (agents.accounts)',
    );
    await stand?.stop();
    expect((await verify([labeled(LABEL, 'grace'), labeled(LABEL, 'claude-agent')])).labels).toEqual([]);
  });

  it('pagination: the label applied on the second page of 150 events is found', async () => {
    const events = [
      ...Array.from({ length: 140 }, (_, i) => other(i)),
      labeled(LABEL, 'grace'),
      ...Array.from({ length: 9 }, (_, i) => other(i)),
    ];
    const out = await verify(events);
    expect(out.labels).toEqual([LABEL]);
    expect(stand?.requests.map((r) => r.path)).toEqual([
      '/repos/acme/ledger/issues/7/events?per_page=100',
      '/repos/acme/ledger/issues/7/events?per_page=100&page=2',
    ]);
  });

  it('pagination: a later page where the author re-applied it decides', async () => {
    const events = [
      labeled(LABEL, 'grace'),
      ...Array.from({ length: 120 }, (_, i) => other(i)),
      labeled(LABEL, 'ada'),
    ];
    expect((await verify(events)).labels).toEqual([]);
  });

  it('removed and applied again: the second applier decides, whoever the first was', async () => {
    const relabeledByAgent = [
      labeled(LABEL, 'grace'),
      unlabeled(LABEL, 'grace'),
      labeled(LABEL, 'helper[bot]'),
    ];
    expect((await verify(relabeledByAgent)).refusedLabels).toEqual([
      { label: LABEL, reason: 'it was applied by @helper[bot], an agent account (agents.accounts)' },
    ]);
    await stand?.stop();
    // Near miss: the agent's label removed and applied again by another human counts.
    const relabeledByHuman = [
      labeled(LABEL, 'helper[bot]'),
      unlabeled(LABEL, 'grace'),
      labeled(LABEL, 'grace'),
    ];
    expect((await verify(relabeledByHuman)).labels).toEqual([LABEL]);
  });

  it('removed after it was applied (the event is older than the label): refused', async () => {
    expect((await verify([labeled(LABEL, 'grace'), unlabeled(LABEL, 'linus')])).refusedLabels).toEqual([
      { label: LABEL, reason: "GitHub's events show it removed by @linus after it was last applied" },
    ]);
  });

  it('a labeled event naming no actor (a deleted account) shows no one applying it', async () => {
    const ghost = { event: 'labeled', label: { name: LABEL }, actor: null };
    expect((await verify([labeled(LABEL, 'grace'), ghost])).refusedLabels?.[0]?.reason).toBe(
      "GitHub's last event for it shows no one applying it",
    );
  });

  it('a GitHub App acting for a person: an agent app does not count, another app does', async () => {
    const out = await verify([labeledVia(LABEL, 'grace', 'helper')]);
    expect(out.refusedLabels?.[0]?.reason).toBe(
      'it was applied through the GitHub App `helper` (@helper[bot], an agent account in agents.accounts) on behalf of @grace',
    );
    // Near miss: with only `claude-agent[bot]` listed, another app acting for a person counts.
    const narrow = parsePolicyText(
      'version: 1\nlabels: { verify: github }\nagents:\n  accounts: ["claude-agent[bot]"]\n',
    ).document;
    if (!narrow) throw new Error('policy');
    const env = { GITHUB_API_URL: stand?.url, GITHUB_REPOSITORY: 'acme/ledger', GITHUB_TOKEN: 't' };
    await stand?.stop();
    stand = await new GithubStandIn([labeledVia(LABEL, 'grace', 'ci-reporter')]).start();
    expect(
      (await verifyLabelProvenance(change(), narrow, { ...env, GITHUB_API_URL: stand.url })).labels,
    ).toEqual([LABEL]);
    await stand.stop();
    stand = await new GithubStandIn([labeledVia(LABEL, 'grace', 'claude-agent')]).start();
    expect(
      (await verifyLabelProvenance(change(), narrow, { ...env, GITHUB_API_URL: stand.url })).labels,
    ).toEqual([]);
  });

  it('Link: rel lists several types; a rel that only starts with "next" is not followed', async () => {
    const pages = new GithubStandIn([], (_q, res, url) => {
      const two = url.searchParams.get('page') === '2';
      res
        .writeHead(200, two ? {} : { link: `<${url.pathname}?page=2>; rel="last next"` })
        .end(JSON.stringify(two ? [labeled(LABEL, 'grace')] : [other(1)]));
    });
    expect((await verify(pages)).labels).toEqual([LABEL]);
    await stand?.stop();
    const nextPage = new GithubStandIn([], (_q, res, url) => {
      const two = url.searchParams.get('page') === '2';
      res
        .writeHead(200, two ? {} : { link: `<${url.pathname}?page=2>; rel="next-page"` })
        .end(JSON.stringify(two ? [labeled(LABEL, 'grace')] : [other(1)]));
    });
    expect((await verify(nextPage)).labels).toEqual([]);
    expect(stand?.requests).toHaveLength(1);
  });

  it('no labeled event for it: refused', async () => {
    expect((await verify([other(1)])).refusedLabels?.[0]?.reason).toBe(
      "GitHub's events for the pull request show no one applying it",
    );
  });

  it('fails closed: API down, an error status, garbage, a timeout, a redirect off-host', async () => {
    const down = await new GithubStandIn([]).start();
    const url = down.url;
    await down.stop();
    const r1 = await verifyLabelProvenance(change(), policy, {
      GITHUB_API_URL: url,
      GITHUB_REPOSITORY: 'acme/ledger',
      GITHUB_TOKEN: 't',
    });
    expect(r1.labels).toEqual([]);
    expect(r1.refusedLabels?.[0]?.reason).toMatch(
      /^it could not be verified: the GitHub API at http:\/\/127\.0\.0\.1:\d+ could not be reached \(ECONNREFUSED\)$/,
    );

    const cases: [string, GithubStandIn, RegExp][] = [
      [
        '500',
        new GithubStandIn([], (_q, res) => res.writeHead(500).end('{}')),
        /answered 500 for \/repos\/acme\/ledger\/issues\/7\/events$/,
      ],
      [
        'garbage',
        new GithubStandIn([], (_q, res) => res.writeHead(200).end('<html>oops')),
        /with something that is not JSON$/,
      ],
      [
        'not a list',
        new GithubStandIn([], (_q, res) => res.writeHead(200).end('{"message":"x"}')),
        /JSON that is not a list of events$/,
      ],
      ['timeout', new GithubStandIn([], () => {}), /did not answer within 300 ms$/],
      [
        'redirect',
        new GithubStandIn([], (_q, res) =>
          res.writeHead(302, { location: 'http://127.0.0.2:9/steal' }).end(),
        ),
        /answered 302, a redirect to http:\/\/127\.0\.0\.2:9\/steal; refused$/,
      ],
      [
        'next page off-host',
        new GithubStandIn([], (_q, res) =>
          res.writeHead(200, { link: '<http://127.0.0.2:9/page2>; rel="next"' }).end('[]'),
        ),
        /pointed to http:\/\/127\.0\.0\.2:9, off http:\/\/127\.0\.0\.1:\d+; refused$/,
      ],
    ];
    for (const [name, s, why] of cases) {
      // Only the stand-in that never answers meets the short limit; the others answer well within 10 s.
      const out = await verify(s, name === 'timeout' ? { SLIPWAY_GITHUB_TIMEOUT_MS: '300' } : {});
      expect(out.labels, name).toEqual([]);
      expect(out.refusedLabels?.[0]?.reason, name).toMatch(why);
      await stand?.stop();
      stand = undefined;
    }
  });

  it('fails closed without a token, a repository or a pull request; untouched without the setting', async () => {
    expect(
      (await verify([labeled(LABEL, 'grace')], { GITHUB_TOKEN: '' })).refusedLabels?.[0]?.reason,
    ).toMatch(/GITHUB_TOKEN is not set/);
    await stand?.stop();
    expect(
      (await verify([labeled(LABEL, 'grace')], { GITHUB_REPOSITORY: '' })).refusedLabels?.[0]?.reason,
    ).toMatch(/GITHUB_REPOSITORY is not set/);
    await stand?.stop();
    const noPr = await verify([labeled(LABEL, 'grace')], {}, change([LABEL], null));
    expect(noPr.refusedLabels?.[0]?.reason).toMatch(/no pull-request event/);
    const plain = parsePolicyText('version: 1\n').document;
    if (!plain) throw new Error('policy');
    const c = change();
    expect(await verifyLabelProvenance(c, plain, {})).toBe(c);
  });
});
