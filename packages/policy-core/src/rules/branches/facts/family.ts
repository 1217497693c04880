import type { AnyRule, RuleFamily } from '../../../rule.js';
import { oneRunFamily } from '../../one-run-family.js';
import { type BranchRun, branchPolicy } from './branch-policy.js';

/**
 * The BR family: agents never commit to the production branch, work only on agent branches, and
 * upgrade dependencies on branches named for it. Its findings are about commits and branches,
 * so they point at the policy line that asked for the check.
 */
export function branchFamilyOf(rules: readonly AnyRule[]): RuleFamily {
  return oneRunFamily<BranchRun>('BR', rules, {
    // Without an `agents:` section the presets still know the agents (BR001); the lane rules
    // need the section's branches and identities, and find nothing without them.
    run: (ctx) =>
      ctx.change === undefined ? undefined : { ctx, change: ctx.change, bp: branchPolicy(ctx.policy) },
  });
}
