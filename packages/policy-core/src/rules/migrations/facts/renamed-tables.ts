import type { SchemaOp } from '../../../migrations/schema-op.js';

// The tables of an up and a down named alike, through the renames each makes: up renames
// `atlases` to `collections` then adds a column to `collections`; down renames it back and drops
// the column from `atlases`. Both steps are on the table up leaves, `collections`, and the drop
// undoes the add (outline/outline server/migrations/20170603185012-add-collection-documentStructure-migration.js).

const lc = (s: string | undefined) => s?.toLowerCase();
const sameSchema = (a: SchemaOp, b: SchemaOp) => lc(a.schema) === lc(b.schema);

function withoutTable(op: SchemaOp): SchemaOp {
  const { table: _gone, ...rest } = op;
  return rest;
}

/** Each op of up on the table as its later renames in up leave it (the name after up). */
export function namedAfterUp(ops: readonly SchemaOp[]): SchemaOp[] {
  return ops.map((op, at) => {
    let name = lc(op.table);
    if (name === undefined || op.kind === 'rename_table') return op;
    for (let j = at + 1; j < ops.length; j++) {
      const r = ops[j] as SchemaOp;
      if (r.kind === 'rename_table' && sameSchema(r, op) && lc(r.table) === name) name = lc(r.newName);
      if (name === undefined) return op;
    }
    return name === lc(op.table) ? op : { ...op, table: name };
  });
}

/** Each op of down on the table as it was named before down's earlier renames (the name after up). */
export function namedBeforeDown(ops: readonly SchemaOp[]): SchemaOp[] {
  return ops.map((op, at) => {
    let name = lc(op.table);
    if (name === undefined || op.kind === 'rename_table') return op;
    for (let j = at - 1; j >= 0; j--) {
      const r = ops[j] as SchemaOp;
      if (r.kind !== 'rename_table' || !sameSchema(r, op)) continue;
      // Renamed away before the step: the step names a table that is no longer there.
      if (lc(r.table) === name) return withoutTable(op);
      if (lc(r.newName) === name) name = lc(r.table);
      if (name === undefined) return op;
    }
    return name === lc(op.table) ? op : { ...op, table: name };
  });
}
