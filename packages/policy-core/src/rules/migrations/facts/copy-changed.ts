import type { SchemaOp } from '../../../migrations/schema-op.js';

/**
 * Whether `op`, run on a table holding a copy of another's rows, leaves it short of them: a
 * DELETE (any: the rows it picks are gone, where the old table keeps them until it is dropped),
 * an UPDATE, a DROP COLUMN or an ALTER COLUMN TYPE … USING of a column the copy filled (the old
 * values are overwritten or gone). `filled` is the copy's INSERT column list, undefined for none
 * (every column may hold copied values). A column the copy did not fill (a backfill of a new
 * column, one added and dropped) loses nothing of the old table.
 */
export function losesCopiedData(op: SchemaOp, filled: ReadonlySet<string> | undefined): boolean {
  const touches = (columns: readonly string[] | undefined) =>
    filled === undefined || columns === undefined || columns.some((c) => filled.has(c.toLowerCase()));
  switch (op.kind) {
    case 'delete':
      return true;
    case 'update':
      return touches(op.columns);
    case 'drop_column':
      return touches(op.column === undefined ? undefined : [op.column]);
    case 'alter_column_type':
      return op.using === true && touches(op.column === undefined ? undefined : [op.column]);
    default:
      return false;
  }
}
