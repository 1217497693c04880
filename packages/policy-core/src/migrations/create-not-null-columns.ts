import { asArr, asObj, type Obj } from './sql-node.js';

/** PostgreSQL's serial types: an integer NOT NULL with a sequence (the docs' "Serial Types"). */
const SERIAL = new Set(['serial', 'bigserial', 'smallserial', 'serial2', 'serial4', 'serial8']);

/** A type name (any case) PostgreSQL makes NOT NULL by itself: a serial type. */
export function isSerialType(name: string): boolean {
  return SERIAL.has(name.toLowerCase());
}

/**
 * `CREATE TABLE t (...)`: the columns it makes NOT NULL, lower-cased: those written NOT NULL or
 * PRIMARY KEY, a serial or an identity column (PostgreSQL makes both NOT NULL), and those of a
 * table-level `PRIMARY KEY (a, b)`. What MIG006 reads a later
 * `WHERE col IS NOT NULL` by (not-null-columns.ts).
 */
export function createdNotNullColumns(n: Obj): string[] {
  const out: string[] = [];
  const isNotNull = (c: unknown) => {
    const type = asObj(asObj(c)?.Constraint)?.contype;
    return type === 'CONSTR_NOTNULL' || type === 'CONSTR_PRIMARY' || type === 'CONSTR_IDENTITY';
  };
  const isSerial = (def: Obj) => {
    const names = asArr(asObj(def.typeName)?.names);
    const last = asObj(asObj(names[names.length - 1])?.String)?.sval;
    return names.length === 1 && typeof last === 'string' && isSerialType(last);
  };
  for (const e of asArr(n.tableElts)) {
    const el = asObj(e);
    const def = asObj(el?.ColumnDef);
    if (typeof def?.colname === 'string' && (asArr(def.constraints).some(isNotNull) || isSerial(def)))
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
