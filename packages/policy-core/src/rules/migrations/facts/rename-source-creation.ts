import type { OpPositions } from '../../../migrations/op-positions.js';
import { type SchemaOp, tableKey } from '../../../migrations/schema-op.js';

/**
 * For the renames of a revision (their op positions, in order): at each k, the position of the
 * first create_table of any table renamed at renames[k..], Infinity where none is created; kept
 * per rename list (LaterInRevision asks it for each op it judges).
 */
const suffixMins = new WeakMap<readonly number[], number[]>();

export function earliestSourceCreation(
  ops: readonly SchemaOp[],
  positions: OpPositions,
  renames: readonly number[],
): number[] {
  let mins = suffixMins.get(renames);
  if (mins !== undefined) return mins;
  mins = new Array<number>(renames.length + 1);
  mins[renames.length] = Number.POSITIVE_INFINITY;
  for (let k = renames.length - 1; k >= 0; k--) {
    const creates = positions.onTable('create_table', tableKey(ops[renames[k] as number] as SchemaOp));
    const first = creates.length > 0 ? (creates[0] as number) : Number.POSITIVE_INFINITY;
    mins[k] = Math.min(first, mins[k + 1] as number);
  }
  suffixMins.set(renames, mins);
  return mins;
}
