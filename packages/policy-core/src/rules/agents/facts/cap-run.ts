import { type AgentSignal, isBot } from '../../../agents/change-author.js';
import type { ChangeSet } from '../../../change-set.js';
import type { Finding } from '../../../finding.js';
import type { PolicyPath } from '../../../policy/document.js';
import type { AgentCapKey } from '../../../policy/schema/agents.js';
import {
  agentChangeWords,
  agentRelated,
  labelNote,
  labelState,
  policyLine,
  relatedPolicy,
} from '../../paths/facts/path-policy.js';
import type { CheckContext, RuleMeta } from '../../../rule.js';
import type { ChangeCounts } from './change-counts.js';

/** What every AGT rule is, written once: a cap on an agent's change, which no comment lifts. */
export const AGENT_CAP_RULE = {
  family: 'AGT',
  facts: 'agent-change',
  // The change must not approve itself with a comment in the files it changes.
  suppressible: false,
} as const;

/** What every AGT rule reads: an agent's change, why it is one, and its counts. */
export interface CapRun {
  ctx: CheckContext;
  change: ChangeSet;
  agent: AgentSignal;
  counts: ChangeCounts;
  /** The caps that apply: `agents.limits`, or `agents.bots.limits` for a bot's change when set. */
  limits: Partial<Record<AgentCapKey, number>>;
  /** Where those caps are in the policy. */
  limitsKey: PolicyPath;
  /** The approval label that lifts a cap (`protected.label`). */
  label: string;
}

/**
 * One finding when the change's count is over its cap: at the cap's line in the policy, naming
 * the count, the cap, what made the change an agent's, and the label that lifts it. Unknown
 * labels (the editor, a push) make it a warning, as for protected paths.
 */
export function capFinding(
  run: CapRun,
  rule: RuleMeta,
  key: AgentCapKey,
  /** Counts only when the cap is set: the lines cap reads a diff, the dependency cap parses files. */
  measure: () => { count: number | undefined; what: (count: number) => string },
): Finding[] {
  const cap = run.limits[key];
  if (cap === undefined) return [];
  const { count, what } = measure();
  if (count === undefined || count <= cap) return [];
  const state = labelState(run.change, run.label);
  if (state === 'present') return [];
  const where = [...run.limitsKey, key];
  const needs = `${state === 'unknown' ? 'it needs' : 'it lacks'} the \`${run.label}\` label${labelNote(run.change, run.label)}`;
  return [
    {
      rule: rule.id,
      severity: state === 'unknown' ? 'warning' : rule.defaultSeverity,
      message:
        `This ${isBot(run.agent) ? 'bot' : 'agent'} change ${what(count)}, over the cap of ${cap} (${where.join('.')}, ${policyLine(run.ctx, where)}) ` +
        `${agentChangeWords(run.ctx, run.agent)}; ${needs}: split it into smaller changes, or have a human review it and add the label.`,
      file: run.ctx.policy.file,
      range: run.ctx.policy.locate(where, 'value'),
      related: [relatedPolicy(run.ctx, where, `the cap: ${cap}`), ...agentRelated(run.ctx, run.agent)],
    },
  ];
}
