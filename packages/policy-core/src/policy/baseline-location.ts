import type { PolicyDocument } from './document.js';

// Where the findings baseline lives is the policy's to say (`baseline:`): the policy surface
// protects that file as it protects the policy, and the baseline module reads it from there.

/** Where the baseline lives unless the policy's `baseline:` key names another file. */
export const DEFAULT_BASELINE_FILE = '.slipway/baseline.json';

/** The baseline file the policy names, or the default. */
export function baselineFileOf(policy: PolicyDocument): string {
  return policy.policy.baseline ?? DEFAULT_BASELINE_FILE;
}
