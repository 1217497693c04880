/**
 * The deploy layer's pure half: the types every front end shares (progress, approval, results,
 * DeployError) and the decisions (preconditions, records, pins, rollback targets, history). The
 * flows that run them with git, locks, HTTP and processes are in `@slipway/policy-core/node`.
 */
export { type GitIdentity, detectActor, type ActorFlags } from './detect-actor.js';
export { abandonedEnd, abandonedRuns } from './abandoned-runs.js';
export { matchAgent, namesAgent } from './agent-identity.js';
export {
  approvalText,
  approvedActor,
  approvesSha,
  MIN_APPROVAL_PREFIX,
  wrongAnswerMessage,
} from './approval-rules.js';
export type {
  ApprovalAnswer,
  ApprovalRequest,
  DeployCallbacks,
  DeployStepId,
  ProgressEvent,
} from './callbacks.js';
export { DeployError, type DeployErrorCode, isDeployError } from './deploy-error.js';
export {
  brokenChain,
  type DeployFiles,
  environmentMismatch,
  firstMalformedEvent,
  type NewEvent,
  stateWarnings,
  unusableReason,
} from './deploy-files.js';
export {
  type HealthCheckOptions,
  type HealthTarget,
  type ResolvedEnvironment,
  resolveEnvironment,
  where,
} from './environment.js';
export { type EnvironmentChoice, environmentChoices } from './environment-choices.js';
export { countsByFamily, guardBlocks } from './guard-summary.js';
export { type HistoryQuery, historyView } from './history-view.js';
export { interruptedLine } from './interrupted-line.js';
export { lostPinLine, type ProductionPin, productionPin } from './pin-state.js';
export {
  currentSha,
  deployableChecks,
  type Precondition,
  pinCheck,
  releaseTagCheck,
  requiredBranch,
  requiredStaging,
  stagingCheck,
} from './promote-checks.js';
export {
  type BackedOut,
  backedOutOf,
  defaultRollbackTarget,
  type NextRecordInput,
  nextRecord,
  recordedShas,
} from './record-update.js';
export { tagMatches } from './release-tag.js';
export type {
  CountsByFamily,
  GuardResult,
  HealthTargetView,
  HistoryEntryView,
  HistoryResult,
  PromotePlan,
  PromoteResult,
  RollbackPlan,
  RollbackResult,
  StampBaselineResult,
  StepOutcome,
  UnpinResult,
} from './results.js';
export { backedOutRefusal, pinnedAgainstMachine } from './rollback-guards.js';
