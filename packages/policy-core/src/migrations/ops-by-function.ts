import type { SchemaOp } from './schema-op.js';
import { groupBy } from '../group-by.js';

/**
 * The ops of a multidb module by the `upgrade_<x>`/`downgrade_<x>` function they came from
 * (`SchemaOp.via`), in list order: grouped once, instead of filtering the whole list per function.
 */
export function opsByFunction(ops: readonly SchemaOp[]): Map<string, SchemaOp[]> {
  return groupBy(
    ops.filter((op) => op.via !== undefined),
    (op) => op.via as string,
  );
}
