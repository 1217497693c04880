import { type SchemaOp, tableKey } from './schema-op.js';

/**
 * What a list of ops does to tables by name, net of the steps in between. SQLite cannot alter
 * most of a table in place, so its migrations rebuild it: create a new table, copy the rows,
 * drop the old one and rename the new one to the old name (or rename the old one away first,
 * create, copy, drop). Step by step that reads as "drops users" and "creates _tmp_users"; by
 * effect `users` exists before and after, and the scratch table is gone. One pass, O(n).
 */
export interface TableLifecycles {
  /** Tables that exist before and after the ops but are dropped or renamed away in between. */
  rebuilt: ReadonlySet<string>;
  /** Tables the ops create (or rename into being) that no longer exist under that name at the end. */
  gone: ReadonlySet<string>;
}

interface Lifecycle {
  /** The first op touching the name dropped it or renamed it away: it existed before. */
  existedBefore: boolean;
  present: boolean;
  removedOnce: boolean;
}

export function tableLifecycles(ops: readonly SchemaOp[]): TableLifecycles {
  const names = new Map<string, Lifecycle>();
  const touch = (key: string | undefined, present: boolean) => {
    if (key === undefined) return;
    let life = names.get(key);
    if (!life) {
      life = { existedBefore: !present, present, removedOnce: false };
      names.set(key, life);
    }
    life.present = present;
    if (!present) life.removedOnce = true;
  };
  for (const op of ops) {
    if (op.kind === 'create_table') touch(tableKey(op), true);
    else if (op.kind === 'drop_table') touch(tableKey(op), false);
    else if (op.kind === 'rename_table' && op.newName !== undefined) {
      touch(tableKey(op), false);
      touch(tableKey({ table: op.newName, schema: op.schema }), true);
    }
  }
  const rebuilt = new Set<string>();
  const gone = new Set<string>();
  for (const [key, life] of names) {
    if (life.existedBefore && life.present && life.removedOnce) rebuilt.add(key);
    else if (!life.existedBefore && !life.present) gone.add(key);
  }
  return { rebuilt, gone };
}
