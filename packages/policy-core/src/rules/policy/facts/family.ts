import type { AnyRule, Rule, RuleFamily } from '../../../rule.js';
import type { PolicyRun } from './policy-facts.js';

/**
 * The POL family checks the policy a change carries. When another policy governs the check (the
 * base's, see governingPolicy), that is the head's own: it is validated here, and POL004 reports
 * what it would change from the next change on. POL001 reads the text before it is parsed, which
 * every host does first (`parsePolicyText`), so it is not run here.
 */
export function policyFamilyOf(rules: readonly AnyRule[], knownIds: ReadonlySet<string>): RuleFamily {
  return {
    id: 'POL',
    rules,
    check(ctx) {
      const head = ctx.headPolicy;
      const run: PolicyRun = {
        ctx: head ? { ...ctx, policy: head } : ctx,
        knownIds,
        ...(head ? { governing: ctx.policy } : {}),
      };
      const rules = this.rules.filter((r) => r.facts === 'policy') as Rule<PolicyRun>[];
      return { findings: rules.flatMap((r) => r.check(run)), filesChecked: [run.ctx.policy.file] };
    },
  };
}
