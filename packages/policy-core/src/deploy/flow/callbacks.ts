/**
 * How a deploy flow talks to whoever runs it: progress as it goes, a person's approval when the
 * policy needs one, and cancellation. The CLI prints progress messages and prompts in the
 * terminal; the language server turns them into `$/progress` and `window/showMessageRequest`.
 */

/** The steps a flow reports progress under. */
export type DeployStepId =
  | 'plan'
  | 'checks'
  | 'guard'
  | 'lock'
  | 'approval'
  | 'deploy'
  | 'health'
  | 'rollback'
  | 'record'
  | 'commit'
  | 'outcome';

/** One thing a flow did or saw. `message` is one line for a person (no trailing newline). */
export interface ProgressEvent {
  step: DeployStepId;
  message: string;
  /**
   * Set when the event carries a deploy, rollback or smoke command's output: one line as the
   * command wrote it (secrets redacted), and which stream. `message` is the same line with the
   * environment prefix the CLI prints (`  [production] …`).
   */
  output?: { stream: 'stdout' | 'stderr'; chunk: string };
}

/** What a person is asked to approve. */
export interface ApprovalRequest {
  /** The operation: promote (to an environment that requires approval), rollback or unpin. */
  action: 'promote' | 'rollback' | 'unpin';
  /** One line saying what is approved, e.g. "promote 0123456789ab to production". */
  what: string;
  environment: string;
  /** The full SHA the operation puts in place (for unpin: what production runs). */
  sha: string;
  /**
   * The text the person must type to approve: the short SHA (7 characters). Any longer prefix of
   * `sha` (the 12-character form, the full SHA) approves as well; anything else refuses.
   */
  expect: string;
}

/** A person's answer. */
export interface ApprovalAnswer {
  /** False: they declined (closed the dialog, pressed Escape). */
  approved: boolean;
  /** What they typed; checked against the request's `sha` by the flow, not trusted as approval. */
  typed?: string;
  /** Who approved, as the record and audit log will name them (default: the acting person). */
  approver?: string;
  /** Why there is no answer (e.g. "no answer within 10 min"), for the refusal's message. */
  reason?: string;
  /**
   * The question was abandoned because the run was stopped (the CLI: the signal's name). The
   * refusal is logged and the flow ends `cancelled`.
   */
  interrupted?: string;
}

export interface DeployCallbacks {
  onProgress?(event: ProgressEvent): void;
  /**
   * Asked, under the deploy lock, when the action needs a person's approval and the options do
   * not already carry one (`yes` + `approvedBy`). Without it such an action is refused before
   * anything is locked or written.
   */
  approve?(request: ApprovalRequest): Promise<ApprovalAnswer>;
  /**
   * Cancels the flow. Before the deploy starts nothing is deployed (a refusal is logged if the
   * lock was held); during the deploy or rollback command its process group is stopped, during
   * health checks the requests are dropped; either way the audit log records the end (failed,
   * with "interrupted by …" in its details), the record keeps naming what it named, nothing is
   * rolled back automatically and the result's outcome is `cancelled`. The abort reason, when it
   * is a string (the CLI passes the signal name), is what the log says interrupted it.
   */
  signal?: AbortSignal;
}
