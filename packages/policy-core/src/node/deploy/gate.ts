import {
  DeployError,
  type DeployCallbacks,
  type DeploymentReview,
  deploymentReview,
  failedDeploymentReview,
  type PromotePlan,
  type ProtectionRuleRequest,
} from '../../index.js';
import type { GuardStep } from './guard-step.js';
import type { OperationOptions } from './operation.js';
import { planPromote } from './promote-plan.js';

export interface GateJudgement {
  review: DeploymentReview;
  /** The promote's plan for the deployment's commit, when one could be made. */
  plan?: PromotePlan;
}

/**
 * A deployment GitHub holds for Slipway, judged as `slipway promote --dry-run` would judge it:
 * the deployment's commit to the environment of the same name, with every precondition of that
 * environment (staging verification and soak, the production branch, the release tag, deploy
 * windows, the guard on the commit's tree), except that staging's health is contacted at the end
 * of a soak (a dry run only says it would be): the answer is a decision. Read-only otherwise:
 * nothing is deployed, recorded or logged;
 * the deployment job's own promote does that. Anything that stops the judging (an environment the
 * policy does not name, a commit this clone lacks, an unreadable record) rejects, saying why.
 */
export async function judgeDeployment(
  request: ProtectionRuleRequest,
  opts: OperationOptions & { guardSteps?: GuardStep[] },
  callbacks: Pick<DeployCallbacks, 'onProgress'> = {},
): Promise<GateJudgement> {
  // Built field by field: a caller's options that skip staging, break a window's glass or bring
  // their own guard never reach the plan the answer is made from.
  const { root, policy, env, actor, now, stopScopes, guardSteps } = opts;
  try {
    const plan = await planPromote(
      {
        root,
        policy,
        env,
        actor,
        ...(now ? { now } : {}),
        ...(stopScopes ? { stopScopes } : {}),
        ...(guardSteps ? { guardSteps } : {}),
        environment: request.environment,
        ref: request.sha,
        dryRun: true,
        probeHealth: true,
      },
      callbacks,
    );
    return { review: deploymentReview(plan), plan };
  } catch (e) {
    if (!(e instanceof DeployError)) throw e;
    return { review: failedDeploymentReview(request.sha, request.environment, e.message) };
  }
}
