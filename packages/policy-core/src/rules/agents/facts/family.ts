import { agentSignal } from '../../../agents/change-author.js';
import { pathPolicy } from '../../paths/facts/path-policy.js';
import { rulesOf } from '../../registry.js';
import type { Rule, RuleFamily } from '../../rule.js';
import type { CapRun } from './cap-run.js';
import { changeCounts } from './change-counts.js';

/**
 * The AGT family: caps on what one agent change may do (`agents.limits`). Only an agent's change
 * is counted (agents/change-author.ts decides), and only the counts whose caps are set.
 */
export const agentCapFamily: RuleFamily = {
  id: 'AGT',
  rules: rulesOf('AGT'),
  check(ctx) {
    const change = ctx.change;
    const limits = ctx.policy.policy.agents?.limits;
    if (change === undefined || limits === undefined) return { findings: [], filesChecked: [] };
    const agent = agentSignal(ctx.policy, change);
    if (agent === undefined) return { findings: [], filesChecked: [] };
    const run: CapRun = {
      ctx,
      change,
      agent,
      counts: changeCounts(ctx, change),
      label: pathPolicy(ctx.policy).label,
    };
    // Nothing listed as checked: a `slipway: allow AGT…` an agent writes must not lift its cap.
    return { findings: (this.rules as Rule<CapRun>[]).flatMap((r) => r.check(run)), filesChecked: [] };
  },
};
