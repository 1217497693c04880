import {
  type AgentWrittenLines,
  DeployError,
  type GuardResult,
  type PolicyDocument,
  scopeLines,
  coverageLine,
  Workspace,
} from '../../index.js';
import { openCommitRepo } from '../commit-tree-repo.js';
import { GitError } from '../git/run-git.js';
import { agentWrittenDirectives } from './agent-written-directives.js';
import { readBaselineText, readRecordText } from './deploy-state.js';
import { guard } from './guard.js';
import type { GuardStep } from './guard-step.js';
import { withWorktree } from './guard-worktree.js';
import type { GuardFn, GuardVerdict } from './preconditions.js';

/**
 * The production guard: the deploy guard on the tree of the SHA being shipped, so that what
 * passes is exactly what deploys, whatever the working directory holds. The rules read that
 * tree from git's objects (a CommitTreeRepo: its listing and each file as committed), with no
 * checkout. A step the policy turns on works in a directory (the database audit resolves
 * `pglite://` paths there and writes its summaries there), so for one the SHA is checked out
 * in a temporary worktree, as `slipway guard` would see it. The policy applied is `policy`, the
 * deploying checkout's (the one whose deploy: section is in use), not the shipped commit's own:
 * a commit must not be able to pass its guard by weakening the slipway.yaml it carries. So is
 * the findings baseline (a commit must not accept its own findings by growing the one it
 * carries), and the deploy record, which says what production runs and so which migrations the
 * promote would newly apply: only those are judged (migrations/applied-history.ts). The shipped
 * tree's `slipway: allow` comments count only when a person's commit wrote them and the lines
 * they allow, or production already ran them (agent-written-directives.ts): an agent's commit,
 * merged without a review, must not carry its own permission past the last gate.
 */
export function guardOnSha(
  root: string,
  env: Record<string, string | undefined>,
  policy: PolicyDocument,
  steps: GuardStep[] = [],
  workspace: Workspace = new Workspace(),
): GuardFn {
  return async (sha) => {
    const repo = await openCommitRepo(root, sha);
    const deploy = policy.policy.deploy;
    const record = deploy ? readRecordText(root, deploy) : undefined;
    let agentWrittenLines: AgentWrittenLines;
    try {
      agentWrittenLines = await agentWrittenDirectives({
        root,
        sha,
        ...(record === undefined ? {} : { record }),
        policy,
        repo,
      });
    } catch (err) {
      // Who wrote the comments unknown: none is trusted, so the guard fails rather than guess.
      if (err instanceof GitError)
        return {
          ok: false,
          lines: [`who wrote the slipway: allow comments could not be read: ${err.message}`],
        };
      throw err;
    }
    const productionRecord = {
      ...(record === undefined ? {} : { productionRecord: record }),
      productionBaseline: readBaselineText(root, policy),
      agentWrittenLines,
    };
    if (steps.some((s) => s.applies({ root, policy, repo, workspace }, env)))
      return withWorktree(root, sha, (dir, listing) =>
        verdictOf(() => guard({ root: dir, env, listing, policy, steps, ...productionRecord })),
      );
    return verdictOf(() => guard({ root, env, repo, policy, steps, workspace, ...productionRecord }));
  };
}

/** The guard's result as a plan line: ok, or the failures and the first few error findings. */
async function verdictOf(run: () => Promise<GuardResult>): Promise<GuardVerdict> {
  try {
    const result = await run();
    if (result.failures.length > 0) return { ok: false, lines: [result.failures.join('; ')], result };
    const errors = result.findings.filter((f) => f.severity === 'error');
    return {
      ok: errors.length === 0,
      lines: [
        ...errors.slice(0, 5).map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1} ${f.message}`),
        ...(errors.length > 5 ? [`and ${errors.length - 5} more (run \`slipway guard\`)`] : []),
        // What it judged, so that a refusal and an earlier "No findings" can be told apart.
        ...scopeLines(result.scope),
        // And what it saw and did not judge.
        ...[coverageLine(result.scope.coverage) ?? []].flat(),
      ],
      result,
    };
  } catch (err) {
    if (err instanceof DeployError || err instanceof GitError) return { ok: false, lines: [err.message] };
    throw err;
  }
}
