/**
 * The workspace's migration analyzer and the migration parsers' loaders: what a check needs only
 * once git has been asked for the change. repo-context.ts imports this module when the change
 * set's git processes are running, so compiling it (the migration code and lezer's tree library)
 * overlaps git's work instead of delaying its start. The agent gate does not load it: a tool call
 * that writes no migration reads none (judge-call.ts loads what a migration write needs).
 */
export {
  initMigrationParsers,
  initParsersFor,
  initSqlParser,
  migrationsOf,
  npmFilesOf,
} from '@slipway/policy-core';
