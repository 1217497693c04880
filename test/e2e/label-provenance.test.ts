import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { slipwayAsync } from '../helpers/cli.js';
import { GithubStandIn, labeled, other, StoppedStandIn, unlabeled } from '../helpers/github-stand-in.js';
import { json, repoFactory } from './e2e-helpers.js';

/**
 * `labels: { verify: github }`: an approval label counts only when GitHub says someone other than
 * the pull request's author and the agent accounts applied it. The CLI against a stand-in API.
 */
const POLICY = `version: 1
protected:
  label: approved-core-change
  paths: [ledger/core/]
agents:
  accounts: ["*[bot]"]
dependencies:
  requirements: requirements.txt
  lock: requirements.lock
  label: approved-dependency-upgrade
labels: { verify: github }
`;

const repo = repoFactory();
let stand: GithubStandIn | undefined;
afterEach(async () => {
  await stand?.stop();
  stand = undefined;
});

function pullRequest(labels: string[]) {
  const r = repo({
    'slipway.yaml': POLICY,
    'ledger/core/accounts.py': 'balance = 0\n',
    'requirements.txt': 'requests==2.31.0\n',
    'requirements.lock': 'requests==2.31.0\n',
  });
  const base = r.commit('init');
  r.git('checkout', '-q', '-b', 'feature/upgrade');
  r.write({
    'ledger/core/accounts.py': 'balance = 1\n',
    'requirements.txt': 'requests==2.32.0\n',
    'requirements.lock': 'requests==2.32.0\n',
  });
  const head = r.commit('upgrade requests, touch the ledger');
  const event = join(r.dir, '..', `${r.dir.split('/').pop()}-event.json`);
  writeFileSync(
    event,
    JSON.stringify({
      pull_request: {
        number: 42,
        user: { login: 'ada' },
        labels: labels.map((name) => ({ name })),
        base: { sha: base, ref: 'main' },
        head: { sha: head, ref: 'feature/upgrade' },
      },
    }),
  );
  return { r, event };
}

/** `slipway check` in a fresh repository, asking a stand-in API (events, or a whole stand-in). */
async function check(events: object[] | GithubStandIn, timeout = '10000', labels = BOTH) {
  const { r, event } = pullRequest(labels);
  stand = Array.isArray(events) ? await new GithubStandIn(events).start() : await events.start();
  const rules = labels.length === 1 ? ['--rule', 'PATH001'] : ['--rule', 'PATH001', '--rule', 'DEP006'];
  const out = await slipwayAsync(['check', '--format', 'json', ...rules], {
    cwd: r.dir,
    env: {
      GITHUB_EVENT_PATH: event,
      GITHUB_API_URL: stand.url,
      GITHUB_REPOSITORY: 'acme/ledger',
      GITHUB_TOKEN: 'test-token',
      SLIPWAY_GITHUB_TIMEOUT_MS: timeout,
    },
  });
  return { code: out.code, findings: json(out).findings };
}

const BOTH = ['approved-core-change', 'approved-dependency-upgrade'];
const CORE = ['approved-core-change'];

describe('label provenance in `slipway check` (GitHub stand-in on 127.0.0.1)', () => {
  it('labels applied by another human count: no findings', async () => {
    const out = await check([
      labeled('approved-core-change', 'grace'),
      labeled('approved-dependency-upgrade', 'linus'),
    ]);
    expect(out).toEqual({ code: 0, findings: [] });
    expect(stand?.requests.map((r) => r.path)).toEqual(['/repos/acme/ledger/issues/42/events?per_page=100']);
  });

  it('labels applied by the author and by an agent account are refused, and the findings say why', async () => {
    const out = await check([
      labeled('approved-core-change', 'ada'),
      labeled('approved-dependency-upgrade', 'renovate[bot]'),
    ]);
    expect(out.code).toBe(1);
    expect(out.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['PATH001 error', 'DEP006 error']);
    const [path, dep] = out.findings;
    expect(dep?.message).toContain(
      'without the `approved-dependency-upgrade` label (the label is on the pull request but does not count: it was applied by @renovate[bot], an agent account (agents.accounts))',
    );
    expect(path?.message).toContain(
      "lacks the `approved-core-change` label (the label is on the pull request but does not count: it was applied by @ada, the pull request's author)",
    );
  });

  it('pagination over 100 events: the label applied on the third page, after the author had applied it', async () => {
    const filler = (n: number, from: number) => Array.from({ length: n }, (_, i) => other(from + i));
    const out = await check(
      [labeled('approved-core-change', 'ada'), ...filler(230, 0), labeled('approved-core-change', 'grace')],
      '10000',
      CORE,
    );
    expect(out).toEqual({ code: 0, findings: [] });
    expect(stand?.requests.map((r) => r.path)).toEqual([
      '/repos/acme/ledger/issues/42/events?per_page=100',
      '/repos/acme/ledger/issues/42/events?per_page=100&page=2',
      '/repos/acme/ledger/issues/42/events?per_page=100&page=3',
    ]);
  });

  it('removed and applied again by an agent account: it does not count', async () => {
    const out = await check(
      [
        labeled('approved-core-change', 'grace'),
        unlabeled('approved-core-change', 'grace'),
        labeled('approved-core-change', 'helper[bot]'),
      ],
      '10000',
      CORE,
    );
    expect(out.code).toBe(1);
    expect(out.findings[0]?.message).toContain('it was applied by @helper[bot], an agent account');
  });

  it('fails closed through the CLI: the API down, garbage, a redirect off-host, no answer in time', async () => {
    const cases: [string, GithubStandIn, string][] = [
      ['down', new StoppedStandIn(), 'could not be reached (ECONNREFUSED)'],
      [
        'garbage',
        new GithubStandIn([], (_q, res) => res.writeHead(200).end('<html>rate limited</html>')),
        'answered /repos/acme/ledger/issues/42/events with something that is not JSON',
      ],
      [
        'redirect',
        new GithubStandIn([], (_q, res) => res.writeHead(301, { location: 'https://evil.example/x' }).end()),
        'answered 301, a redirect to https://evil.example/x; refused',
      ],
      ['timeout', new GithubStandIn([], () => {}), 'the GitHub API did not answer within 300 ms'],
    ];
    for (const [name, s, why] of cases) {
      // Only the stand-in that never answers meets the short limit; the others answer well within 10 s.
      const out = await check(s, name === 'timeout' ? '300' : '10000', CORE);
      expect(out.code, name).toBe(1);
      expect(
        out.findings.map((f) => f.rule),
        name,
      ).toEqual(['PATH001']);
      expect(out.findings[0]?.message, name).toMatch(
        new RegExp(
          `does not count: it could not be verified: [^)]*${why.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
        ),
      );
      await stand?.stop();
      stand = undefined;
    }
  });
});
