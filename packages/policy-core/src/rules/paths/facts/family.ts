import { rulesOf } from '../../registry.js';
import type { Rule, RuleFamily } from '../../rule.js';
import { agentSignal } from '../../../agents/change-author.js';
import { type PathRun, pathPolicy } from './path-policy.js';

/**
 * The PATH family: protected paths need a label; agent branches stay inside their allow-list
 * and never change protected paths without one. The policy is compiled once per check.
 */
export const pathFamily: RuleFamily = {
  id: 'PATH',
  rules: rulesOf('PATH'),
  check(ctx) {
    const change = ctx.change;
    if (change === undefined || change.files.length === 0) return { findings: [], filesChecked: [] };
    const pp = pathPolicy(ctx.policy);
    const run: PathRun = { ctx, change, pp, agent: agentSignal(ctx.policy, change) };
    // Changed files are not listed as checked on purpose: a `slipway: allow PATH…` comment an
    // agent writes into the file it changed must not lift the protection.
    return { findings: (this.rules as Rule<PathRun>[]).flatMap((r) => r.check(run)), filesChecked: [] };
  },
};
