import type { ChangeSet } from '../../change-set.js';
import type { PolicyDocument } from '../../policy/document.js';
import { LabelEventsError, type LabelState, labelAppliers } from './issue-events.js';

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
  let appliers: Map<string, LabelState>;
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
  const agents = (policy.policy.agents?.accounts ?? []).map(loginPattern);
  const accepted: string[] = [];
  const refused: { label: string; reason: string }[] = [];
  for (const label of labels) {
    const reason = refusal(appliers.get(label.toLowerCase()), pr.author, agents);
    if (reason) refused.push({ label, reason });
    else accepted.push(label);
  }
  return { ...change, labels: accepted, ...(refused.length ? { refusedLabels: refused } : {}) };
}

/** Why a label in this state does not count; undefined when it does. */
function refusal(
  state: LabelState | undefined,
  author: string | undefined,
  agents: RegExp[],
): string | undefined {
  if (state === undefined) return "GitHub's events for the pull request show no one applying it";
  if (!state.applied)
    return state.by === undefined
      ? "GitHub's last event for it shows no one applying it"
      : `GitHub's events show it removed by @${state.by} after it was last applied`;
  const { by, app } = state;
  if (author !== undefined && by.toLowerCase() === author.toLowerCase())
    return `it was applied by @${by}, the pull request's author`;
  if (agents.some((a) => a.test(by))) return `it was applied by @${by}, an agent account (agents.accounts)`;
  // A GitHub App acting for a person shows the person as actor: the app is who applied it.
  if (app !== undefined && agents.some((a) => a.test(`${app}[bot]`)))
    return `it was applied through the GitHub App \`${app}\` (@${app}[bot], an agent account in agents.accounts) on behalf of @${by}`;
  return undefined;
}

/** A login pattern of `agents.accounts`: `*` is the only wildcard; case does not matter. */
function loginPattern(pattern: string): RegExp {
  const source = pattern
    .trim()
    .split('*')
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'is');
}

function timeoutFrom(env: Readonly<Record<string, string | undefined>>): number {
  const n = Number(env.SLIPWAY_GITHUB_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_GITHUB_TIMEOUT_MS;
}
