import { renamedToKey } from '../../../migrations/op-positions.js';
import { type SchemaOp, type SchemaOpKind, tableKey } from '../../../migrations/schema-op.js';

/**
 * What a run of migrations says of each table, indexed by table (guarded-table-history.ts asks
 * it whether a table made IF NOT EXISTS was there before): each op that makes, uses, drops or
 * renames a table is a certain word on it, unless it runs only under a condition of the code (a
 * doubt); SQL Slipway does not read is a doubt on every table. Built once, so a question reads
 * only its own table's steps.
 */

/** A step on a table, at `pos` (its place in the run, counted op by op) in the `at`th migration. */
export interface Step {
  pos: number;
  at: number;
}
export interface Word extends Step {
  said: 'there' | 'gone';
  file: string;
  op: SchemaOp;
}
export interface Doubt extends Step {
  why: string;
}

/** The steps on one table, each list in run order. */
export interface TableSteps {
  words: Word[];
  doubts: Doubt[];
  /** The migrations with a step that needs or makes the table, counted even under a condition. */
  there: number[];
}

export interface Steps {
  byTable: Map<string, TableSteps>;
  /** Unread SQL: a doubt on every table. */
  unread: Doubt[];
}

// Steps that need the table to be there: a migration running one had the table.
const USES: ReadonlySet<SchemaOpKind> = new Set([
  'add_column',
  'drop_column',
  'rename_column',
  'alter_column_type',
  'set_not_null',
  'drop_not_null',
  'set_default',
  'create_index',
  'add_constraint',
  'validate_constraint',
  'drop_constraint',
  'alter_table',
  'truncate',
  'delete',
  'update',
]);

/**
 * What `op` says of the table `key`: there after it, gone after it, or nothing (ALTER TABLE IF
 * EXISTS needs no table).
 */
function effect(op: SchemaOp, key: string): 'there' | 'gone' | undefined {
  if (renamedToKey(op) === key) return 'there';
  if (op.table === undefined || op.ifExists || tableKey(op) !== key) return undefined;
  if (op.kind === 'drop_table' || op.kind === 'rename_table') return 'gone';
  return op.kind === 'create_table' || op.createdIfMissing || USES.has(op.kind) ? 'there' : undefined;
}

/** Why `op` leaves the table's state in doubt, if it does: SQL not read, or a step run only if something holds. */
function doubt(op: SchemaOp, key: string, file: string): string | undefined {
  if (op.kind === 'unread_sql')
    return `${file} runs SQL Slipway does not read (MIG030), which may make or drop it`;
  if (op.conditional && effect(op, key) !== undefined)
    return `${file} makes, uses or drops it only under a condition of its code, \`${op.label}\``;
  return undefined;
}

/** The tables `op` may say something of: the one it names and the one it renames to. */
function keysOf(op: SchemaOp): string[] {
  const keys: string[] = [];
  const to = renamedToKey(op);
  if (to !== undefined) keys.push(to);
  if (op.table !== undefined) {
    const key = tableKey(op) as string;
    if (key !== to) keys.push(key);
  }
  return keys;
}

export const noSteps = (): Steps => ({ byTable: new Map(), unread: [] });

/** Adds what `op`, at `pos` in the `at`th migration (`file`), says to `steps`. */
export function addStep(steps: Steps, pos: number, at: number, file: string, op: SchemaOp): void {
  if (op.kind === 'unread_sql') {
    steps.unread.push({ pos, at, why: doubt(op, '', file) as string });
    return;
  }
  for (const key of keysOf(op)) {
    const said = effect(op, key);
    if (said === undefined) continue;
    let table = steps.byTable.get(key);
    if (!table) {
      table = { words: [], doubts: [], there: [] };
      steps.byTable.set(key, table);
    }
    if (said === 'there' && table.there.at(-1) !== at) table.there.push(at);
    const why = doubt(op, key, file);
    if (why !== undefined) table.doubts.push({ pos, at, why });
    else table.words.push({ pos, at, said, file, op });
  }
}

/** The steps of `files`, run in this order. */
export function stepsOf(files: readonly { path: string; ops: readonly SchemaOp[] }[]): Steps {
  const steps = noSteps();
  let pos = 0;
  for (const [at, f] of files.entries()) for (const op of f.ops) addStep(steps, ++pos, at, f.path, op);
  return steps;
}

/** The earlier of two doubts, either possibly absent. */
export function earlier(a: Doubt | undefined, b: Doubt | undefined): Doubt | undefined {
  if (a === undefined) return b;
  return b === undefined || a.pos < b.pos ? a : b;
}
