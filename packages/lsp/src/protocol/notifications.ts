import type { EnvironmentChoice } from '@slipway/policy-core';

export type { EnvironmentChoice };
/** Notifications the server sends beside the LSP's own. */

/**
 * `slipway/output`: one line of a deploy or smoke command's output, or a step of a flow, for
 * the client's output channel. `$/progress` carries the same steps, shortened, for progress UI.
 */
export const OUTPUT_NOTIFICATION = 'slipway/output';

export interface OutputParams {
  /** Repository root (absolute path). */
  root: string;
  line: string;
}

/** `slipway/status`: one repository's state, for the status item. */
export const STATUS_NOTIFICATION = 'slipway/status';

export interface StatusParams {
  /** Repository root (absolute path). */
  root: string;
  kind: 'ok' | 'invalid-policy' | 'no-policy' | 'failed';
  message: string;
  errors: number;
  warnings: number;
  /** The branch checked out, when known (not in Restricted Mode). */
  branch?: string;
  /** The branch is an agent's (`agents.branches` or a preset's branches). */
  agentBranch?: boolean;
  /**
   * Why the change under review is an agent's, in words ("Co-authored-by: Claude <…> in commit
   * abc1234 (the claude preset)"); absent for a human's change.
   */
  agent?: string;
  /** The same in a few words, for the status bar: "Co-authored-by: Claude, commit abc1234". */
  agentShort?: string;
  /** The signal is a bot's (Dependabot, Renovate): judged by the rules for people unless `agents.bots` says otherwise. */
  bot?: boolean;
  /** Production as the deploy record says. */
  production?: ProductionState;
  /** The last deploy guard run from the editor, until the next one or a revalidate. */
  guard?: { blocked: boolean; errors: number; warnings: number };
  /** Restricted Mode: file-level findings only; no git, processes, network or databases. */
  restricted?: boolean;
  /**
   * With `no-policy`: the folders below the root that have policies of their own (a monorepo);
   * the root having none is then by design, and nothing offers to write one.
   */
  nestedPolicies?: string[];
  /** The policy's deploy environments, in its order: what Promote offers. */
  environments?: EnvironmentChoice[];
}

export interface ProductionState {
  sha: string;
  /** ISO time of the last deploy the record lists. */
  at?: string;
  /** A rollback pinned production: promotes are refused until someone unpins it. */
  pinned: boolean;
  pinReason?: string;
}

/** `slipway/explain`: a rule's documentation as Markdown; null for an unknown id. */
export const EXPLAIN_REQUEST = 'slipway/explain';

/** What `slipway/explain` is asked: a rule id, in any case. */
export interface ExplainParams {
  rule: string;
}

/**
 * initializationOptions the server reads. `workspaceTrusted: false` puts it in Restricted Mode:
 * file-level findings on open files only, and the git/process commands refused with a reason.
 */
export interface InitializationOptions {
  ruleDocs?: string;
  workspaceTrusted?: boolean;
}
