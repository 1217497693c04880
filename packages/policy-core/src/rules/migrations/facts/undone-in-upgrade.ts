import {
  anyAfter,
  anyBefore,
  columnKeyOf,
  countUpTo,
  firstAfter,
  opPositions,
} from '../../../migrations/op-positions.js';
import { changesSchema, type SchemaOp, tableKey } from '../../../migrations/schema-op.js';

/**
 * What `upgrade()` itself takes back: a scratch table created and dropped again, a temporary
 * column or index removed later (directly, or with its table). Such changes leave nothing for
 * `downgrade()` to undo (MIG110, MIG111). Every question is answered from the list's index
 * (`opPositions`), so judging n ops costs n log n, not n².
 */

/** ops[i] (a create_table, add_column or create_index) is removed by a later op of the same list. */
export function undoneLater(ops: readonly SchemaOp[], i: number): boolean {
  const op = ops[i] as SchemaOp;
  const at = opPositions(ops);
  const tableDroppedLater = () => anyAfter(at.onTable('drop_table', tableKey(op)), i);
  switch (op.kind) {
    case 'create_table':
      return tableDroppedLater();
    case 'add_column':
      return tableDroppedLater() || anyAfter(at.onColumn('drop_column', columnKeyOf(op)), i);
    case 'create_index':
      return tableDroppedLater() || anyAfter(at.onIndex('drop_index', op.index), i);
    default:
      return false;
  }
}

/** ops[i] (a drop) removes what an earlier op of the same list created or added. */
function undoesEarlier(ops: readonly SchemaOp[], i: number): boolean {
  const op = ops[i] as SchemaOp;
  const at = opPositions(ops);
  switch (op.kind) {
    case 'drop_table':
      return anyBefore(at.onTable('create_table', tableKey(op)), i);
    case 'drop_column':
      return anyBefore(at.onColumn('add_column', columnKeyOf(op)), i);
    case 'drop_index':
      return anyBefore(at.onIndex('create_index', op.index), i);
    default:
      return false;
  }
}

/**
 * ops[i] touches a scratch table while it exists: a table created at some position p <= i and
 * dropped at the first drop after p, q >= i. For one table the spans' ends never decrease as
 * their starts do not, so the last creation at or before i has the latest end of all that start
 * by i: one binary search answers.
 */
function onScratchTable(ops: readonly SchemaOp[], i: number): boolean {
  const at = opPositions(ops);
  const key = tableKey(ops[i] as SchemaOp);
  const creates = at.onTable('create_table', key);
  const made = countUpTo(creates, i);
  if (made === 0) return false;
  const drop = firstAfter(at.onTable('drop_table', key), creates[made - 1] as number);
  return drop !== -1 && drop >= i;
}

/**
 * The settings a list switches away from their default and back again (setting-toggles.ts): its
 * first toggle of the setting leaves it changed and its last restores it, so it ends as an
 * ordinary table starts. ENABLE then DISABLE leaves a trigger off; RESET then SET leaves a
 * parameter set. One pass.
 */
const togglesRestored = new WeakMap<readonly SchemaOp[], ReadonlySet<string>>();
function restoredSettings(ops: readonly SchemaOp[]): ReadonlySet<string> {
  let found = togglesRestored.get(ops);
  if (found) return found;
  const first = new Map<string, boolean>();
  const last = new Map<string, boolean>();
  for (const op of ops)
    for (const t of op.toggles ?? []) {
      if (!first.has(t.key)) first.set(t.key, t.restores);
      last.set(t.key, t.restores);
    }
  found = new Set([...first].filter(([key, restores]) => !restores && last.get(key)).map(([key]) => key));
  togglesRestored.set(ops, found);
  return found;
}

/** Where the history (PriorObjects) keeps a setting's state: present while away from its default. */
export const settingKey = (key: string): string => `setting ${key}`;

/**
 * ops[i] only switches settings that the list switches back (restoredSettings), each from its
 * default: one an earlier revision left switched (fillfactor 70, a trigger disabled) is not at its
 * default when this one resets it, and the reset is a change of its own.
 */
function togglesUndone(ops: readonly SchemaOp[], op: SchemaOp, prior: PriorObjects): boolean {
  if (!op.toggles || op.toggles.length === 0) return false;
  const restored = restoredSettings(ops);
  return op.toggles.every((t) => restored.has(t.key) && prior(settingKey(t.key))?.present !== true);
}

/**
 * What a view, function, index, trigger or constraint was before a revision, as the history
 * before it says (object-history.ts): gone, or there with its normalised definition (undefined:
 * there, made in a way whose definition is not known). Undefined: the history does not say.
 */
export type PriorObject = { present: false } | { present: true; definition?: string };
export type PriorObjects = (key: string) => PriorObject | undefined;

const NOT_KNOWN: PriorObjects = () => undefined;

/**
 * The objects a list leaves as they were before it: dropped and made again with the definition
 * the history gave them, or made and dropped again. Without the history, a plain CREATE (no OR
 * REPLACE, no IF NOT EXISTS) first says the object was not there; a DROP first says only that
 * it was, not how, so what is made again cannot be shown to be the same. One pass.
 */
function objectsRestored(ops: readonly SchemaOp[], prior: PriorObjects): ReadonlySet<string> {
  const first = new Map<string, NonNullable<SchemaOp['object']>>();
  const last = new Map<string, NonNullable<SchemaOp['object']>>();
  // DROP ... CASCADE also drops what depends on the object, which making it again does not bring back.
  const cascaded = new Set<string>();
  for (const op of ops) {
    if (!op.object) continue;
    if (!first.has(op.object.key)) first.set(op.object.key, op.object);
    last.set(op.object.key, op.object);
    if (op.object.cascade) cascaded.add(op.object.key);
  }
  const out = new Set<string>();
  for (const [key, opening] of first) {
    if (cascaded.has(key)) continue;
    // A plain CREATE first proves the object was not there (the database would have refused
    // it), whatever an earlier revision made: a table dropped since takes its indexes with it.
    const before = opening.made && !opening.guarded ? { present: false as const } : prior(key);
    const end = last.get(key) as NonNullable<SchemaOp['object']>;
    if (!before) continue;
    const same = before.present
      ? end.made && before.definition !== undefined && end.definition === before.definition
      : !end.made;
    if (same) out.add(key);
  }
  return out;
}

/**
 * True when `upgrade()` leaves the schema as it found it although it changes it on the way:
 * every schema change is undone later in it, undoes an earlier one, touches a scratch table
 * while it exists, or switches a setting away and back (a trigger off and on again to fix rows
 * with it quiet, a storage parameter SET and RESET, a table UNLOGGED for a bulk load and LOGGED again),
 * or drops a view, function, index, trigger or constraint and makes it again as `prior` (the
 * history before the revision) says it was. Row changes
 * (INSERT, UPDATE, DELETE) are not schema changes.
 */
export function netSchemaUnchanged(ops: readonly SchemaOp[], prior: PriorObjects = NOT_KNOWN): boolean {
  let restored: ReadonlySet<string> | undefined;
  return ops.every((op, i) => {
    if (!changesSchema(op)) return true;
    if (undoneLater(ops, i) || undoesEarlier(ops, i)) return true;
    if (togglesUndone(ops, op, prior)) return true;
    if (op.object) {
      restored ??= objectsRestored(ops, prior);
      if (restored.has(op.object.key)) return true;
    }
    return tableKey(op) !== undefined && onScratchTable(ops, i);
  });
}
