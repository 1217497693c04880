import { PROTECTION_RULE_EVENT_MAX_BYTES, readProtectionRuleEvent } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const SHA = 'a'.repeat(40);
const URL_ = 'https://api.github.com/repos/acme/app/actions/runs/5/deployment_protection_rule';
const base = {
  action: 'requested',
  environment: 'production',
  event: 'push',
  deployment_callback_url: URL_,
  repository: { full_name: 'acme/app' },
  installation: { id: 7 },
};
const read = (o: object) => readProtectionRuleEvent(JSON.stringify(o));

describe('readProtectionRuleEvent', () => {
  it('reads the documented shape (the commit in deployment) and the captured one (at the top, with the run)', () => {
    expect(read({ ...base, deployment: { sha: SHA, ref: 'main', creator: { login: 'octocat' } } })).toEqual({
      ok: true,
      request: {
        environment: 'production',
        sha: SHA,
        ref: 'main',
        repository: 'acme/app',
        installationId: 7,
        callbackUrl: URL_,
        event: 'push',
        creator: 'octocat',
      },
    });
    const captured = read({
      ...base,
      sha: SHA,
      ref: 'v1',
      deployment: { id: 1, environment: 'production' },
      workflow_run: { id: 5 },
    });
    expect(captured).toMatchObject({ ok: true, request: { sha: SHA, ref: 'v1', runId: 5 } });
    // A SHA-256 repository's commit is 64 digits; a null creator (a deleted account) is none.
    expect(read({ ...base, deployment: { sha: 'b'.repeat(64), creator: null } })).toMatchObject({
      ok: true,
      request: { sha: 'b'.repeat(64) },
    });
    expect(read({ ...base, sha: SHA, deployment: { sha: SHA } })).toMatchObject({ ok: true });
  });

  it('another action is ignored, not an error; the gate answers only requests', () => {
    expect(read({ ...base, action: 'completed' })).toEqual({
      ok: false,
      ignored: true,
      message: 'action "completed" is not a request; nothing to judge',
    });
  });

  it('refuses what is not a request it can judge, saying where', () => {
    const cases: [unknown, RegExp][] = [
      [
        { ...base, deployment: { sha: 'HEAD' } },
        /^not a deployment_protection_rule request: deployment\.sha: /,
      ],
      [{ ...base, deployment: { sha: SHA.toUpperCase() } }, /deployment\.sha/],
      [{ ...base, deployment: { sha: `${SHA}0` } }, /deployment\.sha/],
      [{ ...base, sha: SHA, deployment: { sha: 'c'.repeat(40) } }, /names two commits/],
      [{ ...base, deployment: {} }, /names no commit/],
      [{ ...base }, /names no commit/],
      [{ ...base, sha: SHA, environment: '' }, /environment/],
      [{ ...base, sha: SHA, repository: { full_name: 'acme/app/../x' } }, /repository\.full_name/],
      [{ ...base, sha: SHA, installation: { id: -1 } }, /installation\.id/],
      [{ ...base, sha: SHA, deployment_callback_url: 5 }, /deployment_callback_url/],
      [[], /\(the delivery\)|action/],
      [null, /action|the delivery/],
    ];
    for (const [body, why] of cases) {
      const r = readProtectionRuleEvent(JSON.stringify(body));
      expect(r.ok, JSON.stringify(body)).toBe(false);
      if (!r.ok) {
        expect(r.ignored, JSON.stringify(body)).toBeUndefined();
        expect(r.message, JSON.stringify(body)).toMatch(why);
      }
    }
    expect(readProtectionRuleEvent('{"action":')).toEqual({
      ok: false,
      message: expect.stringMatching(/^the delivery is not JSON/),
    });
  });

  it('reads at most the limit: one byte more is refused unparsed', () => {
    const pad = (n: number) => {
      const body = JSON.stringify({ ...base, sha: SHA, pad: '' });
      return body.replace('"pad":""', `"pad":"${'x'.repeat(n - body.length)}"`);
    };
    expect(pad(PROTECTION_RULE_EVENT_MAX_BYTES)).toHaveLength(PROTECTION_RULE_EVENT_MAX_BYTES);
    expect(readProtectionRuleEvent(pad(PROTECTION_RULE_EVENT_MAX_BYTES)).ok).toBe(true);
    expect(readProtectionRuleEvent(pad(PROTECTION_RULE_EVENT_MAX_BYTES + 1))).toEqual({
      ok: false,
      message: `the delivery is ${PROTECTION_RULE_EVENT_MAX_BYTES + 1} characters; the gate reads at most ${PROTECTION_RULE_EVENT_MAX_BYTES}`,
    });
  });
});
