/**
 * The deploy layer's Node half: the flows (guard, planPromote, promote, planRollback, rollback,
 * unpin, history) over small ports — git, the deploy lock, the atomic record and audit writers,
 * the health check, the command runner. Front ends (the CLI, the language server) drive the
 * flows through callbacks and show what they return; the pure decisions are in the root entry.
 */
export * from './guard.js';
export * from './database-audit-step.js';
export type { GuardContext, GuardStep, GuardStepInput, GuardStepResult } from './guard-step.js';
export * from './history.js';
export * from './delivery-metrics.js';
export * from './promote-plan.js';
export * from './promote.js';
export * from './gate.js';
export * from './rollback-plan.js';
export * from './rollback.js';
export * from './unpin.js';
export * from './open-deploy-context.js';
export * from './production-deploy-settings.js';
export * from './early-promote-reads.js';
export type { OperationOptions } from './operation.js';
export type { GuardFn, GuardVerdict } from './preconditions.js';
export * from './guard-on-sha.js';
export * from './stamp-baseline-flow.js';

// The ports, for hosts and for the CLI's own deploy commands (watch, restack).
export * from '../atomic-write.js';
export * from './deploy-lock.js';
export * from './deploy-state.js';
export * from './deploy-step.js';
export * from './exit-then-drain.js';
export * from './git-ops.js';
export * from './health-check.js';
export * from './guard-worktree.js';
export * from './operation.js';
export * from './output-lines.js';
export * from './run-command.js';
export * from './correction.js';
export * from './stop-scope.js';
