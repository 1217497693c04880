import type { SchemaOp } from '../../../migrations/schema-op.js';

/**
 * What a statement does to the rows of the table it names: a scan, a rewrite, an index build, a
 * backfill, which takes as long as the table is big. Undefined for a statement that only changes
 * the catalog. MIG044 asks it of work done under an ACCESS EXCLUSIVE lock, MIG046 of work that
 * runs with no statement_timeout: one list of what is long.
 */
export function rowWork(op: SchemaOp): string | undefined {
  switch (op.kind) {
    case 'update':
    case 'delete':
      return 'writes rows';
    case 'create_index':
      if (op.onlyParent) return undefined;
      return op.concurrently ? 'builds an index concurrently' : 'builds an index';
    case 'validate_constraint':
      return 'scans the table to validate a constraint';
    case 'set_not_null':
      return 'scans the table to check NOT NULL';
    case 'alter_column_type':
      return op.inPlace ? undefined : 'rewrites the table';
    case 'add_constraint':
      if (op.notValid || op.usingIndex) return undefined;
      return op.constraint === 'unique' || op.constraint === 'primary_key' || op.constraint === 'exclusion'
        ? 'builds an index for the constraint'
        : 'scans the table to check the constraint';
    case 'add_column':
      return op.generatedStored || op.defaultVolatility === 'volatile' ? 'rewrites the table' : undefined;
    case 'vacuum_full':
    case 'cluster':
      return 'rewrites the table';
    case 'reindex':
      return 'rebuilds indexes';
    case 'refresh_view':
      return 'recomputes a materialized view';
    default:
      return op.copiedFrom !== undefined ? 'copies rows' : undefined;
  }
}

/**
 * What a step that runs code (a Django RunPython) may do to rows: not read, and a data migration
 * as a rule, so the lock rules count it as work done under what the transaction holds. MIG046
 * does not ask it: a statement_timeout bounds each statement the code sends, not the code.
 */
export function codeWork(op: SchemaOp): string | undefined {
  return op.runsCode
    ? 'runs Python code whose work on rows is not read (a data migration holds the lock as long as it runs)'
    : undefined;
}
