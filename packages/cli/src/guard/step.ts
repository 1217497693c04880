import type { ChangeSet, Finding } from '@slipway/policy-core';
import type { RepoContext } from '../repo-context.js';

export interface GuardStepInput {
  context: RepoContext;
  change?: ChangeSet;
  env: Record<string, string | undefined>;
  /** Progress lines for the human reading the guard's text output (stderr). */
  log(line: string): void;
}

/** A check the guard runs after the policy rules: one that needs more than files (a database). */
export interface GuardStep {
  name: string;
  /** Whether the policy asks for this step at all. */
  applies(context: RepoContext, env: Record<string, string | undefined>): boolean;
  run(input: GuardStepInput): Promise<GuardStepResult>;
}

export interface GuardStepResult {
  findings: Finding[];
  /**
   * What the step could not look at, one password-free line each ("dev: cannot connect to
   * 127.0.0.1:5432: connection refused"). The guard still reports every finding, then fails.
   */
  failures: string[];
}
