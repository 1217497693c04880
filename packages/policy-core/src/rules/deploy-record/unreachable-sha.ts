import { wellFormedLastGoodSha } from '../../deploy/record-parse.js';
import type { Finding } from '../../finding.js';
import type { RecordRule } from './record-facts.js';
import { valueSpan } from './record-facts.js';

/** REC005: last_good_sha is not on the production branch. */
export const unreachableSha: RecordRule = {
  meta: {
    id: 'REC005',
    family: 'REC',
    defaultSeverity: 'error',
    title: 'deploy record SHA is not reachable from the production branch',
    description:
      'Production deploys only from the production branch (seed 000: "Deploys only from main"). A last_good_sha ' +
      'that the branch does not contain was deployed from elsewhere (an auto/* branch, a rewritten history), so ' +
      'rolling back to it would run code that never passed review on that branch. The branch is ' +
      'deploy.environments.<production>.branch, else production_branch. Silent where git is not available.',
  },
  check(ctx, facts) {
    const git = ctx.repo.git;
    const sha = wellFormedLastGoodSha(facts.parsed);
    if (!git || !sha || !git.commitExists(sha)) return [];
    const env = facts.deploy.environments[facts.deploy.production];
    const branch = env?.branch ?? ctx.policy.policy.production_branch;
    if (git.isAncestor(sha, branch)) return [];
    const policyPath = env?.branch
      ? ['deploy', 'environments', facts.deploy.production, 'branch']
      : ['production_branch'];
    const out: Finding[] = [
      {
        rule: this.meta.id,
        severity: this.meta.defaultSeverity,
        message: `last_good_sha ${sha.slice(0, 12)} is not reachable from "${branch}"; production must run a commit on that branch: promote one from it.`,
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
