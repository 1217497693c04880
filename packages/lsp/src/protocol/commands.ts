/**
 * The `workspace/executeCommand` commands of the Slipway language server: what the VS Code
 * extension calls, and what any LSP client (Neovim, Emacs, Helix) can call the same way. Pure
 * TypeScript: the extension bundles it, so nothing here may import Node or the server.
 */
import type { TraceReport } from '@slipway/policy-core';

export const SERVER_COMMANDS = {
  /** Re-read everything and ask the client to pull diagnostics again. */
  revalidate: 'slipway.server.revalidate',
  /** The deploy guard: every rule, then the database audit; findings also go to the Problems panel. */
  guard: 'slipway.server.guard',
  /** What a promote would do and whether it would be refused; nothing is deployed or written. */
  planPromote: 'slipway.server.planPromote',
  promote: 'slipway.server.promote',
  /** The record, the rollback target and what a rollback does not undo; nothing is written. */
  planRollback: 'slipway.server.planRollback',
  rollback: 'slipway.server.rollback',
  unpin: 'slipway.server.unpin',
  history: 'slipway.server.history',
  /** The delivery figures of the audit log (`slipway metrics`), for the history page. */
  metrics: 'slipway.server.metrics',
  stampBaseline: 'slipway.server.stampBaseline',
  /** Writes slipway.yaml for the folder from what the repository holds ("Create Policy File"). */
  init: 'slipway.server.init',
  /**
   * Runs migrations on an embedded PostgreSQL and reads the locks each statement takes (`slipway
   * trace`); the result is kept in the git directory, and hovers on the statements show it.
   */
  trace: 'slipway.server.trace',
  /**
   * Runs the policy test cases beside the policy (`slipway test`) in the server: a failing case
   * is a diagnostic at its name in the test file, kept current as the policy and cases change.
   * The lens "Run policy tests" on the policy file calls it.
   */
  runPolicyTests: 'slipway.server.runPolicyTests',
} as const;

export type ServerCommandName = (typeof SERVER_COMMANDS)[keyof typeof SERVER_COMMANDS];

/** Commands that run git, a configured command, reach the network or open a database. */
export const TRUST_REQUIRING_COMMANDS: readonly ServerCommandName[] = [
  SERVER_COMMANDS.guard,
  SERVER_COMMANDS.planPromote,
  SERVER_COMMANDS.promote,
  SERVER_COMMANDS.planRollback,
  SERVER_COMMANDS.rollback,
  SERVER_COMMANDS.unpin,
  SERVER_COMMANDS.history,
  SERVER_COMMANDS.metrics,
  SERVER_COMMANDS.stampBaseline,
  SERVER_COMMANDS.init,
  SERVER_COMMANDS.trace,
];

/**
 * Every command takes one argument object. `folder` is the `file:` URI of the workspace folder
 * (or of any file in the repository); the command acts on the repository that contains it.
 */
export interface FolderArgs {
  folder: string;
}

/**
 * How a person approves. A client that can ask for typed text (VS Code's input box) passes what
 * was typed in `approval`; a wrong answer is refused and nothing is deployed. Without it, the
 * server asks through `window/showMessageRequest` ("Approve 1a2b3c4" or "Cancel"), which every
 * LSP client can show.
 */
export interface ApprovalArgs {
  /** What the person typed where the short SHA was asked for. */
  approval?: string;
  /** Who approved, for the audit log; default: the git user. */
  approvedBy?: string;
}

export interface PromoteArgs extends FolderArgs, ApprovalArgs {
  /** An environment of `deploy.environments` (`staging`, `production`). */
  env: string;
  /** Default: the head of the production branch's code (record commits skipped). */
  sha?: string;
  reason?: string;
  skipStaging?: boolean;
}

export interface RollbackArgs extends FolderArgs, ApprovalArgs {
  reason: string;
  /** A recorded deploy; default: the last good one before the current. */
  to?: string;
  env?: string;
}

export interface UnpinArgs extends FolderArgs, ApprovalArgs {
  reason: string;
}

/** Stamps a database's Alembic baseline (`migrations.baseline`) into its alembic_version. */
export interface StampBaselineArgs extends FolderArgs {
  /** A `migrations.databases` name; default `prod`. */
  database?: string;
  /** Default: `migrations.baseline`. */
  revision?: string;
  /** Check everything in a transaction that is rolled back. */
  dryRun?: boolean;
}

export interface HistoryArgs extends FolderArgs {
  /** Newest first; default: everything. */
  limit?: number;
}

export interface InitArgs extends FolderArgs {
  /** Replace an existing slipway.yaml. */
  force?: boolean;
}

export interface TraceArgs extends FolderArgs {
  /**
   * `file:` URIs of the migrations to trace (.sql, or Alembic .py); default: the migrations the
   * change under review adds or modifies, committed or not.
   */
  files?: string[];
  /**
   * The `file:` URI of the editor's active file, without `files`: traced when it is a migration
   * of the policy, else the change under review is (what a palette command wants).
   */
  activeFile?: string;
}

export interface TraceResult {
  /** What `slipway trace --format json` prints. */
  report: TraceReport;
  /** One line: how many statements ran, failed and were not traced. */
  summary: string;
  /** Where the trace was kept for the hovers (in the git directory); absent when it could not be. */
  savedTo?: string;
}

export interface PolicyTestsResult {
  /** `11 cases: 10 passed, 1 failed`. */
  summary: string;
  passed: number;
  failed: number;
  /** Each case run, where it is written (1-based line of its name). */
  cases: { name: string; file: string; line: number; passed: boolean }[];
  /** Why a test file could not be run: its cases are not among `cases`. */
  problems: { file: string; line: number; message: string }[];
}

/**
 * What every command answers. A refusal is an answer, not a protocol error: the editor shows
 * `message` (why) and `hint` (what to do). `result` is there when the flow got far enough to
 * have one (a refused promote still says which checks failed).
 */
export type CommandResponse<T> = { ok: true; result: T } | { ok: false; refused: Refusal; result?: T };

export interface Refusal {
  /** Stable, for clients that act on it: `untrusted`, `no-policy`, `cancelled`, `not-approved`, … */
  code: string;
  message: string;
  hint?: string;
}

export interface InitResult {
  created: boolean;
  /** Absolute path of the policy file (written, or the one already there). */
  path: string;
  /** What init found and why it wrote each part, one line each (as `slipway init` prints them). */
  decisions?: string[];
  /** Absolute path of the starter policy test cases written beside it (none were there). */
  tests?: string;
}

/**
 * The flows' own result types (pure data from `@slipway/policy-core`): a command answers with
 * them as they are, so the CLI's `--format json` and the editor read the same fields.
 */
export type {
  GuardResult,
  HistoryEntryView,
  Figures,
  HistoryResult,
  MetricsResult,
  PromotePlan,
  PromoteResult,
  RollbackPlan,
  RollbackResult,
  StampBaselineResult,
  StepOutcome,
  TraceReport,
  UnpinResult,
} from '@slipway/policy-core';

/** A result as it arrives over JSON: a DeployError inside it is its plain `{ code, message, hint }`. */
export type Wire<T> = T extends { error?: unknown } ? Omit<T, 'error'> & { error?: Refusal } : T;
