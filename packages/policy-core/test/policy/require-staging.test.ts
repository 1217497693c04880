import { parsePolicyText } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const policy = (production: string, extra = '') => `version: 1
deploy:
  environments:
    staging:
      deploy: [sh, deploy.sh]
${extra}    production:
      deploy: [sh, deploy.sh]
${production}`;

describe('deploy.environments.*.require_staging names a defined environment', () => {
  it('an unknown environment is POL001 at that value', () => {
    const text = policy('      require_staging: qa\n');
    const { document, findings } = parsePolicyText(text);
    expect(document).toBeUndefined();
    expect(findings).toHaveLength(1);
    const f = findings[0];
    expect(f?.rule).toBe('POL001');
    expect(f?.message).toBe(
      'invalid policy: `deploy.environments.production.require_staging`: "qa" is not an environment of deploy.environments (it defines "staging", "production"); name one of them or add "qa".',
    );
    const line = text.split('\n')[f?.range.start.line ?? 0];
    expect(line?.slice(f?.range.start.character, f?.range.end.character)).toBe('qa');
  });

  it('an environment that requires itself is POL001', () => {
    const { findings } = parsePolicyText(policy('      require_staging: production\n'));
    expect(findings[0]?.message).toContain('"production" cannot require itself');
  });

  it('near misses: a defined environment, or none, is valid', () => {
    expect(parsePolicyText(policy('      require_staging: staging\n')).findings).toEqual([]);
    expect(
      parsePolicyText(policy('      require_staging: qa\n', '    qa:\n      deploy: [sh, qa.sh]\n')).findings,
    ).toEqual([]);
    expect(parsePolicyText(policy('')).findings).toEqual([]);
  });
});
