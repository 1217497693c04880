import { checkReviewUrl } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const API = 'https://api.github.com';
const ok = (url: string, api = API, repo = 'acme/app', run?: number) => checkReviewUrl(url, api, repo, run);

describe('checkReviewUrl: where the gate will send its token', () => {
  it("accepts GitHub's endpoint for the delivery's repository and run (names not case sensitive; GHES under /api/v3)", () => {
    expect(ok(`${API}/repos/acme/app/actions/runs/123/deployment_protection_rule`)).toEqual({
      ok: true,
      url: `${API}/repos/acme/app/actions/runs/123/deployment_protection_rule`,
      runId: '123',
    });
    expect(ok(`${API}/repos/Acme/App/actions/runs/9/deployment_protection_rule`, API, 'acme/app', 9).ok).toBe(
      true,
    );
    expect(
      ok(
        'https://ghe.example.com/api/v3/repos/acme/app/actions/runs/1/deployment_protection_rule',
        'https://ghe.example.com/api/v3/',
      ).ok,
    ).toBe(true);
  });

  it('refuses every other place, saying which rule it broke', () => {
    const end = '/repos/acme/app/actions/runs/1/deployment_protection_rule';
    const cases: [string, string, RegExp][] = [
      [`https://evil.example${end}`, API, /is not on the GitHub API \(https:\/\/api\.github\.com\)/],
      [`http://api.github.com${end}`, API, /is not on the GitHub API/],
      [`https://api.github.com:8443${end}`, API, /is not on the GitHub API/],
      [`https://api.github.com.evil.example${end}`, API, /is not on the GitHub API/],
      [`https://user:pw@api.github.com${end}`, API, /carries credentials, a query or a fragment/],
      [`${API}${end}?redirect=x`, API, /carries credentials/],
      [`${API}${end}#x`, API, /carries credentials/],
      [`${API}/app/installations/1/access_tokens`, API, /is not a repository endpoint/],
      [
        `${API}/repos/acme/app/actions/runs/1/approve`,
        API,
        /is not a workflow run's deployment_protection_rule endpoint/,
      ],
      [`${API}/repos/acme/app/actions/runs/01/deployment_protection_rule`, API, /is not a workflow run's/],
      [`${API}/repos/acme/app/actions/runs/1/deployment_protection_rule/`, API, /is not a workflow run's/],
      [
        `${API}/repos/acme/app/../other/actions/runs/1/deployment_protection_rule`,
        API,
        /names another repository/,
      ],
      [
        `${API}/repos/other/app/actions/runs/1/deployment_protection_rule`,
        API,
        /names another repository than the delivery's \(acme\/app\)/,
      ],
      [`https://ghe.example.com${end}`, 'https://ghe.example.com/api/v3', /is not a repository endpoint/],
      ['not a url', API, /is not a URL/],
    ];
    for (const [url, api, why] of cases) {
      const r = ok(url, api);
      expect(r.ok, url).toBe(false);
      if (!r.ok) expect(r.message, url).toMatch(why);
    }
    const run = ok(`${API}${end}`, API, 'acme/app', 2);
    expect(run).toEqual({
      ok: false,
      message: expect.stringMatching(/names run 1, but the delivery's workflow_run is 2/),
    });
  });
});
