import type { ChangeSet } from '../../change-set.js';
import type { PolicyDocument } from '../../policy/document.js';
import { judgeLabelAppliers, type LabelApplier } from '../../agents/label-appliers.js';
import { LabelEventsError, labelAppliers } from './issue-events.js';

/** The answer's time limit when SLIPWAY_GITHUB_TIMEOUT_MS does not set another. */
export const DEFAULT_GITHUB_TIMEOUT_MS = 10_000;

/**
 * With `labels: { verify: github }` in the governing policy, a label on the change counts as
 * approval only when GitHub's issue events say it was applied by someone who is neither the
 * pull request's author nor an agent account (`agents.accounts`). Every label that cannot be
 * shown so is moved from `labels` to `refusedLabels` with one line why: no token, no pull request
 * in the event, an API error, a timeout, an answer that is not events, a redirect. Fail closed.
 * Without the setting, or with labels unknown, the change is returned as it is.
 */
export async function verifyLabelProvenance(
  change: ChangeSet,
  policy: PolicyDocument,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ChangeSet> {
  const labels = change.labels;
  if (policy.policy.labels?.verify !== 'github' || labels === undefined || labels.length === 0) return change;
  const refuseAll = (reason: string): ChangeSet => ({
    ...change,
    labels: [],
    refusedLabels: labels.map((label) => ({ label, reason })),
  });
  const pr = change.pullRequest;
  if (pr === undefined)
    return refuseAll(
      'labels.verify is github, but no pull-request event (GITHUB_EVENT_PATH) says which pull request to ask about',
    );
  const token = env.GITHUB_TOKEN;
  const repository = env.GITHUB_REPOSITORY;
  if (!token)
    return refuseAll('labels.verify is github, but GITHUB_TOKEN is not set to ask GitHub who applied it');
  if (!repository || !/^[^/\s]+\/[^/\s]+$/.test(repository))
    return refuseAll('labels.verify is github, but GITHUB_REPOSITORY is not set to owner/name');
  let appliers: Map<string, LabelApplier>;
  try {
    appliers = await labelAppliers({
      apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
      repository,
      token,
      number: pr.number,
      timeoutMs: timeoutFrom(env),
    });
  } catch (err) {
    if (err instanceof LabelEventsError) return refuseAll(`it could not be verified: ${err.message}`);
    throw err;
  }
  return judgeLabelAppliers(change, policy, appliers);
}

function timeoutFrom(env: Readonly<Record<string, string | undefined>>): number {
  const n = Number(env.SLIPWAY_GITHUB_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_GITHUB_TIMEOUT_MS;
}
