import { asArr, asObj, type Obj, relname, relschema } from './sql-node.js';

/** The table a copy reads every row of, and which of its columns it keeps (table-columns.ts). */
export interface CopySource {
  table: string;
  schema?: string;
  /** The table the rows go into (the INSERT's). */
  into?: { table: string; schema?: string };
  /**
   * The source's columns the copy reads, lower-cased (plain, or inside an expression);
   * absent for `*`, which keeps every column: PostgreSQL refuses an INSERT given more values than
   * the target has columns, so a copy of `*` that runs lost none.
   */
  columns?: string[];
  /** The INSERT's own column list, lower-cased; absent without one (every column may be filled). */
  intoColumns?: string[];
}

/**
 * `INSERT INTO t ... SELECT ... FROM src`: src, when the copy provably keeps every row of it: a
 * plain SELECT of exactly one table (no join, no sample, not `FROM ONLY` a parent) with nothing
 * that drops, merges or limits rows. A table swap is exempt from "drops a table" only once its
 * rows are copied (op-rule.ts swappedOut); `WHERE false`, `LIMIT 0`, `DISTINCT` or a filtering
 * WHERE keep the swap's shape and lose the rows, so they are no copy. Which columns it keeps is
 * judged against the table's columns before the migration (MIG043). ON CONFLICT and WITH are
 * no copy either (below).
 */
export function insertSource(n: Obj): CopySource | undefined {
  // ON CONFLICT DO NOTHING (or UPDATE) skips or merges rows; a WITH may name a query after the
  // table (`WITH users AS (SELECT * FROM users LIMIT 0) ... FROM users`) and is no copy either.
  if (n.onConflictClause !== undefined || n.withClause !== undefined) return undefined;
  const select = asObj(asObj(n.selectStmt)?.SelectStmt);
  if (!select || select.withClause !== undefined) return undefined;
  if (ROW_DROPPING_CLAUSES.some((clause) => select[clause] !== undefined)) return undefined;
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
  const intoTable = relname(n.relation);
  const intoSchema = relschema(n.relation);
  const into =
    intoTable === undefined
      ? {}
      : { into: { table: intoTable, ...(intoSchema === undefined ? {} : { schema: intoSchema }) } };
  const named = asArr(n.cols).map((c) => asObj(asObj(c)?.ResTarget)?.name);
  const intoColumns =
    named.length > 0 && named.every((c) => typeof c === 'string')
      ? { intoColumns: named.map((c) => (c as string).toLowerCase()) }
      : {};
  return {
    table,
    ...(schema === undefined ? {} : { schema }),
    ...(columns ? { columns } : {}),
    ...into,
    ...intoColumns,
  };
}

/**
 * The source columns the SELECT reads, or undefined when one target is `*` (every column). A
 * column read inside an expression (`coalesce(name, '')`, a cast, `first || ' ' || last`) goes
 * on into the new table, reshaped: kept. One in no target (a constant in its place) is lost.
 */
function keptColumns(targets: unknown[]): string[] | undefined {
  const out: string[] = [];
  for (const t of targets) {
    const val = asObj(asObj(t)?.ResTarget)?.val;
    const top = asArr(asObj(asObj(val)?.ColumnRef)?.fields);
    if (asObj(top[top.length - 1])?.A_Star) return undefined;
    collectColumns(val, out, 0);
  }
  return out;
}

/** Every column an expression reads (bounded: a target nested past 64 levels reads as none). */
function collectColumns(node: unknown, out: string[], depth: number): void {
  if (depth > 64 || !node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) collectColumns(n, out, depth + 1);
    return;
  }
  const ref = asObj((node as Obj).ColumnRef);
  if (ref) {
    const fields = asArr(ref.fields);
    const name = asObj(asObj(fields[fields.length - 1])?.String)?.sval;
    if (typeof name === 'string') out.push(name.toLowerCase());
    return;
  }
  for (const v of Object.values(node as Obj)) collectColumns(v, out, depth + 1);
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
