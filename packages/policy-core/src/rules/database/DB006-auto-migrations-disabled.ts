import { applySeverityOverrides } from '../../engine.js';
import type { Finding } from '../../finding.js';
import type { PolicyDocument } from '../../policy/document.js';
import type { RuleMeta } from '../rule.js';

export const autoMigrationsDisabledRule: RuleMeta = {
  id: 'DB006',
  family: 'DB',
  defaultSeverity: 'warning',
  title: 'automatic migrations disabled on deploy (DISABLE_AUTO_MIGRATIONS)',
  description:
    'The guard ran with `DISABLE_AUTO_MIGRATIONS` set to a true value, so the deploy (the ' +
    "seed's start.sh) skips `alembic upgrade head`: migrations merged since the last deploy are " +
    'not applied and the new code may run against an older schema. It is a switch for an ' +
    'incident, not a way of working: apply the pending migrations by hand, then remove the flag. ' +
    'The guard reads the variable from its own environment, so set it where the guard runs too.',
};

/**
 * DB006 for the guard, which reads the environment (this package does not): the finding points
 * at the policy's `migrations:` key, the line that asks for migration checks, with the policy's
 * `rules:` override applied. `value` is the variable's (true) value.
 */
export function autoMigrationsDisabled(policy: PolicyDocument, value: string): Finding[] {
  const finding: Finding = {
    rule: autoMigrationsDisabledRule.id,
    severity: autoMigrationsDisabledRule.defaultSeverity,
    message: `DISABLE_AUTO_MIGRATIONS=${value}: the deploy will skip \`alembic upgrade head\`, so pending migrations are not applied; apply them by hand and remove the flag once the issue is resolved.`,
    file: policy.file,
    range: policy.locate(['migrations'], 'key'),
  };
  return applySeverityOverrides([finding], policy.policy.rules);
}
