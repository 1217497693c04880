export { FreshClusters, type PgliteClass } from './fresh-clusters.js';
export { type OpenTraceDb, runTracePlan, type TraceDb, type TraceRun } from './run-trace.js';
export { readSavedTrace, savedTracePath, saveTrace } from './saved-trace.js';
export {
  type TraceMigrationsOptions,
  type TraceMigrationsResult,
  traceMigrations,
} from './trace-migrations.js';
