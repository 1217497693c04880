import { wellFormedLastGoodSha } from '../../deploy/record-parse.js';
import type { Finding } from '../../finding.js';
import type { GitFacts } from '../../repo.js';
import type { RecordRule } from './facts/record-facts.js';
import { valueSpan } from './facts/record-facts.js';
import { recordExample, recSuppressDocs, releaseRecord } from './facts/examples.js';

type Reach = { kind: 'reachable' } | { kind: 'unreachable'; from: string } | { kind: 'no-branch' };

/**
 * Is `sha` on the production branch as this clone knows it: the local branch, else the one
 * fetched from origin, as resolve-range picks the base. A CI checkout (actions/checkout with
 * fetch-depth 0 on a pull request) has only `origin/main`; a local `main` that was never pulled
 * is behind it. So the commit counts as on the branch when either contains it. Full ref names,
 * so a tag or file called like the branch cannot stand in for it.
 */
function reach(git: GitFacts, sha: string, branch: string): Reach {
  const local = `refs/heads/${branch}`;
  const remote = `refs/remotes/origin/${branch}`;
  // Hosts that cannot resolve names ask git about the name as configured, as they always did.
  if (!git.resolveCommit)
    return git.isAncestor(sha, branch) ? { kind: 'reachable' } : { kind: 'unreachable', from: `"${branch}"` };
  // The usual case costs one question, as before: a local branch that contains the commit.
  if (git.isAncestor(sha, local)) return { kind: 'reachable' };
  // Stryker disable next-line ArrayDeclaration: priming is one git call for both names instead of two; resolveCommit answers the same without it
  git.primeCommits?.([local, remote]);
  const hasLocal = git.resolveCommit(local) !== undefined;
  const hasRemote = git.resolveCommit(remote) !== undefined;
  if (hasRemote && git.isAncestor(sha, remote)) return { kind: 'reachable' };
  if (!hasLocal && !hasRemote) return { kind: 'no-branch' };
  const names = [hasLocal ? `"${branch}"` : '', hasRemote ? `"origin/${branch}"` : ''].filter(Boolean);
  return { kind: 'unreachable', from: names.join(' or ') };
}

/** REC005: last_good_sha is not on the production branch. */
export const unreachableSha: RecordRule = {
  id: 'REC005',
  name: 'unreachable-sha',
  family: 'REC',
  facts: 'deploy-record',
  defaultSeverity: 'error',
  examplesNotRun: 'needs git history',
  title: 'deploy record SHA is not reachable from the production branch',
  docs: {
    what:
      "The record's last_good_sha is not on the production branch " +
      '(deploy.environments.<production>.branch, else production_branch, taken locally or as fetched ' +
      'from origin). Silent where git is not available; when neither branch is in the clone, the ' +
      'finding says so.',
    why:
      'Production deploys only from the production branch. A last_good_sha that the branch does not ' +
      'contain was deployed from elsewhere (an agent branch, a rewritten history), so rolling back to ' +
      'it would run code that never passed review on that branch.',
    fix:
      'Promote a commit of the production branch (`slipway promote`), or fetch the branch when the ' +
      'clone lacks it.',
    suppress: recSuppressDocs('REC005'),
    examples: [
      recordExample('flagged', releaseRecord(), {
        assumes: 'where 9c81d3e5… is a commit of `auto/refactor` that `main` does not contain',
      }),
      recordExample('fine', releaseRecord(), {
        assumes: 'where 9c81d3e5… is on `main`, the production branch',
      }),
    ],
  },
  check({ ctx, record: facts }) {
    if (!facts) return [];
    const git = ctx.repo.git;
    const sha = wellFormedLastGoodSha(facts.parsed);
    if (!git || !sha || !git.commitExists(sha)) return [];
    const env = facts.deploy.environments[facts.deploy.production];
    const branch = env?.branch ?? ctx.policy.policy.production_branch;
    const result = reach(git, sha, branch);
    if (result.kind === 'reachable') return [];
    const policyPath = env?.branch
      ? ['deploy', 'environments', facts.deploy.production, 'branch']
      : ['production_branch'];
    const message =
      result.kind === 'no-branch'
        ? `last_good_sha ${sha.slice(0, 12)} cannot be checked: the production branch "${branch}" could not be found (neither ${branch} nor origin/${branch} is in this clone); fetch it (in GitHub Actions: fetch-depth: 0).`
        : `last_good_sha ${sha.slice(0, 12)} is not reachable from ${result.from}; production must run a commit on that branch: promote one from it.`;
    const out: Finding[] = [
      {
        rule: this.id,
        severity: this.defaultSeverity,
        message,
        file: facts.path,
        range: valueSpan(facts, ['last_good_sha']),
        related: [
          { file: ctx.policy.file, range: ctx.policy.locate(policyPath), message: 'the production branch' },
        ],
      },
    ];
    return out;
  },
};
