import type { RuleFamily } from '../rule.js';
import { invalidPolicy } from './POL001-invalid-policy.js';
import { checkStalePatterns, stalePattern } from './POL002-stale-pattern.js';
import { checkRuleSettings, unknownRuleSetting } from './POL003-unknown-rule-setting.js';

/**
 * The POL family checks the policy itself. POL001 comes from the parser; POL003 needs every
 * known rule id, which the registry passes in (it cannot import the registry without a cycle).
 */
export function policyFamily(knownIds: () => ReadonlySet<string>): RuleFamily {
  return {
    id: 'POL',
    rules: [invalidPolicy, stalePattern, unknownRuleSetting],
    check: (ctx) => ({
      findings: [...checkStalePatterns(ctx), ...checkRuleSettings(ctx, knownIds())],
      filesChecked: [ctx.policy.file],
    }),
  };
}
