import type { CheckScope } from '../../check-scope.js';
import type { Finding, Severity } from '../../finding.js';
import type { AuditIssue } from '../audit-chain.js';
import type { AuditEvent } from '../audit-event.js';
import type { DeployRecord } from '../record-schema.js';
import type { DeployStepId } from './callbacks.js';
import type { DeployError } from './deploy-error.js';
import type { ProductionPin } from './pin-state.js';

/** One check or step a flow ran, in order: what the plan and the outcome show line by line. */
export interface StepOutcome {
  step: DeployStepId;
  /** What was checked or done: "not pinned", "verified on staging", "command", a health URL. */
  name: string;
  ok: boolean;
  detail: string;
}

/** Per family (the rule id's letters: MIG, DEP, REC…), how many findings at each severity. */
export type CountsByFamily = Record<string, Record<Severity, number>>;

/** What the deploy guard found: every policy rule on the tree or change, then the guard steps. */
export interface GuardResult {
  findings: Finding[];
  /** True when a deploy would be blocked: a finding at error severity, or a step that failed. */
  blocked: boolean;
  countsByFamily: CountsByFamily;
  /** The steps that ran, in order: "check", then each applicable guard step ("database audit"). */
  steps: string[];
  /**
   * What a step could not look at (a database it cannot read), one line each, prefixed with the
   * step. Non-empty blocks the deploy whatever the findings: the guard cannot vouch for what it
   * did not read.
   */
  failures: string[];
  /** Steps the policy asks for that this host cannot run (no database client), one line each. */
  skipped: string[];
  filesChecked: number;
  /** What the check judged and deliberately did not (migrations production already ran). */
  scope: CheckScope;
}

/** An environment's health endpoint as a plan shows it. */
export interface HealthTargetView {
  url: string;
  expectJsonStatus?: string;
}

/** What a promote would do and whether it may; computed without writing anything. */
export interface PromotePlan {
  environment: string;
  isProduction: boolean;
  /** The commit to ship (default: the production branch's head, past Slipway's record commits). */
  sha: string;
  /** What the person types to approve (7 characters). */
  shortSha: string;
  /** Record commits skipped to reach `sha` when no SHA was given, newest first. */
  skippedRecordCommits: string[];
  /** What the environment runs now (production: the record; staging: its last verification). */
  current: string | null;
  /** Every precondition in order (pin, branch, staging, contains production, commands, tag, guard, lock). */
  checks: StepOutcome[];
  /** The guard on `sha`'s tree (production only). */
  guard?: GuardResult;
  /** The "verified on staging" check, when the environment requires one. */
  staging?: StepOutcome;
  /** Production's pin (record or audit log), or null. */
  pinned: ProductionPin | null;
  approval: { required: boolean; expect?: string };
  deployCommand: string[] | null;
  health: HealthTargetView[];
  /** Who holds the deploy lock now (a live holder only). */
  lockHolder?: string;
  /** Torn or unacknowledged audit lines worth a look before acting. */
  warnings: string[];
  /** Every check passes: a promote now would go ahead (after approval). */
  wouldProceed: boolean;
}

interface ActionResult {
  /** One line saying how it ended, as the CLI's last line says it. */
  message: string;
  /** Every check and step, in order. */
  steps: StepOutcome[];
  /** The record file changed (a new deploy, a pin, or only its audit_head). */
  recordChanged: boolean;
  /** The audit entries this run appended, oldest first. */
  auditEntries: AuditEvent[];
  /**
   * Set when the run stopped on a DeployError before or instead of its plan (bad options, the
   * lock held, not approved, the record unusable): the CLI prints it as its error line. A
   * refusal by the plan's own checks is in `steps` and `message` instead.
   */
  error?: DeployError;
  /** For `cancelled`: what interrupted it (the abort reason, e.g. "SIGINT"). */
  interruptedBy?: string;
  /** The commit made with `commit: true`, if one was. */
  committed?: string;
  /** The record after the run (undefined when there is none). */
  record?: DeployRecord;
}

export interface PromoteResult extends ActionResult {
  /**
   * deployed: the deploy and its checks succeeded (production: the record names `sha`);
   * rolled-back: it failed and production was returned to what it ran before;
   * refused: a precondition, the lock or the approval stopped it before anything was deployed;
   * cancelled: the signal aborted it (see DeployCallbacks.signal);
   * failed: the deploy or its checks failed (and no rollback put production back).
   */
  outcome: 'deployed' | 'rolled-back' | 'refused' | 'cancelled' | 'failed';
  sha: string | null;
  env: string;
  /** The guard's findings on `sha` (production). */
  findings: Finding[];
  plan?: PromotePlan;
}

export interface RollbackPlan {
  environment: string;
  record: DeployRecord;
  /** What production runs now. */
  from: string;
  target: string;
  /** What the rollback does not undo (Alembic revisions, lock changes), one line each. */
  notes: string[];
  command: string[] | null;
  health: HealthTargetView[];
  lockHolder?: string;
  warnings: string[];
}

export interface RollbackResult extends ActionResult {
  outcome: 'rolled-back' | 'refused' | 'cancelled' | 'failed';
  env: string;
  from: string | null;
  target: string | null;
  notes: string[];
  /** The SYSTEM_CORRECTION_EVENT entry that ended the rollback (or logged its refusal). */
  correction?: AuditEvent;
  /** Production is pinned to `target` (until an unpin). */
  pinned: boolean;
  plan?: RollbackPlan;
}

export interface UnpinResult extends ActionResult {
  /** dry-run: `dryRun` was set; `pin` is what would be cleared. */
  outcome: 'unpinned' | 'refused' | 'cancelled' | 'dry-run';
  /** What production runs (the pinned SHA). */
  sha: string | null;
  /** The pin that was cleared (or would be, in a dry run). */
  pin: ProductionPin | null;
}

/** One audit log entry as history shows it; `line` is 1-based in the audit log. */
export type HistoryEntryView = AuditEvent & { line: number };

export interface HistoryResult {
  /** deploy.production: the environment the record describes. */
  production: string;
  recordPath: string;
  auditLogPath: string;
  record: DeployRecord | null;
  /** Why the record cannot be read ("REC001 …"), when it exists and cannot. */
  recordProblem?: string;
  /** The record names another environment than deploy.production. */
  environmentMismatch?: string;
  pin: ProductionPin | null;
  /** One line explaining a pin the record lost (from the audit log). */
  pinLine?: string;
  /** Entries, NEWEST FIRST, filtered by environment and limited. */
  entries: HistoryEntryView[];
  /** Problems in the log (torn lines, a broken chain); `line` is 1-based. */
  issues: AuditIssue[];
}

/** What stamping a database's Alembic baseline did (see the stampBaseline flow). */
export interface StampBaselineResult {
  /**
   * stamped: alembic_version now holds the baseline (created when it did not exist); the
   * already-* outcomes changed nothing; refused: see `error` (an unknown baseline, destructive
   * operations on the way to head, a database at another revision, a connection failure).
   */
  outcome: 'stamped' | 'already-at-baseline' | 'already-past-baseline' | 'refused';
  database: string;
  baseline?: string;
  /** stamped: the version table was created. */
  created?: boolean;
  /** already-past-baseline: the revisions the database is at. */
  versions?: string[];
  /** Checked inside a transaction that was rolled back: nothing changed. */
  dryRun: boolean;
  message: string;
  error?: DeployError;
}
