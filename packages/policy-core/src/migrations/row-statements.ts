import type { SchemaOp, SchemaOpKind } from './schema-op.js';
import { asArr, asObj, type Obj, relname } from './sql-node.js';
import { setColumns } from './sql-statement-details.js';
import { notNullBound } from './not-null-bound.js';
import { readsWrittenRows } from './reads-written-rows.js';
import { holdsForEveryRow, type RowsWritten, rowsWritten } from './rows-compared-with-themselves.js';

type Make = (kind: SchemaOpKind, extra?: Partial<SchemaOp>) => SchemaOp;

/**
 * DELETE and UPDATE as the op MIG006 judges. A WHERE that reads no row (`WHERE true`,
 * `WHERE 1 = 1`, `WHERE id = 1 OR true`) bounds nothing: every row goes.
 */
export function deleteOrUpdateOp(kind: 'DeleteStmt' | 'UpdateStmt', n: Obj, make: Make): SchemaOp {
  const table = relname(n.relation);
  // The tables beside the target (USING, FROM): a self-join on the same rows bounds nothing.
  const rows = rowsWritten(n.relation, asArr(kind === 'DeleteStmt' ? n.usingClause : n.fromClause));
  // A condition that reads only the tables beside the target picks all of its rows or none.
  const others = asArr(kind === 'DeleteStmt' ? n.usingClause : n.fromClause).length > 0;
  const hasWhere = boundsRows(n.whereClause, rows) && (!others || readsWrittenRows(n.whereClause, rows));
  // Bounded only by `col IS NOT NULL`: whether that bounds anything is the schema's to say.
  const onlyNotNull = hasWhere ? notNullBound(n.whereClause, rows, (w) => boundsRows(w, rows)) : undefined;
  const bound = onlyNotNull ? { notNullBound: onlyNotNull } : {};
  if (kind === 'DeleteStmt') return make('delete', { table, hasWhere, ...bound });
  return make('update', { table, hasWhere, ...bound, columns: setColumns(asArr(n.targetList)) });
}

/**
 * A MERGE's deletes and updates, as MIG006 judges them: each removes or rewrites what its join
 * matches (`ON true`: every row), and WHEN NOT MATCHED BY SOURCE every row the source lacks.
 * Undefined when it only inserts (an `other` op, as before).
 */
export function mergeRowOps(n: Obj, make: Make): SchemaOp[] | undefined {
  const table = relname(n.relation);
  const rows = rowsWritten(n.relation, [n.sourceRelation]);
  const ops: SchemaOp[] = [];
  for (const c of asArr(n.mergeWhenClauses)) {
    const clause = asObj(asObj(c)?.MergeWhenClause);
    const command = clause?.commandType;
    if (command !== 'CMD_DELETE' && command !== 'CMD_UPDATE') continue;
    // PostgreSQL 15/16 write `matched: true`; 17 `matchKind` (and adds NOT MATCHED BY SOURCE).
    const bySource = clause?.matchKind === 'MERGE_WHEN_NOT_MATCHED_BY_SOURCE';
    const bounded = boundsRows(clause?.condition, rows) || (!bySource && boundsRows(n.joinCondition, rows));
    ops.push(
      command === 'CMD_DELETE'
        ? make('delete', { table, hasWhere: bounded })
        : make('update', { table, hasWhere: bounded, columns: setColumns(asArr(clause?.targetList)) }),
    );
  }
  return ops.length > 0 ? ops : undefined;
}

/** How deep a condition is read; past it, the condition counts as bounding (no finding). */
const MAX_DEPTH = 64;

/**
 * Whether a condition picks rows: it reads a column, a subquery or a function's result, holds not
 * for every row alike (holdsForEveryRow: `id = id`), an AND has an arm that picks, and an OR no
 * arm that lets every row through (a constant that holds, `id = id`).
 */
function boundsRows(where: unknown, rows: RowsWritten, depth = 0): boolean {
  if (where === undefined) return false;
  if (depth > MAX_DEPTH) return true;
  if (holdsForEveryRow(where, rows)) return false;
  const bool = asObj(asObj(where)?.BoolExpr);
  if (bool?.boolop === 'AND_EXPR') return asArr(bool.args).some((arm) => boundsRows(arm, rows, depth + 1));
  if (
    bool?.boolop === 'OR_EXPR' &&
    asArr(bool.args).some((arm) => !isFalse(arm) && !boundsRows(arm, rows, depth + 1))
  )
    return false;
  return readsRows(where, 0);
}

function readsRows(node: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return true;
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((n) => readsRows(n, depth + 1));
  const o = node as Obj;
  if (o.ColumnRef !== undefined || o.SubLink !== undefined || o.FuncCall !== undefined) return true;
  return Object.values(o).some((v) => readsRows(v, depth + 1));
}

/** A literal `false` (the parser writes its boolval empty). */
function isFalse(node: unknown): boolean {
  const value = asObj(asObj(node)?.A_Const)?.boolval;
  return value !== undefined && asObj(value)?.boolval !== true;
}
