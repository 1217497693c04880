import { asArr, asObj, type Obj, relname, relschema } from './sql-node.js';

/**
 * The table a DELETE, UPDATE or MERGE writes, as its condition may name it: `names` for the
 * rows written (the table's name, its alias), `selves` for the same table read again beside it
 * (`USING users u2`, `FROM accounts b`, a MERGE's `USING users s`).
 */
export interface RowsWritten {
  table: string | undefined;
  schema: string | undefined;
  names: ReadonlySet<string>;
  selves: ReadonlySet<string>;
}

/** The rows a statement writes, and the names the same table is read under beside them. */
export function rowsWritten(relation: unknown, others: readonly unknown[]): RowsWritten {
  const table = relname(relation);
  const schema = relschema(relation);
  const alias = asObj(asObj(relation)?.alias)?.aliasname;
  const names = new Set([table, alias].filter((n): n is string => typeof n === 'string'));
  const selves = new Set<string>();
  for (const other of others) {
    const rv = asObj(asObj(other)?.RangeVar);
    if (!rv || rv.relname !== table || relschema(rv) !== schema) continue;
    const as = asObj(rv.alias)?.aliasname;
    selves.add(typeof as === 'string' ? as : (table as string));
  }
  return { table, schema, names, selves };
}

/**
 * A condition that holds for every row (bar a NULL in the column it reads): a row's column
 * compared with itself (`id = id`, `a.id IS NOT DISTINCT FROM a.id`), with the same column of the
 * same table joined on it (`USING users u2 WHERE users.id = u2.id`, `MERGE … USING users s ON
 * u.id = s.id`), `x IS NULL OR x IS NOT NULL`, `id IN (SELECT id FROM users)` and an EXISTS that
 * reads nothing the row decides. Each reads a column, so it passed for a bound, and each, run,
 * emptied the table.
 */
export function holdsForEveryRow(node: unknown, rows: RowsWritten): boolean {
  const o = asObj(node);
  const expr = asObj(o?.A_Expr);
  if (expr) {
    const op = (asObj(asArr(expr.name)[0])?.String as Obj | undefined)?.sval;
    const same = sameColumn(expr.lexpr, expr.rexpr, rows);
    return (
      same &&
      (expr.kind === 'AEXPR_NOT_DISTINCT' || (expr.kind === 'AEXPR_OP' && /^(=|<=|>=)$/.test(String(op))))
    );
  }
  const bool = asObj(o?.BoolExpr);
  if (bool?.boolop === 'OR_EXPR') {
    const tests = asArr(bool.args).map((a) => asObj(asObj(a)?.NullTest));
    return tests.some(
      (a) =>
        a?.nulltesttype === 'IS_NULL' &&
        tests.some((b) => b?.nulltesttype === 'IS_NOT_NULL' && sameColumn(a.arg, b.arg, rows)),
    );
  }
  const link = asObj(o?.SubLink);
  const select = asObj(asObj(link?.subselect)?.SelectStmt);
  if (
    !link ||
    !select ||
    select.whereClause ||
    select.havingClause ||
    select.limitCount ||
    select.groupClause
  )
    return false;
  const from = asArr(select.fromClause);
  if (link.subLinkType === 'EXISTS_SUBLINK') return from.length === 0;
  const only = asObj(asObj(from[0])?.RangeVar);
  if (link.subLinkType !== 'ANY_SUBLINK' || from.length !== 1 || only?.relname !== rows.table) return false;
  if (relschema(only) !== rows.schema) return false;
  const targets = asArr(select.targetList);
  const picked = asObj(asObj(targets[0])?.ResTarget)?.val;
  return (
    targets.length === 1 &&
    columnName(picked) !== undefined &&
    columnName(picked) === columnName(link.testexpr)
  );
}

function fields(node: unknown): string[] | undefined {
  const ref = asObj(asObj(node)?.ColumnRef);
  if (!ref) return undefined;
  const names = asArr(ref.fields).map((f) => (asObj(asObj(f)?.String)?.sval as string | undefined) ?? '*');
  return names.length > 0 ? names : undefined;
}

function columnName(node: unknown): string | undefined {
  return fields(node)?.at(-1);
}

/**
 * Both sides name one column of the rows written: the same words, or the same column of the
 * written table and of the same table read again under another name.
 */
function sameColumn(a: unknown, b: unknown, rows: RowsWritten): boolean {
  const fa = fields(a);
  const fb = fields(b);
  if (!fa || !fb || fa.at(-1) !== fb.at(-1) || fa.at(-1) === '*') return false;
  if (fa.join('.') === fb.join('.')) return true;
  const qa = fa.length > 1 ? fa.at(-2) : undefined;
  const qb = fb.length > 1 ? fb.at(-2) : undefined;
  const written = (q: string | undefined) => q === undefined || rows.names.has(q);
  const again = (q: string | undefined) => q !== undefined && rows.selves.has(q);
  return (written(qa) && (again(qb) || written(qb))) || (again(qa) && written(qb));
}
