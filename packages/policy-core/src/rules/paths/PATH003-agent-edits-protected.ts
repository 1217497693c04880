import type { ChangeSet } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import type { CheckContext, Rule } from '../../rule.js';
import type { AgentSignal } from '../../agents/change-author.js';
import { agentChangeWords, agentRelated } from './facts/path-policy.js';
import type { PathPolicy } from '../../policy/path-policy.js';
import { protectedFindings } from './facts/protected-findings.js';
import type { PathRun } from './facts/path-policy.js';
import { loginChangeExamples, pathSuppressDocs } from './facts/examples.js';

export const agentEditsProtected: Rule<PathRun> = {
  id: 'PATH003',
  name: 'agent-edits-protected',
  family: 'PATH',
  // Stryker disable next-line StringLiteral: read by no one: the PATH family's one run judges every rule (one-run-family.ts filters on `facts` only for a family that names its own)
  facts: 'path-change',
  defaultSeverity: 'error',
  // The change must not approve itself with a comment in the files it changes.
  suppressible: false,
  title: 'agent branch changes a protected path without the approval label',
  docs: {
    what:
      "In an agent's change (its branch, pull request author, a commit or a Co-authored-by trailer says so), a changed file matches `protected.paths` and the change " +
      'lacks `protected.label`. Where labels are unknown this is a warning naming the label.',
    why:
      'Agents never edit protected code without a human review, even where `agents.allowed` would let ' +
      'them (a payments module inside the allowed `backend/app/services/`).',
    fix:
      'A human reviews the change and adds the label, or the agent reverts the file. (On agent branches ' +
      'this rule reports instead of PATH001.)',
    suppress: pathSuppressDocs('PATH003'),
    examples: loginChangeExamples('auto/refactor'),
  },
  check: ({ ctx, change, pp, agent }) => (agent ? checkAgentEditsProtected(ctx, change, pp, agent) : []),
};

export function checkAgentEditsProtected(
  ctx: CheckContext,
  change: ChangeSet,
  pp: PathPolicy,
  agent: AgentSignal,
): Finding[] {
  return protectedFindings(
    ctx,
    change,
    pp,
    agentEditsProtected,
    (what, pattern, where, needs) =>
      `${what} ${agentChangeWords(ctx, agent)} is protected by pattern \`${pattern}\` (${where}) and ${needs}: ` +
      `agents never change it without a human review; have a human review it and add the label, or revert the change to this file.`,
    agentRelated(ctx, agent),
  );
}
