import { asArr, asObj, type Obj } from './sql-node.js';

/**
 * `CREATE TABLE t (...)`: the columns it makes NOT NULL, lower-cased: those written NOT NULL or
 * PRIMARY KEY, and those of a table-level `PRIMARY KEY (a, b)`. What MIG006 reads a later
 * `WHERE col IS NOT NULL` by (not-null-columns.ts).
 */
export function createdNotNullColumns(n: Obj): string[] {
  const out: string[] = [];
  const isNotNull = (c: unknown) => {
    const type = asObj(asObj(c)?.Constraint)?.contype;
    return type === 'CONSTR_NOTNULL' || type === 'CONSTR_PRIMARY';
  };
  for (const e of asArr(n.tableElts)) {
    const el = asObj(e);
    const def = asObj(el?.ColumnDef);
    if (typeof def?.colname === 'string' && asArr(def.constraints).some(isNotNull))
      out.push(def.colname.toLowerCase());
    const table = asObj(el?.Constraint);
    if (table?.contype === 'CONSTR_PRIMARY')
      for (const k of asArr(table.keys)) {
        const name = asObj(asObj(k)?.String)?.sval;
        if (typeof name === 'string') out.push(name.toLowerCase());
      }
  }
  return out;
}
