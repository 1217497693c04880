import type { ChangeSet, Commit, Person } from '../../change-set.js';
import { agentMatchers, matchPerson } from '../../agents/agent-matchers.js';
import type { Finding, RelatedLocation } from '../../finding.js';
import type { PolicyPath } from '../../policy/document.js';
import { type CheckContext, findingOf, type Rule } from '../../rule.js';
import {
  type BranchPolicy,
  isWritten,
  locatePolicy,
  policyLine,
  related,
  shortSha,
} from './facts/branch-policy.js';
import { formatPerson, isHostingService, matchIdentity } from '../../agents/identity-pattern.js';
import type { BranchRun } from './facts/branch-policy.js';
import { brSuppressDocs, mailFixExample } from './facts/examples.js';

export const agentCommitOnProduction: Rule<BranchRun> = {
  id: 'BR001',
  name: 'agent-commit-on-production',
  family: 'BR',
  // Stryker disable next-line StringLiteral: the BR family judges every rule on its one run (facts/family.ts dispatches on no facts), so nothing reads this
  facts: 'branch-change',
  defaultSeverity: 'error',
  title: 'agent committed directly to the production branch',
  docs: {
    what:
      'On the production branch (`production_branch`, e.g. `main`), a commit on the first-parent ' +
      'history of the change was committed by an agent identity (`agents.identities`, or the address or ' +
      "bot account of a known agent's preset that the policy has not turned off). The committer " +
      'decides, not the author: merges and squash merges made by the hosting service (committer ' +
      '`GitHub <noreply@github.com>`) of an agent-authored pull request are the approved path and are ' +
      'fine, and so are commits merged in from a side branch.',
    why:
      'An agent that pushes to production directly skips everything an agent branch goes through: the ' +
      'scope checks (PATH002, PATH003), CI, staging and a reviewed pull request.',
    fix:
      'Revert the commit on the production branch and land the change from an agent branch through a ' +
      'pull request; protect the branch so that agents cannot push to it.',
    suppress: brSuppressDocs('BR001'),
    examples: [
      mailFixExample('flagged', 'main'),
      mailFixExample('fine', 'main', {
        committer: 'GitHub <noreply@github.com>',
        message: 'Retry mail delivery on timeouts (#412)',
      }),
    ],
  },
  check: ({ ctx, change, bp }) => checkAgentCommitOnProduction(ctx, change, bp),
};

export function checkAgentCommitOnProduction(
  ctx: CheckContext,
  change: ChangeSet,
  bp: BranchPolicy,
): Finding[] {
  if (change.branch !== bp.production) return [];
  const out: Finding[] = [];
  for (const commit of change.commits) {
    // The hosting service's own merges and squash merges are the approved path, however broad
    // an identity pattern (`*@*`) is written.
    if (!commit.firstParent || isHostingService(commit.committer)) continue;
    const identity = matchIdentity(bp.identities, commit.committer);
    if (!identity) {
      const preset = presetCommitter(ctx, commit.committer);
      if (preset) out.push(presetFinding(ctx, bp, commit, preset));
      continue;
    }
    const where = ['agents', 'identities', identity.index];
    out.push(
      agentCommitFinding(
        ctx,
        bp,
        commit,
        `agents.identities \`${identity.pattern}\`, ${policyLine(ctx, where)}`,
        where,
        related(ctx, where, `agent identity \`${identity.pattern}\``),
      ),
    );
  }
  return out;
}

/**
 * A known agent's preset that the committer matches (agents/presets.ts, unless the policy turned
 * it off). Only agents: a bot such as Renovate may push a routine bump straight to the branch
 * when a team lets it (`automergeType: branch`), which is the team's decision, not an escape.
 * Only the committer, as for the policy's own identities: an agent's trailer on a person's
 * commit says it helped write it, not that it pushed it.
 */
function presetCommitter(ctx: CheckContext, committer: Person): string | undefined {
  const m = matchPerson(agentMatchers(ctx.policy), committer);
  return m && 'preset' in m.origin && m.origin.class === 'agent' ? m.origin.preset : undefined;
}

function presetFinding(ctx: CheckContext, bp: BranchPolicy, commit: Commit, preset: string): Finding {
  // No policy line names a preset: the finding sits on `agents:` (or the file's top), where
  // `agents.presets_off` would turn it off.
  return agentCommitFinding(ctx, bp, commit, `the ${preset} preset`, ['agents']);
}

/**
 * BR001's finding on a commit an agent pushed to the production branch: `how` says how it is
 * known to be an agent's, `where` is the policy line that decided, `identity` its related line.
 */
function agentCommitFinding(
  ctx: CheckContext,
  bp: BranchPolicy,
  commit: Commit,
  how: string,
  where: PolicyPath,
  identity?: RelatedLocation,
): Finding {
  return findingOf(
    agentCommitOnProduction,
    ctx.policy.file,
    locatePolicy(ctx, where),
    `Commit ${shortSha(commit.sha)} ("${commit.subject}") on \`${bp.production}\` was committed by agent ` +
      `${formatPerson(commit.committer)} (${how}); agents must not push to the production branch: ` +
      'revert it and land the change from an agent branch through a pull request.',
    [
      ...(identity ? [identity] : []),
      related(
        ctx,
        ['production_branch'],
        isWritten(ctx, ['production_branch'])
          ? `production branch \`${bp.production}\``
          : `production branch \`${bp.production}\` (the default of \`production_branch\`)`,
      ),
    ],
  );
}
