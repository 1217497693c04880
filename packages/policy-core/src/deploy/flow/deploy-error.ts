/**
 * Why a deploy flow did not do what was asked, as data a front end can show: one line
 * (`message`), what to do about it (`hint`, when the message does not already say), and a
 * stable `code` to branch on. The CLI prints `message` and exits with `exitCode`; an editor
 * shows `message` with `hint` as its action.
 */
export type DeployErrorCode =
  /** Flags or options that cannot work together (a missing reason, --yes without a name). */
  | 'usage'
  /** The policy cannot be used for this: no deploy: section, an unknown environment, an unset variable. */
  | 'config'
  /** The repository cannot answer: not a commit here, a git failure. */
  | 'git'
  /** Another promote, rollback, unpin or restack holds the deploy lock; the message names it. */
  | 'lock-held'
  /** The record or the audit log cannot be acted on (unreadable, broken chain, wrong environment). */
  | 'unusable-state'
  /** Approval is needed and nobody can give it here (no approve callback, no approver name). */
  | 'approval-unavailable'
  /** A person was asked and did not approve (wrong text, no answer in time). */
  | 'not-approved'
  /** The action is refused by the deploy rules (pinned, not recorded, an agent unpinning). */
  | 'refused'
  /** Nothing to do (production is not pinned, nothing recorded to roll back to). */
  | 'nothing-to-do'
  /** Writing the record or committing it failed. */
  | 'write-failed'
  /** A database could not be opened, read or written (one password-free line). */
  | 'database';

/** Problems a person fixes before running again (the CLI's usage exit); the rest are refusals. */
const EXIT_2: ReadonlySet<DeployErrorCode> = new Set(['usage', 'config', 'git', 'approval-unavailable']);

export class DeployError extends Error {
  override readonly name = 'DeployError';
  readonly code: DeployErrorCode;
  readonly hint?: string;
  /** 2 for usage, configuration and git problems, 1 for a refused or failed action (as the CLI exits). */
  readonly exitCode: 1 | 2;

  constructor(code: DeployErrorCode, message: string, options: { hint?: string; exitCode?: 1 | 2 } = {}) {
    super(message);
    this.code = code;
    if (options.hint !== undefined) this.hint = options.hint;
    this.exitCode = options.exitCode ?? (EXIT_2.has(code) ? 2 : 1);
  }

  /** The plain data (for JSON output or an LSP response): code, message, hint. */
  toJSON(): { code: DeployErrorCode; message: string; hint?: string } {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

export function isDeployError(err: unknown): err is DeployError {
  return err instanceof DeployError;
}
