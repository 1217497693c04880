/**
 * The deploy layer's pure half: the types every front end shares (progress, approval, results,
 * DeployError) and the decisions (preconditions, records, pins, rollback targets, history). The
 * flows that run them with git, locks, HTTP and processes are in `@slipway/policy-core/node`.
 */
export * from './detect-actor.js';
export * from './abandoned-runs.js';
export * from './agent-identity.js';
export * from './agent-runtime.js';
export * from './approval-rules.js';
export type {
  ApprovalAnswer,
  ApprovalRequest,
  DeployCallbacks,
  DeployStepId,
  ProgressEvent,
} from './callbacks.js';
export * from './deploy-error.js';
export * from './deploy-files.js';
export * from './deploy-settings.js';
export * from './environment.js';
export * from './environment-choices.js';
export * from './expanded-value-redactor.js';
export * from './guard-summary.js';
export * from './history-view.js';
export * from './interrupted-line.js';
export * from './pin-state.js';
export * from './promote-checks.js';
export * from './record-update.js';
export * from './release-tag.js';
// Every result type of the flows: the CLI's JSON and the editor read them as they are.
export type * from './results.js';
export * from './rollback-guards.js';
export * from './secret.js';
export * from './soak-check.js';
export * from './window-check.js';
