import type { DbAuditInput } from '../../../db/audit-input.js';
import type { DbFacts } from '../../../db/db-facts.js';
import { type RecordedHistory, recordedHistory } from '../../../db/recorded-history.js';

/** A database with what it records of the migrations that ran, judged by the policy's tool. */
export interface TrackedDatabase {
  db: DbFacts;
  history: RecordedHistory;
}

/** Every database's record (alembic_version or django_migrations, as the policy's migrations are). */
export function databaseHistories(input: DbAuditInput): TrackedDatabase[] {
  return input.databases.map((db) => ({ db, history: recordedHistory(db, input.tool, input.graph) }));
}

/**
 * The databases whose record the repository's graph can judge (DB002, DB004): each one that
 * records a migration (the others are DB001's), and none at all when no graph of the policy's
 * tool is configured or readable.
 */
export function trackedDatabases(input: DbAuditInput): TrackedDatabase[] {
  return databaseHistories(input).filter(({ history }) => history.judged && history.rows > 0);
}
