import { changesSchema, type SchemaOp, tableKey } from '../../../migrations/schema-op.js';

/**
 * What `upgrade()` itself takes back: a scratch table created and dropped again, a temporary
 * column or index removed later (directly, or with its table). Such changes leave nothing for
 * `downgrade()` to undo (MIG110, MIG111).
 */

const lc = (s: string | undefined) => s?.toLowerCase();

function columnKey(op: SchemaOp): string | undefined {
  const t = tableKey(op);
  return t !== undefined && op.column !== undefined ? `${t}\u0000${lc(op.column)}` : undefined;
}

function sameTable(a: SchemaOp, b: SchemaOp): boolean {
  const k = tableKey(a);
  return k !== undefined && k === tableKey(b);
}

/** ops[i] (a create_table, add_column or create_index) is removed by a later op of the same list. */
export function undoneLater(ops: readonly SchemaOp[], i: number): boolean {
  const op = ops[i] as SchemaOp;
  const later = ops.slice(i + 1);
  switch (op.kind) {
    case 'create_table':
      return later.some((o) => o.kind === 'drop_table' && sameTable(o, op));
    case 'add_column': {
      const k = columnKey(op);
      return later.some(
        (o) =>
          (o.kind === 'drop_table' && sameTable(o, op)) ||
          (o.kind === 'drop_column' && k !== undefined && columnKey(o) === k),
      );
    }
    case 'create_index':
      return later.some(
        (o) =>
          (o.kind === 'drop_table' && sameTable(o, op)) ||
          (o.kind === 'drop_index' && op.index !== undefined && lc(o.index) === lc(op.index)),
      );
    default:
      return false;
  }
}

/** ops[i] (a drop) removes what an earlier op of the same list created or added. */
function undoesEarlier(ops: readonly SchemaOp[], i: number): boolean {
  const op = ops[i] as SchemaOp;
  const earlier = ops.slice(0, i);
  switch (op.kind) {
    case 'drop_table':
      return earlier.some((o) => o.kind === 'create_table' && sameTable(o, op));
    case 'drop_column': {
      const k = columnKey(op);
      return earlier.some((o) => o.kind === 'add_column' && k !== undefined && columnKey(o) === k);
    }
    case 'drop_index':
      return earlier.some(
        (o) => o.kind === 'create_index' && op.index !== undefined && lc(o.index) === lc(op.index),
      );
    default:
      return false;
  }
}

/** Scratch tables: created and later dropped in the list, as [create, drop] index spans. */
function scratchSpans(ops: readonly SchemaOp[]): { key: string; from: number; to: number }[] {
  const out: { key: string; from: number; to: number }[] = [];
  ops.forEach((op, i) => {
    const key = op.kind === 'create_table' ? tableKey(op) : undefined;
    if (key === undefined) return;
    const to = ops.findIndex((o, j) => j > i && o.kind === 'drop_table' && tableKey(o) === key);
    if (to !== -1) out.push({ key, from: i, to });
  });
  return out;
}

/**
 * True when `upgrade()` leaves the schema as it found it although it changes it on the way:
 * every schema change is undone later in it, undoes an earlier one, or touches a scratch table
 * while it exists. Row changes (INSERT, UPDATE, DELETE) are not schema changes.
 */
export function netSchemaUnchanged(ops: readonly SchemaOp[]): boolean {
  const spans = scratchSpans(ops);
  return ops.every((op, i) => {
    if (!changesSchema(op)) return true;
    if (undoneLater(ops, i) || undoesEarlier(ops, i)) return true;
    const key = tableKey(op);
    return key !== undefined && spans.some((s) => s.key === key && s.from <= i && i <= s.to);
  });
}
