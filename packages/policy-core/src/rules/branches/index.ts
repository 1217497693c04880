import type { RuleFamily } from '../rule.js';
import { agentCommitOnProduction, checkAgentCommitOnProduction } from './BR001-agent-commit-on-production.js';
import { agentOutsideLane, checkAgentOutsideLane } from './BR002-agent-outside-lane.js';
import { branchPolicy } from './facts/branch-policy.js';
import { checkDependencyChangeOffLane, dependencyChangeOffLane } from './BR003-dependency-change-off-lane.js';

/**
 * The BR family (seeds 000–002): agents never commit to the production branch, work only on
 * agent branches, and upgrade dependencies on branches named for it. Its findings are about
 * commits and branches, so they point at the policy line that asked for the check.
 */
export const branchFamily: RuleFamily = {
  id: 'BR',
  rules: [agentCommitOnProduction, agentOutsideLane, dependencyChangeOffLane],
  check(ctx) {
    const change = ctx.change;
    if (change === undefined || ctx.policy.policy.agents === undefined)
      return { findings: [], filesChecked: [] };
    const bp = branchPolicy(ctx.policy);
    return {
      findings: [
        ...checkAgentCommitOnProduction(ctx, change, bp),
        ...checkAgentOutsideLane(ctx, change, bp),
        ...checkDependencyChangeOffLane(ctx, change, bp),
      ],
      filesChecked: [],
    };
  },
};
