/**
 * The worker threads' reading of the migrations (`check --jobs`), imported only by a check that
 * starts them: it brings the MIG rules a worker runs on a file, which a tool call's gate and a
 * check on one thread do not load with the workspace (migration-support.ts).
 */
export { migrationResultsFromWorkers } from '@slipway/policy-core/node';
