import type { DbFacts } from './db-facts.js';
import type { DbGraphView } from './graph-view.js';

/**
 * What the database audit read, handed to the engine (`CheckOptions.databases`) as one more
 * input: the DB family judges it as the other families judge the repository.
 */
export interface DatabasesRead {
  /** Each database that could be read (those that could not are the audit's failures). */
  facts: readonly DbFacts[];
  /** The repository's revision graph; absent when no Alembic tree is configured or readable. */
  graph?: DbGraphView;
}
