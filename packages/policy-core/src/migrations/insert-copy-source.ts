import { asArr, asObj, type Obj, relname, relschema } from './sql-node.js';

/** The table a copy reads every row of, and which of its columns it keeps (table-columns.ts). */
export interface CopySource {
  table: string;
  schema?: string;
  /**
   * The source's columns the copy names, lower-cased (a plain column, or one cast to a type);
   * absent for `*`, which keeps every column: PostgreSQL refuses an INSERT given more values than
   * the target has columns, so a copy of `*` that runs lost none.
   */
  columns?: string[];
}

/**
 * `INSERT INTO t ... SELECT ... FROM src`: src, when the copy provably keeps every row of it: a
 * plain SELECT of exactly one table (no join, no sample, not `FROM ONLY` a parent) with nothing
 * that drops, merges or limits rows. A table swap is exempt from "drops a table" only once its
 * rows are copied (op-rule.ts swappedOut); `WHERE false`, `LIMIT 0`, `DISTINCT` or a filtering
 * WHERE keep the swap's shape and lose the rows, so they are no copy. Which columns it keeps is
 * judged against the table's columns before the migration (MIG043).
 */
export function insertSource(n: Obj): CopySource | undefined {
  const select = asObj(asObj(n.selectStmt)?.SelectStmt);
  if (!select || ROW_DROPPING_CLAUSES.some((clause) => select[clause] !== undefined)) return undefined;
  if (select.op !== undefined && select.op !== 'SETOP_NONE') return undefined;
  const from = asArr(select.fromClause);
  if (from.length !== 1) return undefined;
  const range = asObj(asObj(from[0])?.RangeVar);
  // `inh` is left out of the parse tree when false (`FROM ONLY src`: not the rows of its children).
  if (range === undefined || range.inh !== true) return undefined;
  const table = relname(from[0]);
  if (table === undefined) return undefined;
  const schema = relschema(from[0]);
  const columns = keptColumns(asArr(select.targetList));
  return { table, ...(schema === undefined ? {} : { schema }), ...(columns ? { columns } : {}) };
}

/** The SELECT's plain columns (cast or not), or undefined when one target is `*` (every column). */
function keptColumns(targets: unknown[]): string[] | undefined {
  const out: string[] = [];
  for (const t of targets) {
    let val = asObj(asObj(asObj(t)?.ResTarget)?.val);
    const cast = asObj(val?.TypeCast);
    if (cast) val = asObj(cast.arg);
    const fields = asArr(asObj(val?.ColumnRef)?.fields);
    const last = asObj(fields[fields.length - 1]);
    if (last?.A_Star) return undefined;
    const name = asObj(last?.String)?.sval;
    // An expression (`lower(email)`, a constant) keeps no column as it was.
    if (typeof name === 'string') out.push(name.toLowerCase());
  }
  return out;
}

/**
 * `CREATE TABLE t (a ..., b ...)`: the columns it makes, lower-cased; undefined when some come
 * from elsewhere (`LIKE other`, `INHERITS`, `PARTITION OF`), which Slipway does not follow.
 */
export function madeColumns(n: Obj): string[] | undefined {
  if (asArr(n.inhRelations).length > 0 || n.partbound !== undefined || n.ofTypename !== undefined)
    return undefined;
  const out: string[] = [];
  for (const e of asArr(n.tableElts)) {
    const el = asObj(e);
    if (el?.TableLikeClause) return undefined;
    const name = asObj(el?.ColumnDef)?.colname;
    if (typeof name === 'string') out.push(name.toLowerCase());
  }
  return out;
}

/** The clauses of a SELECT that can leave rows of its table out of its result. */
const ROW_DROPPING_CLAUSES = [
  'whereClause',
  'groupClause',
  'havingClause',
  'distinctClause',
  'limitCount',
  'limitOffset',
  'valuesLists',
] as const;
