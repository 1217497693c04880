import type { SchemaOp } from './schema-op.js';

/**
 * The ops of a multidb module by the `upgrade_<x>`/`downgrade_<x>` function they came from
 * (`SchemaOp.via`), in list order: one pass, instead of filtering the whole list per function.
 */
export function opsByFunction(ops: readonly SchemaOp[]): Map<string, SchemaOp[]> {
  const out = new Map<string, SchemaOp[]>();
  for (const op of ops) {
    if (op.via === undefined) continue;
    const list = out.get(op.via);
    if (list === undefined) out.set(op.via, [op]);
    else list.push(op);
  }
  return out;
}
