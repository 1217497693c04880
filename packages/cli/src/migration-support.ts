/**
 * The workspace (parsed-migration and dependency caches) and the migration parsers' loaders: what
 * a check needs only once git has been asked for the change. repo-context.ts imports this module
 * when the change set's git processes are running, so compiling it (the migration and dependency
 * code and lezer's tree library, about a third of what a check loads before git starts) overlaps
 * git's work instead of delaying its start.
 */
export { initMigrationParsers, initParsersFor, initSqlParser, Workspace } from '@slipway/policy-core';
