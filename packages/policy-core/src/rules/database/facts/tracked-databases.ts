import type { DbAuditInput } from '../../../db/audit-input.js';
import { appliedVersions, type DbFacts } from '../../../db/db-facts.js';
import type { DbGraphView } from '../../../db/graph-view.js';

/** A database Alembic tracks, with the revisions it records and the graph that judges them. */
export interface TrackedDatabase {
  db: DbFacts;
  /** Its `alembic_version` rows: never empty. */
  versions: readonly string[];
  /** The repository's revision graph. */
  graph: DbGraphView;
}

/**
 * The databases whose recorded revisions the repository's graph can judge (DB002, DB004): each
 * one whose `alembic_version` holds a revision (the others are DB001's), and none at all when no
 * Alembic tree is configured or readable.
 */
export function trackedDatabases(input: DbAuditInput): TrackedDatabase[] {
  const graph = input.graph;
  if (!graph) return [];
  return input.databases.flatMap((db) => {
    const versions = appliedVersions(db);
    return versions.length > 0 ? [{ db, versions, graph }] : [];
  });
}
