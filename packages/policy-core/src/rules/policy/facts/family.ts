import { knownRuleIds, rulesOf } from '../../registry.js';
import type { Rule, RuleFamily } from '../../rule.js';
import type { PolicyRun } from './policy-facts.js';

/**
 * The POL family checks the parsed policy itself. POL001 reads the text before it is parsed,
 * which every host does first (`parsePolicyText`), so it is not run here.
 */
export const policyFamily: RuleFamily = {
  id: 'POL',
  rules: rulesOf('POL'),
  check(ctx) {
    const run: PolicyRun = { ctx, knownIds: knownRuleIds() };
    const rules = this.rules.filter((r) => r.facts === 'policy') as Rule<PolicyRun>[];
    return { findings: rules.flatMap((r) => r.check(run)), filesChecked: [ctx.policy.file] };
  },
};
