import { pathAtBase } from '../../../change-set.js';
import type { GitAsks } from '../../../git-asks.js';
import type { CheckContext } from '../../../rule.js';
import { wellFormedLastGoodSha } from '../../../deploy/record-parse.js';
import { type RecordFacts, readRecordFacts, recordShas } from './record-facts.js';

/**
 * What the REC rules will ask git (RuleFamily.gitAsks): the record as it was at base (REC008:
 * the anchor it had there), whether each SHA it names is a commit (REC004), and whether the last
 * good one is on the production branch (REC005).
 */
export function recordGitAsks(ctx: CheckContext): GitAsks {
  const deploy = ctx.policy.policy.deploy;
  if (!deploy) return {};
  const base = ctx.change ? [pathAtBase(ctx.change, deploy.record)] : [];
  const facts = ctx.repo.git ? readRecordFacts(ctx) : undefined;
  if (!facts) return { base };
  const reach = reachAsks(ctx, facts);
  return {
    base,
    commits: [...recordShas(facts).map((s) => s.sha), ...(reach.commits ?? [])],
    ancestry: reach.ancestry ?? [],
  };
}

/**
 * What REC005 asks first, named ahead (GitAsks): whether the local branch contains the commit,
 * and what the two branch names resolve to. Whether the fetched branch contains it is asked
 * only when the rule gets that far (a process of its own, for a clone without the local one).
 */
export function reachAsks(ctx: CheckContext, facts: RecordFacts): GitAsks {
  const sha = wellFormedLastGoodSha(facts.parsed);
  if (!sha) return {};
  const branch =
    facts.deploy.environments[facts.deploy.production]?.branch ?? ctx.policy.policy.production_branch;
  const local = `refs/heads/${branch}`;
  return { commits: [sha, local, `refs/remotes/origin/${branch}`], ancestry: [[sha, local]] };
}
