import type { ChangeSet } from '../change-set.js';
import type { PolicyDocument } from '../policy/document.js';
import { wildcardRegex } from './identity-pattern.js';

/**
 * What GitHub's issue events say about one label as it is now: who applied it last (and through
 * which GitHub App, when one acted for them), or that it was removed after that.
 */
export type LabelApplier = { applied: true; by: string; app?: string } | { applied: false; by?: string };

/**
 * `labels.verify: github`, decided: a label counts as approval only when it was applied by
 * someone who is neither the pull request's author nor an agent account (`agents.accounts`);
 * every other label moves from `labels` to `refusedLabels` with one line why. `appliers` maps
 * each label (lower case) to its applier; a label it does not name was applied by no one.
 * The Node adapter asks GitHub (node/github/label-provenance.ts); a policy test case says who
 * applied each label itself (policy-tests/).
 */
export function judgeLabelAppliers(
  change: ChangeSet,
  policy: PolicyDocument,
  appliers: ReadonlyMap<string, LabelApplier>,
): ChangeSet {
  // Stryker disable next-line ArrayDeclaration: one made-up account instead of none matches no real login.
  const agents = (policy.policy.agents?.accounts ?? []).map(wildcardRegex);
  const accepted: string[] = [];
  const refused: { label: string; reason: string }[] = [];
  for (const label of change.labels ?? []) {
    const reason = refusal(appliers.get(label.toLowerCase()), change.pullRequest?.author, agents);
    if (reason) refused.push({ label, reason });
    else accepted.push(label);
  }
  return { ...change, labels: accepted, ...(refused.length ? { refusedLabels: refused } : {}) };
}

/** Why a label in this state does not count; undefined when it does. */
function refusal(
  state: LabelApplier | undefined,
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
