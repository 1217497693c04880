import type { Finding } from '../../../finding.js';
import type { PolicyDocument } from '../../../policy/document.js';
import { autoMigrationsDisabledRule } from '../DB006-auto-migrations-disabled.js';
import { applySeverityOverrides } from '../../../severity-overrides.js';

/**
 * DB006 for the guard, which reads the environment (this package does not), with the policy's
 * `rules:` override applied. `value` is DISABLE_AUTO_MIGRATIONS' (true) value.
 */
export function autoMigrationsDisabled(policy: PolicyDocument, value: string): Finding[] {
  const found = autoMigrationsDisabledRule.check({ policy, disableAutoMigrations: value });
  return applySeverityOverrides(found, policy.policy.rules);
}
