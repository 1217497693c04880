import type { PolicyDocument } from '@slipway/policy-core';
import { UserError } from '../command.js';
import { runGuard } from '../guard/run-guard.js';
import { withWorktree } from './guard-worktree.js';
import type { GuardFn } from './preconditions.js';

/**
 * The production guard: `slipway guard --tree` on the SHA being shipped, checked out in a
 * temporary worktree so that what passes is exactly what deploys, whatever the working
 * directory holds. The policy applied is `policy`, the deploying checkout's (the one whose
 * deploy: section is in use), not the shipped commit's own: a commit must not be able to pass
 * its guard by weakening the slipway.yaml it carries.
 */
export function guardOnSha(
  root: string,
  env: Record<string, string | undefined>,
  policy: PolicyDocument,
): GuardFn {
  return (sha) =>
    withWorktree(root, sha, async (dir, listing) => {
      try {
        const result = await runGuard({ cwd: dir, env, tree: true, listing, policy });
        if (result.failures.length > 0) return { ok: false, lines: [result.failures.join('; ')] };
        const errors = result.findings.filter((f) => f.severity === 'error');
        return {
          ok: errors.length === 0,
          lines: [
            ...errors.slice(0, 5).map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1} ${f.message}`),
            ...(errors.length > 5 ? [`and ${errors.length - 5} more (run \`slipway guard\`)`] : []),
          ],
        };
      } catch (err) {
        if (err instanceof UserError) return { ok: false, lines: [err.message] };
        throw err;
      }
    });
}
