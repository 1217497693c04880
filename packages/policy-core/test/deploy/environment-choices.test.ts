import { environmentChoices, parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const doc = (deploy: string) => {
  const parsed = parsePolicyText(`version: 1\nproduction_branch: main\n${deploy}`);
  if (!parsed.document) throw new Error('invalid test policy');
  return parsed.document;
};

describe('environmentChoices', () => {
  it("lists the policy's environments in its order, with what a promote to each needs", () => {
    const choices = environmentChoices(
      doc(`deploy:
  production: live
  environments:
    canary:
      url: "\${CANARY_URL}"
    staging:
      url: https://staging.example
      require_staging: canary
    live:
      url: https://example
      approval: required
      require_staging: staging
`),
    );
    expect(choices).toEqual([
      { name: 'canary', production: false, approval: false },
      { name: 'staging', production: false, approval: false, verifiedOn: 'canary' },
      { name: 'live', production: true, approval: true, verifiedOn: 'staging' },
    ]);
  });

  it('production needs staging by default when the policy has one; none without a deploy section', () => {
    const choices = environmentChoices(
      doc(
        'deploy:\n  environments:\n    staging: { url: https://s.example }\n    production: { url: https://p.example }\n',
      ),
    );
    expect(choices.map((c) => [c.name, c.verifiedOn])).toEqual([
      ['staging', undefined],
      ['production', 'staging'],
    ]);
    expect(environmentChoices(doc(''))).toEqual([]);
  });
});
