/**
 * The deploy layer's Node half: the flows (guard, planPromote, promote, planRollback, rollback,
 * unpin, history) over small ports — git, the deploy lock, the atomic record and audit writers,
 * the health check, the command runner. Front ends (the CLI, the language server) drive the
 * flows through callbacks and show what they return; the pure decisions are in the root entry.
 */
export { guard, type GuardOptions } from './guard.js';
export { databaseAuditStep, runDatabaseAuditStep } from './database-audit-step.js';
export type { GuardContext, GuardStep, GuardStepInput, GuardStepResult } from './guard-step.js';
export { history, type HistoryOptions } from './history.js';
export { planPromote, type PromoteOptions } from './promote-plan.js';
export { promote } from './promote.js';
export { planRollback, type RollbackOptions } from './rollback-plan.js';
export { rollback } from './rollback.js';
export { unpin, type UnpinOptions } from './unpin.js';
export { openDeployContext, type DeployContextOptions } from './open-deploy-context.js';
export type { OperationOptions } from './operation.js';
export type { GuardFn, GuardVerdict } from './preconditions.js';
export { guardOnSha } from './guard-on-sha.js';
export {
  checkBaselineKnown,
  checkPathToHead,
  type StampBaselineOptions,
  stampBaseline,
} from './stamp-baseline-flow.js';

// The ports, for hosts and for the CLI's own deploy commands (watch, restack).
export { appendDurable, readTextIfExists, writeFileAtomic } from './atomic-write.js';
export {
  acquireDeployLock,
  type DeployLock,
  isAlive,
  LockHeldError,
  type LockHolder,
  processStart,
  readLockHolder,
} from './deploy-lock.js';
export {
  appendEvent,
  assertUsable,
  type DeployState,
  formatRecord,
  readDeployState,
  recordedSha,
  refuseIfUnusable,
  sealHead,
  writeRecord,
} from './deploy-state.js';
export { healthAll, deployAndVerify, type StepResult } from './deploy-step.js';
export { onExitThenDrain } from './exit-then-drain.js';
export { commitDeployFiles, commitExists, gitIdentity, resolveCommit } from './git-ops.js';
export { checkHealth, type HealthResult } from './health-check.js';
export { removeStaleGuardWorktrees, withWorktree } from './guard-worktree.js';
export {
  commitIfAsked,
  lockStatus,
  type OperationContext,
  operationContext,
  say,
  takeLock,
} from './operation.js';
export { MAX_OUTPUT_BYTES, secretRedactor } from './output-lines.js';
export { runCommand, type RunCommandResult } from './run-command.js';
export { runCorrectionStep } from './correction.js';
export { openStopScope, signalStopScope, STOP_SIGNALS, type StopScope, stopReason } from './stop-scope.js';
