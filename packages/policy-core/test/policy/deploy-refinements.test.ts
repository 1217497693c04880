import { parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

/** A deploy section with staging and production, and what a case adds to each. */
const policy = (o: { staging?: string; production?: string; top?: string; envs?: string } = {}) => `version: 1
deploy:
${o.top ?? ''}  environments:
    staging:
      deploy: [sh, deploy.sh]
${o.staging ?? ''}    production:
      deploy: [sh, deploy.sh]
${o.production ?? ''}${o.envs ?? ''}`;

/** Each finding as `line: message` (lines 0-based), or [] when the policy is valid. */
function findings(text: string): string[] {
  return parsePolicyText(text).findings.map((f) => `${f.range.start.line}: ${f.message}`);
}

/**
 * The deploy section's cross-checks, each at the key to change, with the near miss that passes:
 * production cannot skip the guard, windows name environments that exist, a soak needs an
 * environment that verifies first.
 */
describe('the deploy section checked as a whole', () => {
  it('guard: false is refused on the production environment only, at its key', () => {
    expect(findings(policy({ production: '      guard: false\n' }))).toEqual([
      expect.stringMatching(
        /^7: .*"production" is the production environment, which the deploy guard always protects; remove `guard: false`/,
      ),
    ]);
    expect(findings(policy({ staging: '      guard: false\n' }))).toEqual([]);
    expect(findings(policy({ production: '      guard: true\n' }))).toEqual([]);
    // Whichever environment deploy.production names.
    expect(findings(policy({ top: '  production: staging\n', staging: '      guard: false\n' }))).toEqual([
      expect.stringMatching(/^6: .*"staging" is the production environment/),
    ]);
  });

  it('windows name environments of deploy.environments', () => {
    const windows = (name: string) =>
      `  windows:\n    ${name}:\n      timezone: UTC\n      deny:\n        - { name: f, cron: "0 15 * * 5", duration: 1h }\n`;
    expect(findings(policy({ top: windows('prod') }))).toEqual([
      expect.stringMatching(
        /^4: .*"prod" is not an environment of deploy\.environments \(it defines "staging", "production"\); name one of them/,
      ),
    ]);
    expect(findings(policy({ top: windows('production') }))).toEqual([]);
  });

  it('min_soak needs an environment that verifies first: production has staging by default, staging has none', () => {
    expect(findings(policy({ production: '      min_soak: 30m\n' }))).toEqual([]);
    expect(findings(policy({ staging: '      min_soak: 30m\n' }))).toEqual([
      expect.stringMatching(
        /^5: .*"staging" requires no environment to verify a SHA first, so nothing soaks before it/,
      ),
    ]);
    // A soak on an environment that names what verifies it first is fine, one that names itself is not.
    expect(
      findings(
        policy({
          envs: '    qa:\n      deploy: [sh, deploy.sh]\n      require_staging: staging\n      min_soak: 1h\n',
        }),
      ),
    ).toEqual([]);
    expect(findings(policy({ staging: '      require_staging: staging\n' }))).toEqual([
      expect.stringMatching(/"staging" cannot require itself to be verified first/),
    ]);
    // Production's default needs an environment called staging: without one, nothing soaks.
    const noStaging = `version: 1
deploy:
  environments:
    production:
      deploy: [sh, deploy.sh]
      min_soak: 30m
`;
    expect(findings(noStaging)).toEqual([
      expect.stringMatching(/^5: .*"production" requires no environment to verify a SHA first/),
    ]);
  });
});
