/**
 * Reading libpg-query's parse tree (`{ KindName: { ...fields } }`, plain JSON): objects, lists
 * and the names a RangeVar or a qualified name list holds.
 */
export type Obj = Record<string, unknown>;

export const asObj = (v: unknown): Obj | undefined => (v && typeof v === 'object' ? (v as Obj) : undefined);
export const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** `{ "String": { "sval": "x" } }` lists → last name ("public.users" → "users"). */
export function lastName(items: unknown[]): string | undefined {
  const last = asObj(items[items.length - 1]);
  const sval = asObj(last?.String)?.sval;
  return typeof sval === 'string' ? sval : undefined;
}

/** `s.users` → "s"; undefined for an unqualified name (the search path). */
export function relschema(v: unknown): string | undefined {
  const rel = asObj(v);
  const name = rel?.schemaname ?? asObj(rel?.RangeVar)?.schemaname;
  return typeof name === 'string' ? name : undefined;
}

/** The schema in a qualified name list (`["s", "users"]` → "s"). */
export function listSchema(items: unknown[]): string | undefined {
  return items.length >= 2 ? lastName(items.slice(0, -1)) : undefined;
}

export function relname(v: unknown): string | undefined {
  const rel = asObj(v);
  const name = rel?.relname ?? asObj(rel?.RangeVar)?.relname;
  return typeof name === 'string' ? name : undefined;
}
