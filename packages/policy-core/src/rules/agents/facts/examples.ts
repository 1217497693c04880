import type { ExampleChange, RuleExample } from '../../../rule.js';

/**
 * What the AGT rules' docs share, written once: a policy that caps agent changes, and the
 * example that shows it judging a change on an agent branch.
 */

/** The policy whose agents (on `auto/*`) are capped by `limit`, e.g. `files: 2`; `more` follows it. */
export function capPolicy(limit: string, more = ''): string {
  return `version: 1\nagents:\n  branches: ["auto/*"]\n  limits:\n    ${limit}\n${more}`;
}

/** An AGT example: the policy as its file, and the unlabelled agent change on `branch`. */
export function capExample(
  verdict: RuleExample['verdict'],
  policy: string,
  branch: string,
  change: Omit<ExampleChange, 'branch' | 'labels'>,
): RuleExample {
  return { verdict, file: 'slipway.yaml', text: policy, change: { branch, labels: [], ...change } };
}
