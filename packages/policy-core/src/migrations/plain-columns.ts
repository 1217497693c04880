import { asArr, asObj, type Obj } from './sql-node.js';
import { sqlTypeName } from './sql-type-name.js';

// The columns a fix may copy into a new one (the expand/contract fix of a rename): those with
// nothing attached that the new column would lack.

/** A column with nothing attached: no constraint, default, collation, identity or generated value. */
function plainColumn(def: Obj | undefined): boolean {
  return (
    !!def &&
    asArr(def.constraints).length === 0 &&
    def.collClause === undefined &&
    !def.identity &&
    !def.generated
  );
}

/**
 * CREATE TABLE's plain columns (plainColumn, and named by no table constraint) and their types,
 * where the type can be written back (sql-type-name.ts): what a fix may copy into a new column.
 * None for a partitioned, inherited or typed table, or one whose CHECK may name any column.
 */
export function columnTypesOf(n: Obj): [string, string][] | undefined {
  if (n.partspec !== undefined || asArr(n.inhRelations).length > 0 || n.ofTypename !== undefined)
    return undefined;
  const keyed = new Set<string>();
  for (const e of asArr(n.tableElts)) {
    const c = asObj(asObj(e)?.Constraint);
    if (!c) continue;
    const keys = [...asArr(c.keys), ...asArr(c.fk_attrs), ...asArr(c.including)];
    if (keys.length === 0) return undefined;
    for (const k of keys) keyed.add(String(asObj(asObj(k)?.String)?.sval));
  }
  const out: [string, string][] = [];
  for (const e of asArr(n.tableElts)) {
    const def = asObj(asObj(e)?.ColumnDef);
    const type = plainColumnType(def);
    if (typeof def?.colname === 'string' && type && !keyed.has(def.colname)) out.push([def.colname, type]);
  }
  return out;
}

/** A ColumnDef's type, written back, when the column is plain. */
export function plainColumnType(def: Obj | undefined): string | undefined {
  return plainColumn(def) ? sqlTypeName(asObj(def?.typeName)) : undefined;
}

/**
 * Every column of a CREATE TABLE with its type as written (sqlTypeName), whatever is attached to
 * it: what a later ALTER COLUMN TYPE changes it from (types-in-place.ts). A column whose type is
 * not written back (a serial, `%TYPE`) is left out.
 */
export function everyColumnTypeOf(n: Obj): [string, string][] {
  const out: [string, string][] = [];
  for (const e of asArr(n.tableElts)) {
    const def = asObj(asObj(e)?.ColumnDef);
    const type = sqlTypeName(asObj(def?.typeName));
    if (typeof def?.colname === 'string' && type) out.push([def.colname, type]);
  }
  return out;
}
