import type { SchemaOp } from './schema-op.js';

/** The MIG rule id that flags a destructive op (see `isDestructive`). */
export function destructiveRule(op: SchemaOp): string {
  switch (op.kind) {
    case 'drop_table':
      return 'MIG001';
    case 'drop_column':
      return 'MIG002';
    case 'drop_schema':
    case 'drop_database':
      return 'MIG003';
    case 'truncate':
      return 'MIG005';
    default:
      return 'MIG006';
  }
}
