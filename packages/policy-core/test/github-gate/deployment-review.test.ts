import {
  deploymentReview,
  failedDeploymentReview,
  type PromotePlan,
  REVIEW_COMMENT_MAX_CHARS,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const SHA = '0123456789abcdef0123456789abcdef01234567';
function plan(checks: [string, boolean, string][], approvalRequired = true): PromotePlan {
  return {
    environment: 'production',
    isProduction: true,
    sha: SHA,
    shortSha: SHA.slice(0, 7),
    skippedRecordCommits: [],
    current: null,
    checks: checks.map(([name, ok, detail]) => ({ step: 'checks', name, ok, detail })),
    pinned: null,
    approval: { required: approvalRequired },
    deployCommand: null,
    health: [],
    warnings: [],
    wouldProceed: checks.every(([, ok]) => ok),
  };
}

describe("deploymentReview: the promote plan as GitHub's answer", () => {
  it('approves when every check passes, naming them, and says a person still approves the promote', () => {
    expect(
      deploymentReview(
        plan([
          ['pin', true, 'x'],
          ['guard', true, 'y'],
        ]),
      ),
    ).toEqual({
      state: 'approved',
      comment:
        "Slipway approves 0123456789ab to production: 2 checks passed (pin, guard); a person still approves the promote here (GitHub's required reviewers, or promote --approved-by).",
    });
    expect(deploymentReview(plan([['pin', true, 'x']], false)).comment).toBe(
      'Slipway approves 0123456789ab to production: 1 check passed (pin).',
    );
  });

  it("an approval still carries the plan's warnings", () => {
    const warned = { ...plan([['pin', true, 'x']], false), warnings: ['the audit log is behind its head'] };
    expect(deploymentReview(warned).comment).toBe(
      'Slipway approves 0123456789ab to production: 1 check passed (pin).\n- warning: the audit log is behind its head',
    );
  });

  it('rejects with each failed check and its detail; the deploy lock alone decides nothing', () => {
    const r = deploymentReview(
      plan([
        ['pin', true, 'x'],
        ['window', false, 'deny window "freeze"'],
        ['soak', false, 'ends at 10:00'],
      ]),
    );
    expect(r).toEqual({
      state: 'rejected',
      comment:
        'Slipway rejects 0123456789ab to production: 2 of 3 checks failed.\n- window: deny window "freeze"\n- soak: ends at 10:00',
    });
    expect(
      deploymentReview(
        plan([
          ['guard', true, 'ok'],
          ['lock', false, 'held by pid 5'],
        ]),
      ).state,
    ).toBe('approved');
    expect(
      deploymentReview(
        plan([
          ['lock', false, 'held'],
          ['guard', false, 'MIG001'],
        ]),
      ).comment,
    ).toContain('1 of 1 checks failed');
  });

  it('keeps the comment printable and short: control characters escaped, a long one cut saying so', () => {
    const r = deploymentReview(plan([['guard', false, `evil\u001b[31m ${'x'.repeat(10_000)}`]]));
    expect(r.comment).toHaveLength(REVIEW_COMMENT_MAX_CHARS);
    expect(r.comment).not.toMatch(/\u001b/);
    expect(r.comment).toContain('\\x1B[31m');
    expect(r.comment.endsWith('\n… (cut; `slipway promote --dry-run` prints every check)')).toBe(true);
    expect(deploymentReview(plan([['guard', false, 'x'.repeat(100)]])).comment).not.toContain('(cut;');
  });

  it('a failure to judge is a rejection carrying the reason', () => {
    expect(failedDeploymentReview(SHA, 'qa', 'no environment "qa"')).toEqual({
      state: 'rejected',
      comment: 'Slipway could not judge 0123456789ab to qa, so it rejects it: no environment "qa"',
    });
  });
});
