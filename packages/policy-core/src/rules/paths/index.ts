import type { RuleFamily } from '../rule.js';
import { agentEditsProtected, checkAgentEditsProtected } from './PATH003-agent-edits-protected.js';
import { checkOutsideAgentScope, outsideAgentScope } from './PATH002-outside-agent-scope.js';
import { agentBranchIndex, pathPolicy } from './facts/path-policy.js';
import { checkProtectedWithoutLabel, protectedWithoutLabel } from './PATH001-protected-without-label.js';

/**
 * The PATH family (seeds 000, 001): protected paths need a label; agent branches stay inside
 * their allow-list and never change protected paths without one.
 */
export const pathFamily: RuleFamily = {
  id: 'PATH',
  rules: [protectedWithoutLabel, outsideAgentScope, agentEditsProtected],
  check(ctx) {
    const change = ctx.change;
    if (change === undefined || change.files.length === 0) return { findings: [], filesChecked: [] };
    const pp = pathPolicy(ctx.policy);
    const branch = agentBranchIndex(pp, change);
    const findings =
      branch < 0
        ? checkProtectedWithoutLabel(ctx, change, pp)
        : [
            ...checkAgentEditsProtected(ctx, change, pp, branch),
            ...checkOutsideAgentScope(ctx, change, pp, branch),
          ];
    // Changed files are not listed as checked on purpose: a `slipway: allow PATH…` comment an
    // agent writes into the file it changed must not lift the protection.
    return { findings, filesChecked: [] };
  },
};

export { explainPath, type PathExplanation, type PathListVerdict } from './facts/explain-path.js';
