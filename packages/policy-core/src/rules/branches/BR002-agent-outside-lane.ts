import { agentMatchers, matchPerson } from '../../agents/agent-matchers.js';
import type { ChangeSet, Commit, Person } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import type { CheckContext, Rule } from '../../rule.js';
import {
  agentBranchIndex,
  type BranchPolicy,
  locatePolicy,
  policyLine,
  related,
  shortSha,
} from './facts/branch-policy.js';
import { formatPerson, type IdentityPattern, matchIdentity } from '../../agents/identity-pattern.js';
import type { BranchRun } from './facts/branch-policy.js';
import { brSuppressDocs, mailFixExample } from './facts/examples.js';

export const agentOutsideLane: Rule<BranchRun> = {
  id: 'BR002',
  name: 'agent-outside-lane',
  family: 'BR',
  // Stryker disable next-line StringLiteral: the BR family judges every rule on its one run (facts/family.ts dispatches on no facts), so nothing reads this
  facts: 'branch-change',
  defaultSeverity: 'error',
  title: 'agent commits on a branch that is not an agent branch',
  docs: {
    what:
      'A branch other than the production branch carries commits authored or committed by an agent ' +
      'identity (`agents.identities`), but its name matches none of `agents.branches` (e.g. `auto/*`). ' +
      'A preset bot (Dependabot, Renovate) that a wildcard entry also names is a bot, not an agent, ' +
      'unless the policy names it exactly or turns its preset off.',
    why:
      'Agents work only on their own branches, where PATH002/PATH003 keep them inside `agents.allowed`; ' +
      'on any other branch their changes escape those checks.',
    fix:
      'Move the work to a branch named like `agents.branches` (for example `git branch -m ' +
      'auto/<topic>`), or, if a person took the work over, recommit it under their own name. Commits on ' +
      'the production branch are BR001.',
    suppress: brSuppressDocs('BR002'),
    examples: [mailFixExample('flagged', 'fix/mail-timeouts'), mailFixExample('fine', 'auto/mail-timeouts')],
  },
  check: ({ ctx, change, bp }) => checkAgentOutsideLane(ctx, change, bp),
};

function agentOf(
  ctx: CheckContext,
  bp: BranchPolicy,
  commit: Commit,
): { who: string; identity: IdentityPattern } | undefined {
  const byCommitter = policyAgent(ctx, bp, commit.committer);
  if (byCommitter) return { who: `committer ${formatPerson(commit.committer)}`, identity: byCommitter };
  const byAuthor = policyAgent(ctx, bp, commit.author);
  if (byAuthor) return { who: `author ${formatPerson(commit.author)}`, identity: byAuthor };
  return undefined;
}

/**
 * The entry of agents.identities that makes `who` an agent, unless a bot preset claims them
 * first (firstMatch): `*[bot]@users.noreply.github.com` also names Dependabot and Renovate,
 * whose commits on their own branches are a bot's routine work, not an agent off its lane.
 */
function policyAgent(ctx: CheckContext, bp: BranchPolicy, who: Person): IdentityPattern | undefined {
  const entry = matchIdentity(bp.identities, who);
  // Stryker disable next-line ConditionalExpression: without an entry the answer below is undefined too; this only spares matchPerson
  if (!entry) return undefined;
  const decided = matchPerson(agentMatchers(ctx.policy), who);
  if (!decided || !('preset' in decided.origin)) return entry;
  // Stryker disable next-line ConditionalExpression: past a policy entry, firstMatch answers with a preset only when it is a bot
  return decided.origin.class === 'bot' ? undefined : entry;
}

/** One finding per branch, naming its newest agent commit and how many there are. */
export function checkAgentOutsideLane(ctx: CheckContext, change: ChangeSet, bp: BranchPolicy): Finding[] {
  const branch = change.branch;
  if (branch === undefined || branch === bp.production) return [];
  if (agentBranchIndex(bp, branch) >= 0) return [];
  let first: { commit: Commit; who: string; identity: IdentityPattern } | undefined;
  let count = 0;
  for (const commit of change.commits) {
    const agent = agentOf(ctx, bp, commit);
    if (!agent) continue;
    count++;
    first ??= { commit, ...agent };
  }
  if (!first) return [];
  const where = ['agents', 'identities', first.identity.index];
  const lanes = ctx.policy.policy.agents?.branches.map((b) => `\`${b}\``).join(', ') || '(none)';
  const more = count > 1 ? ` and ${count - 1} more agent commit${count > 2 ? 's' : ''}` : '';
  return [
    {
      rule: agentOutsideLane.id,
      severity: agentOutsideLane.defaultSeverity,
      message:
        `Branch \`${branch}\` carries commit ${shortSha(first.commit.sha)} ("${first.commit.subject}") by agent ` +
        `${first.who}${more} (agents.identities \`${first.identity.pattern}\`, ${policyLine(ctx, where)}), ` +
        `but agents work only on branches matching ${lanes}; move the work to such a branch.`,
      file: ctx.policy.file,
      range: locatePolicy(ctx, where),
      related: [
        related(ctx, where, `agent identity \`${first.identity.pattern}\``),
        related(ctx, ['agents', 'branches'], `agent branches: ${lanes}`),
      ],
    },
  ];
}
