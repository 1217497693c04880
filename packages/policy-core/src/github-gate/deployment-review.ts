import { printableLines } from '../output/printable.js';
import type { PromotePlan } from '../deploy/flow/results.js';

/** What the gate answers GitHub: the body of the review POST. */
export interface DeploymentReview {
  state: 'approved' | 'rejected';
  /** Shown on the workflow run beside the decision. */
  comment: string;
}

/** Comments stay short enough to read on the run page; a longer one is cut, saying so. */
export const REVIEW_COMMENT_MAX_CHARS = 4000;

/**
 * The checks a gate decides on: every precondition of the promote except the deploy lock. The
 * gate runs before the deployment job and writes nothing; the job's own `slipway promote` takes
 * the lock, so a promote running elsewhere at this moment is no reason to reject the next one.
 */
function decidingChecks(plan: PromotePlan) {
  return plan.checks.filter((c) => c.name !== 'lock');
}

/** The promote's plan for the deployment's commit as GitHub's answer. */
export function deploymentReview(plan: PromotePlan): DeploymentReview {
  const checks = decidingChecks(plan);
  const failed = checks.filter((c) => !c.ok);
  const subject = `${plan.sha.slice(0, 12)} to ${plan.environment}`;
  if (failed.length === 0) {
    const names = checks.map((c) => c.name).join(', ');
    const human = plan.approval.required
      ? "; a person still approves the promote here (GitHub's required reviewers, or promote --approved-by)"
      : '';
    // What the plan warns of (a log behind its head, torn lines) is said even on an approval.
    const warnings = plan.warnings.map((w) => `\n- warning: ${w}`).join('');
    return {
      state: 'approved',
      comment: cut(
        `Slipway approves ${subject}: ${checks.length} check${checks.length === 1 ? '' : 's'} passed (${names})${human}.${warnings}`,
      ),
    };
  }
  const lines = failed.map((c) => `- ${c.name}: ${c.detail}`);
  return {
    state: 'rejected',
    comment: cut(
      `Slipway rejects ${subject}: ${failed.length} of ${checks.length} checks failed.\n${lines.join('\n')}`,
    ),
  };
}

/**
 * A gate that could not judge rejects (failing closed): the reason is the comment, so whoever
 * reads the run sees what to fix (an environment the policy does not name, a commit the gate's
 * clone lacks, a record it cannot read).
 */
export function failedDeploymentReview(sha: string, environment: string, message: string): DeploymentReview {
  return {
    state: 'rejected',
    comment: cut(
      `Slipway could not judge ${sha.slice(0, 12)} to ${environment}, so it rejects it: ${message}`,
    ),
  };
}

function cut(text: string): string {
  const clean = printableLines(text);
  if (clean.length <= REVIEW_COMMENT_MAX_CHARS) return clean;
  const note = '\n… (cut; `slipway promote --dry-run` prints every check)';
  return clean.slice(0, REVIEW_COMMENT_MAX_CHARS - note.length) + note;
}
