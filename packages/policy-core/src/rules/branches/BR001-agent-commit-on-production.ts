import type { ChangeSet } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import type { CheckContext, Rule } from '../rule.js';
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

export const agentCommitOnProduction: Rule<BranchRun> = {
  id: 'BR001',
  name: 'agent-commit-on-production',
  family: 'BR',
  facts: 'branch-change',
  defaultSeverity: 'error',
  title: 'agent committed directly to the production branch',
  docs: {
    what:
      'On the production branch (`production_branch`, e.g. `main`), a commit on the first-parent ' +
      'history of the change was committed by an agent identity (`agents.identities`). The committer ' +
      'decides, not the author: merges and squash merges made by the hosting service (committer ' +
      '`GitHub <noreply@github.com>`) of an agent-authored pull request are the approved path and are ' +
      'fine, and so are commits merged in from a side branch.',
    why:
      'An agent that pushes to production directly skips everything an agent branch goes through: the ' +
      'scope checks (PATH002, PATH003), CI, staging and a reviewed pull request.',
    fix:
      'Revert the commit on the production branch and land the change from an agent branch through a ' +
      'pull request; protect the branch so that agents cannot push to it.',
    suppress:
      'A commit has no line to point at, so the finding points at the policy: one finding, ' +
      '`# slipway: allow BR001 -- reason` on that line of the policy or the line above. Every finding: ' +
      '`rules: { BR001: off }` (or another severity) in the policy.',
    examples: [
      {
        verdict: 'flagged',
        file: 'slipway.yaml',
        text:
          'version: 1\n' +
          'production_branch: main\n' +
          'agents:\n' +
          '  branches: ["auto/*"]\n' +
          '  identities: ["codex-bot@example.com"]\n' +
          '  allowed: [docs/, backend/app/services/]\n',
        change: {
          branch: 'main',
          labels: [],
          files: ['backend/app/services/mail.py'],
          commits: [
            {
              author: 'codex-bot <codex-bot@example.com>',
              message: 'Retry mail delivery on timeouts',
              files: ['backend/app/services/mail.py'],
            },
          ],
        },
      },
      {
        verdict: 'fine',
        file: 'slipway.yaml',
        text:
          'version: 1\n' +
          'production_branch: main\n' +
          'agents:\n' +
          '  branches: ["auto/*"]\n' +
          '  identities: ["codex-bot@example.com"]\n' +
          '  allowed: [docs/, backend/app/services/]\n',
        change: {
          branch: 'main',
          labels: [],
          files: ['backend/app/services/mail.py'],
          commits: [
            {
              author: 'codex-bot <codex-bot@example.com>',
              committer: 'GitHub <noreply@github.com>',
              message: 'Retry mail delivery on timeouts (#412)',
              files: ['backend/app/services/mail.py'],
            },
          ],
        },
      },
    ],
  },
  check: ({ ctx, change, bp }) => checkAgentCommitOnProduction(ctx, change, bp),
};

export function checkAgentCommitOnProduction(
  ctx: CheckContext,
  change: ChangeSet,
  bp: BranchPolicy,
): Finding[] {
  if (change.branch !== bp.production || bp.identities.length === 0) return [];
  const out: Finding[] = [];
  for (const commit of change.commits) {
    // The hosting service's own merges and squash merges are the approved path, however broad
    // an identity pattern (`*@*`) is written.
    if (!commit.firstParent || isHostingService(commit.committer)) continue;
    const identity = matchIdentity(bp.identities, commit.committer);
    if (!identity) continue;
    const where = ['agents', 'identities', identity.index];
    out.push({
      rule: agentCommitOnProduction.id,
      severity: agentCommitOnProduction.defaultSeverity,
      message:
        `Commit ${shortSha(commit.sha)} ("${commit.subject}") on \`${bp.production}\` was committed by agent ` +
        `${formatPerson(commit.committer)} (agents.identities \`${identity.pattern}\`, ${policyLine(ctx, where)}); ` +
        `agents must not push to the production branch: revert it and land the change from an agent branch through a pull request.`,
      file: ctx.policy.file,
      range: locatePolicy(ctx, where),
      related: [
        related(ctx, where, `agent identity \`${identity.pattern}\``),
        related(
          ctx,
          ['production_branch'],
          isWritten(ctx, ['production_branch'])
            ? `production branch \`${bp.production}\``
            : `production branch \`${bp.production}\` (the default of \`production_branch\`)`,
        ),
      ],
    });
  }
  return out;
}
