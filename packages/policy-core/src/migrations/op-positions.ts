import { type SchemaOp, type SchemaOpKind, tableKey } from './schema-op.js';

/**
 * Where in one migration's op list each kind of op touches each object: built by one pass per kind, so
 * a rule that asks "is this table dropped later in the revision?" answers in O(log n) instead of
 * scanning the rest of the list for every op (a 160,000-op revision an agent writes must not hold
 * the gate for minutes). Positions are indexes into the list, ascending.
 *
 * Keys: a table by `tableKey`; a column by its table's key and its lower-cased name (`columnKeyOf`);
 * an index by its lower-cased name; a rename by the key of the name it gives the table.
 */
export interface OpPositions {
  /** Positions of ops of `kind` on the table `key` (`tableKey`). */
  onTable(kind: SchemaOpKind, key: string | undefined): readonly number[];
  /** Positions of ops of `kind` on the column `columnKeyOf(op)`. */
  onColumn(kind: SchemaOpKind, key: string | undefined): readonly number[];
  /** Positions of ops of `kind` naming the index `name` (any case). */
  onIndex(kind: SchemaOpKind, name: string | undefined): readonly number[];
  /** Positions of `rename_table` ops that give a table the name `key` (same schema). */
  renamedTo(key: string | undefined): readonly number[];
}

const NONE: readonly number[] = [];

/** The table and lower-cased column an op names, as one key; undefined without both. */
export function columnKeyOf(op: SchemaOp): string | undefined {
  const table = tableKey(op);
  return table !== undefined && op.column !== undefined
    ? `${table}\u0000${op.column.toLowerCase()}`
    : undefined;
}

/** The key of the name a `rename_table` gives its table (same schema), else undefined. */
export function renamedToKey(op: SchemaOp): string | undefined {
  return op.kind === 'rename_table' && op.newName !== undefined
    ? tableKey({ table: op.newName, schema: op.schema })
    : undefined;
}

/** Positions by key, of one kind of op. */
type ByKey = Map<string, number[]>;

function add(byKey: ByKey, key: string, at: number): void {
  const list = byKey.get(key);
  if (list === undefined) byKey.set(key, [at]);
  else list.push(at);
}

// Op lists are never changed once analysed, so their index lives as long as the list does.
const built = new WeakMap<readonly SchemaOp[], OpPositions>();

/** The positions of `ops`, indexed once per list. */
export function opPositions(ops: readonly SchemaOp[]): OpPositions {
  let positions = built.get(ops);
  if (positions === undefined) {
    positions = index(ops);
    built.set(ops, positions);
  }
  return positions;
}

/** What an index keys one op by (undefined: the op is not in it). */
type KeyOf = (op: SchemaOp) => string | undefined;

const indexKey: KeyOf = (op) => op.index?.toLowerCase();

/**
 * Each kind of op is indexed on the first question about it, by one pass that builds keys only
 * for the ops of that kind: the rules ask mostly about kinds a revision has few of ("was this
 * table created earlier?"), and a revision of 160,000 drops would otherwise build 160,000 keys
 * and lists for a question whose answer is "none". At most one pass per kind and key: linear.
 */
function index(ops: readonly SchemaOp[]): OpPositions {
  const made = new Map<KeyOf, Map<SchemaOpKind, ByKey>>();
  const positions = (keyOf: KeyOf, kind: SchemaOpKind, key: string | undefined): readonly number[] => {
    if (key === undefined) return NONE;
    let byKind = made.get(keyOf);
    if (byKind === undefined) {
      byKind = new Map();
      made.set(keyOf, byKind);
    }
    let byKey = byKind.get(kind);
    if (byKey === undefined) {
      byKey = new Map();
      for (let i = 0; i < ops.length; i++) {
        const op = ops[i] as SchemaOp;
        if (op.kind !== kind) continue;
        const k = keyOf(op);
        if (k !== undefined) add(byKey, k, i);
      }
      byKind.set(kind, byKey);
    }
    return byKey.get(key) ?? NONE;
  };
  return {
    onTable: (kind, key) => positions(tableKey, kind, key),
    onColumn: (kind, key) => positions(columnKeyOf, kind, key),
    onIndex: (kind, name) => positions(indexKey, kind, name?.toLowerCase()),
    renamedTo: (key) => positions(renamedToKey, 'rename_table', key),
  };
}

/** How many of `positions` (ascending) are at or before `i`: the index of the first after it. */
export function countUpTo(positions: readonly number[], i: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((positions[mid] as number) <= i) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position in `positions` (ascending) after `i`, or -1. */
export function firstAfter(positions: readonly number[], i: number): number {
  const k = countUpTo(positions, i);
  return k < positions.length ? (positions[k] as number) : -1;
}

/** Some position in `positions` (ascending) is after `i`. */
export function anyAfter(positions: readonly number[], i: number): boolean {
  return positions.length > 0 && (positions[positions.length - 1] as number) > i;
}

/** Some position in `positions` (ascending) is before `i`. */
export function anyBefore(positions: readonly number[], i: number): boolean {
  return positions.length > 0 && (positions[0] as number) < i;
}
