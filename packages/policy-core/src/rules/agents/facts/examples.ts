import type { AgentCapKey } from '../../../policy/schema/agents.js';
import type { ExampleChange, RuleExample } from '../../../rule.js';

/**
 * What the AGT rules' docs share, written once: a policy that caps agent changes, the examples
 * that show it judging a change on an agent branch, and how (not) to suppress a cap's finding.
 */

/** The policy whose agents (on `auto/*`) are capped by `limit`, e.g. `files: 2`; `more` follows it. */
export function capPolicy(limit: string, more = ''): string {
  return `version: 1\nagents:\n  branches: ["auto/*"]\n  limits:\n    ${limit}\n${more}`;
}

/** An example's change but for what every cap example's has: its branch and no labels. */
type CapChange = Omit<ExampleChange, 'branch' | 'labels'>;

/**
 * A cap rule's examples when the policy is its file: the policy capping agents by `limit`
 * (`files: 2`), and the unlabelled agent change on `branch`, flagged `over` the cap and fine
 * `within` it.
 */
export function capExamples(
  limit: string,
  branch: string,
  over: CapChange,
  within: CapChange,
): RuleExample[] {
  const text = capPolicy(limit);
  const example = (verdict: RuleExample['verdict'], change: CapChange): RuleExample => ({
    verdict,
    file: 'slipway.yaml',
    text,
    change: { branch, labels: [], ...change },
  });
  return [example('flagged', over), example('fine', within)];
}

/** The "how to suppress" section of the rule `id` capping `agents.limits.<key>`: only the policy lifts it. */
export function capSuppressDocs(key: AgentCapKey, id: string): string {
  return (
    'Not by a comment: the change must not lift its own cap. Raise ' +
    `\`agents.limits.${key}\` in the policy (a reviewed policy change), or set \`rules: { ${id}: off }\`.`
  );
}
