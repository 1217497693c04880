import type { ChangeSet } from '@slipway/policy-core';

/**
 * One input of `n` units for each reader a pull request can make big: the repository's files,
 * the policy that points the rules at them, and the change under review where one is read. The
 * units are what the issue "a gate no input can stall" names; each input grows in that unit only.
 */
export interface ScaledInput {
  policy: string;
  files: Record<string, string>;
  change?: ChangeSet;
}

export interface InputKind {
  name: string;
  /**
   * The small size. The larger, 8n, costs about half a second to a second when linear: a quadratic
   * loop with a small constant (copying the rest of a list per op, comparing numbers) only
   * outweighs the linear work around it at thousands of units, and the test is as sensitive as
   * its sizes are large.
   */
  n: number;
  make(n: number): ScaledInput;
  /** A rule the check reports about the end of the input: proof the whole input was read. */
  reports: string;
}
