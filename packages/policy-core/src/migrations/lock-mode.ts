import type { LockMode } from './lock-facts.js';
import type { SchemaOp } from './schema-op.js';

/**
 * The strongest lock an op takes on the existing table it names, as PostgreSQL documents it
 * (ALTER TABLE, CREATE/DROP INDEX, TRUNCATE, ...): undefined when it takes none worth naming
 * (CREATE TABLE, row changes, settings) or when the op is not understood.
 */
export function lockModeOf(op: SchemaOp): LockMode | undefined {
  if (op.lock?.mode) return op.lock.mode;
  switch (op.kind) {
    case 'drop_table':
    case 'rename_table':
    case 'add_column':
    case 'drop_column':
    case 'rename_column':
    case 'alter_column_type':
    case 'set_not_null':
    case 'drop_not_null':
    case 'set_default':
    case 'truncate':
      return 'AccessExclusiveLock';
    case 'drop_index':
      return op.concurrently ? 'ShareUpdateExclusiveLock' : 'AccessExclusiveLock';
    case 'create_index':
      return op.concurrently ? 'ShareUpdateExclusiveLock' : 'ShareLock';
    case 'delete':
    case 'update':
      return 'RowExclusiveLock';
    default:
      return undefined;
  }
}

/**
 * `AccessExclusiveLock` → `ACCESS EXCLUSIVE`, as PostgreSQL's documentation and LOCK TABLE write it.
 * @internal
 */
export function lockModeSql(mode: LockMode): string {
  return mode
    .replace(/Lock$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase();
}
