import type { ChangeSet } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import type { CheckContext, RuleMeta } from '../rule.js';
import { type PathPolicy, relatedPolicy } from './facts/path-policy.js';
import { protectedFindings } from './PATH001-protected-without-label.js';

export const agentEditsProtected: RuleMeta = {
  id: 'PATH003',
  family: 'PATH',
  defaultSeverity: 'error',
  title: 'agent branch changes a protected path without the approval label',
  description:
    'On an agent branch (`agents.branches`), a changed file matches `protected.paths` and the change lacks ' +
    '`protected.label`. Agents never edit protected code without a human review, even where `agents.allowed` ' +
    'would let them (a payments module inside the allowed `backend/app/services/`). Reported instead of PATH001 ' +
    'on agent branches. A human reviews the change and adds the label, or the agent reverts the file. Where ' +
    'labels are unknown this is a warning naming the label.',
};

export function checkAgentEditsProtected(
  ctx: CheckContext,
  change: ChangeSet,
  pp: PathPolicy,
  branchIndex: number,
): Finding[] {
  const branchPattern = ctx.policy.policy.agents?.branches[branchIndex] ?? '';
  return protectedFindings(
    ctx,
    change,
    pp,
    agentEditsProtected,
    (what, pattern, where, needs) =>
      `${what} on agent branch \`${change.branch}\` is protected by pattern \`${pattern}\` (${where}) and ${needs}: ` +
      `agents never change it without a human review; have a human review it and add the label, or revert the change to this file.`,
    [relatedPolicy(ctx, ['agents', 'branches', branchIndex], `agent branch pattern \`${branchPattern}\``)],
  );
}
