import type { DeploymentReview } from '../../github-gate/deployment-review.js';
import { githubRequest } from './api-request.js';

/**
 * The gate's answer, sent: `POST {deployment_callback_url}` with the environment, `approved` or
 * `rejected`, and the comment (GitHub answers 204). The URL must have passed checkReviewUrl: the
 * token goes with it.
 */
export class DeploymentReviewError extends Error {
  /** Trying again could help: the API was unreachable, slow, or answered 5xx. */
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

export async function sendDeploymentReview(req: {
  reviewUrl: string;
  environment: string;
  review: DeploymentReview;
  token: string;
  timeoutMs: number;
}): Promise<void> {
  const res = await githubRequest(
    {
      method: 'POST',
      url: new URL(req.reviewUrl),
      token: req.token,
      body: { environment_name: req.environment, state: req.review.state, comment: req.review.comment },
      signal: AbortSignal.timeout(req.timeoutMs),
      timeoutMs: req.timeoutMs,
      permissionHint:
        "only the GitHub App whose protection rule the environment enables may review it; is the token that App's installation token?",
    },
    (m, retryable) => new DeploymentReviewError(m, retryable),
  );
  await res.body?.cancel();
}
