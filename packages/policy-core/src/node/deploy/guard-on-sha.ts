import { DeployError, type PolicyDocument } from '../../index.js';
import { GitError } from '../git/run-git.js';
import { guard } from './guard.js';
import type { GuardStep } from './guard-step.js';
import { withWorktree } from './guard-worktree.js';
import type { GuardFn } from './preconditions.js';

/**
 * The production guard: the deploy guard on the tree of the SHA being shipped, checked out in a
 * temporary worktree so that what passes is exactly what deploys, whatever the working
 * directory holds. The policy applied is `policy`, the deploying checkout's (the one whose
 * deploy: section is in use), not the shipped commit's own: a commit must not be able to pass
 * its guard by weakening the slipway.yaml it carries.
 */
export function guardOnSha(
  root: string,
  env: Record<string, string | undefined>,
  policy: PolicyDocument,
  steps: GuardStep[] = [],
): GuardFn {
  return (sha) =>
    withWorktree(root, sha, async (dir, listing) => {
      try {
        const result = await guard({ root: dir, env, listing, policy, steps });
        if (result.failures.length > 0) return { ok: false, lines: [result.failures.join('; ')], result };
        const errors = result.findings.filter((f) => f.severity === 'error');
        return {
          ok: errors.length === 0,
          lines: [
            ...errors.slice(0, 5).map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1} ${f.message}`),
            ...(errors.length > 5 ? [`and ${errors.length - 5} more (run \`slipway guard\`)`] : []),
          ],
          result,
        };
      } catch (err) {
        if (err instanceof DeployError || err instanceof GitError) return { ok: false, lines: [err.message] };
        throw err;
      }
    });
}
