import { asArr, asObj, type Obj } from './sql-node.js';
import type { RowsWritten } from './rows-compared-with-themselves.js';

/** A literal `true`, as the parser writes one. */
const TRUE = { A_Const: { boolval: { boolval: true } } };

/**
 * The columns a DELETE's or UPDATE's condition bounds its rows by only through `col IS NOT NULL`:
 * read with each such test of a written row's column taken as true (its AND and OR arms, not under
 * a NOT, bar `NOT (col IS NULL)`, or inside an expression), `bounded` says the condition picks no row. A column the schema
 * makes NOT NULL (a primary key) then lets every row through (`DELETE FROM users WHERE id IS NOT
 * NULL`), which only the series' history can say (not-null-columns.ts); one that may hold NULLs
 * is a bound. Undefined when the condition has no such test, or bounds rows without them.
 */
export function notNullBound(
  where: unknown,
  rows: RowsWritten,
  bounded: (where: unknown) => boolean,
): string[] | undefined {
  const columns: string[] = [];
  const assumed = assumeNotNull(where, rows, columns);
  if (columns.length === 0 || bounded(assumed)) return undefined;
  return [...new Set(columns)];
}

function assumeNotNull(node: unknown, rows: RowsWritten, columns: string[]): unknown {
  const o = asObj(node);
  const bool = asObj(o?.BoolExpr);
  if (bool && (bool.boolop === 'AND_EXPR' || bool.boolop === 'OR_EXPR'))
    return { BoolExpr: { ...bool, args: asArr(bool.args).map((a) => assumeNotNull(a, rows, columns)) } };
  // `NOT (col IS NULL)` is `col IS NOT NULL` spelled another way.
  const negated = bool?.boolop === 'NOT_EXPR' ? asObj(asObj(asArr(bool.args)[0])?.NullTest) : undefined;
  const test = negated?.nulltesttype === 'IS_NULL' ? negated : asObj(o?.NullTest);
  const holds = test === negated ? 'IS_NULL' : 'IS_NOT_NULL';
  const column = test?.nulltesttype === holds ? writtenColumn(test?.arg, rows) : undefined;
  if (column === undefined) return node;
  columns.push(column);
  return TRUE;
}

/** `col` or `t.col` where `t` names the written rows (not a table read beside them): lower-cased. */
function writtenColumn(node: unknown, rows: RowsWritten): string | undefined {
  const ref = asObj(asObj(node)?.ColumnRef);
  const names = asArr(ref?.fields).map((f) => (asObj(asObj(f)?.String) as Obj | undefined)?.sval);
  if (names.length === 0 || names.length > 2 || names.some((n) => typeof n !== 'string')) return undefined;
  if (names.length === 2 && !rows.names.has(names[0] as string)) return undefined;
  return (names.at(-1) as string).toLowerCase();
}
