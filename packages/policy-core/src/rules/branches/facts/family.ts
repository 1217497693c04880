import type { AnyRule, Rule, RuleFamily } from '../../../rule.js';
import { type BranchRun, branchPolicy } from './branch-policy.js';

/**
 * The BR family: agents never commit to the production branch, work only on agent branches, and
 * upgrade dependencies on branches named for it. Its findings are about commits and branches,
 * so they point at the policy line that asked for the check.
 */
export function branchFamilyOf(rules: readonly AnyRule[]): RuleFamily {
  return {
    id: 'BR',
    rules,
    check(ctx) {
      const change = ctx.change;
      // Without an `agents:` section the presets still know the agents (BR001); the lane rules
      // need the section's branches and identities, and find nothing without them.
      if (change === undefined) return { findings: [], filesChecked: [] };
      const run: BranchRun = { ctx, change, bp: branchPolicy(ctx.policy) };
      return { findings: (this.rules as Rule<BranchRun>[]).flatMap((r) => r.check(run)), filesChecked: [] };
    },
  };
}
