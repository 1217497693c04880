import { type SchemaOp, tableKey } from './schema-op.js';

/**
 * The name each column an op list adds ends up with, after the renames that follow it in the
 * same list (`add json_value`, ..., `rename json_value to value`: the column is `value`).
 *
 * One forward pass: columns that share a current name share every later rename, so they form
 * one group, and a rename moves a whole group (merging it into the group already holding the
 * new name) in near-constant time, instead of each added column scanning the rest of the list.
 */

interface Group {
  /** The group's current lower-cased name; undefined once renamed to a name that is not a literal. */
  name: string | undefined;
  /** The group this one was merged into. */
  into?: Group;
}

function root(group: Group): Group {
  let g = group;
  while (g.into) g = g.into;
  // Path halving keeps later look-ups short.
  for (let h = group; h.into && h.into !== g; ) {
    const next: Group = h.into;
    h.into = g;
    h = next;
  }
  return g;
}

/**
 * For each `add_column` position of `ops`, the lower-cased name its column has at the end of the
 * list (undefined: renamed to a name that is not a literal).
 */
export function finalColumnNames(ops: readonly SchemaOp[]): Map<number, string | undefined> {
  const current = new Map<string, Group>(); // table key + current name -> group
  const added: [number, Group][] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as SchemaOp;
    const table = tableKey(op);
    if (table === undefined || op.column === undefined) continue;
    const from = `${table}\u0000${op.column.toLowerCase()}`;
    if (op.kind === 'add_column') {
      let group = current.get(from);
      if (group === undefined) {
        group = { name: op.column.toLowerCase() };
        current.set(from, group);
      }
      added.push([i, group]);
    } else if (op.kind === 'rename_column') {
      const group = current.get(from);
      if (group === undefined) continue;
      current.delete(from);
      const name = op.newName?.toLowerCase();
      if (name === undefined) {
        group.name = undefined;
        continue;
      }
      const to = `${table}\u0000${name}`;
      const there = current.get(to);
      if (there === undefined) {
        group.name = name;
        current.set(to, group);
      } else if (there !== group) group.into = there;
    }
  }
  const out = new Map<number, string | undefined>();
  for (const [i, group] of added) out.set(i, root(group).name);
  return out;
}
