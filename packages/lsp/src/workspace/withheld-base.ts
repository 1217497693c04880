import type { Finding, PolicyDocument, WithheldBase } from '@slipway/policy-core';

/** Not one of the core's rules: the editor's own notice that a base was not fetched (Restricted Mode). */
export const WITHHELD_BASE_RULE = 'base-not-fetched';

/**
 * The one finding of a base an untrusted workspace did not fetch, on the policy's `extends:`
 * value: the findings shown were judged without it (and may be fewer or others than CI's), and
 * what to do. A warning, so it is seen beside the findings it changes.
 */
export function withheldBaseFinding(policy: PolicyDocument, withheld: WithheldBase): Finding {
  return {
    rule: WITHHELD_BASE_RULE,
    severity: 'warning',
    message: `\`extends:\` ${withheld.base}: ${withheld.reason} (VS Code: Manage Workspace Trust; another editor: \`workspaceTrusted: true\` in the server's initialization options, see the README).`,
    file: policy.file,
    range: policy.locate(['extends'], 'value'),
  };
}

/** A check's findings, with the withheld base's when there is one: what is shown was judged without it, and says so. */
export function withWithheldBase(
  findings: Finding[],
  policy: PolicyDocument,
  withheld: WithheldBase | undefined,
): Finding[] {
  return withheld ? [...findings, withheldBaseFinding(policy, withheld)] : findings;
}
