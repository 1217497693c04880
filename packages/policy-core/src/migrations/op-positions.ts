import { type SchemaOp, type SchemaOpKind, tableKey } from './schema-op.js';

/**
 * Where in one migration's op list each kind of op touches each object: built in one pass, so
 * a rule that asks "is this table dropped later in the revision?" answers in O(log n) instead of
 * scanning the rest of the list for every op (a 160,000-op revision an agent writes must not hold
 * the gate for minutes). Positions are indexes into the list, ascending.
 *
 * Keys: a table by `tableKey`; a column by its table's key and its lower-cased name; an index by
 * its lower-cased name; a rename by the key of the name it gives the table.
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

/** Positions by kind of op, then by key: nested maps, so no key string is built per op. */
type ByKind = Map<SchemaOpKind, Map<string, number[]>>;

function add(map: ByKind, kind: SchemaOpKind, key: string, at: number): void {
  let byKey = map.get(kind);
  if (byKey === undefined) {
    byKey = new Map();
    map.set(kind, byKey);
  }
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

function index(ops: readonly SchemaOp[]): OpPositions {
  const tables: ByKind = new Map();
  const columns: ByKind = new Map();
  const indexes: ByKind = new Map();
  const renames = new Map<string, number[]>();
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as SchemaOp;
    const table = tableKey(op);
    if (table !== undefined) {
      add(tables, op.kind, table, i);
      if (op.column !== undefined) add(columns, op.kind, `${table}\u0000${op.column.toLowerCase()}`, i);
    }
    if (op.index !== undefined) add(indexes, op.kind, op.index.toLowerCase(), i);
    if (op.kind === 'rename_table') {
      const to = renamedToKey(op);
      if (to !== undefined) {
        const list = renames.get(to);
        if (list === undefined) renames.set(to, [i]);
        else list.push(i);
      }
    }
  }
  const get = (map: ByKind, kind: SchemaOpKind, key: string | undefined) =>
    key === undefined ? NONE : (map.get(kind)?.get(key) ?? NONE);
  return {
    onTable: (kind, key) => get(tables, kind, key),
    onColumn: (kind, key) => get(columns, kind, key),
    onIndex: (kind, name) => get(indexes, kind, name?.toLowerCase()),
    renamedTo: (key) => (key === undefined ? NONE : (renames.get(key) ?? NONE)),
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
