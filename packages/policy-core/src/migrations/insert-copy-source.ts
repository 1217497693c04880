import { asArr, asObj, type Obj, relname, relschema } from './sql-node.js';

/**
 * `INSERT INTO t ... SELECT ... FROM src`: src, when the copy provably keeps every row of it: a
 * plain SELECT of exactly one table (no join, no sample, not `FROM ONLY` a parent) with nothing
 * that drops, merges or limits rows. A table swap is exempt from "drops a table" only once its
 * rows are copied (op-rule.ts swappedOut); `WHERE false`, `LIMIT 0`, `DISTINCT` or a filtering
 * WHERE keep the swap's shape and lose the rows, so they are no copy.
 */
export function insertSource(n: Obj): { table: string; schema?: string } | undefined {
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
  return schema === undefined ? { table } : { table, schema };
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
