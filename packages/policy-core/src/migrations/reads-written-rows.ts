import { asArr, asObj, type Obj } from './sql-node.js';
import type { RowsWritten } from './rows-compared-with-themselves.js';

/** How deep a condition is read; past it, it counts as reading the written rows (no finding). */
const MAX_DEPTH = 64;

/**
 * Whether a DELETE … USING's or an UPDATE … FROM's condition reads the rows it writes: a column
 * of them (unqualified, or qualified by the table's name or alias), a subquery or a function call
 * (which may read them, or differ row by row: `random()`). One that reads only the other tables'
 * columns (`DELETE FROM users USING teams t WHERE t.id IS NOT NULL`) holds for every written row
 * alike: the statement joins each of them with the rows it picks of the others, and writes every
 * one of them as soon as one such row exists.
 */
export function readsWrittenRows(node: unknown, rows: RowsWritten, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((n) => readsWrittenRows(n, rows, depth + 1));
  const o = node as Obj;
  if (o.SubLink !== undefined || o.FuncCall !== undefined) return true;
  const ref = asObj(o.ColumnRef);
  if (ref) {
    const fields = asArr(ref.fields);
    const qualifier = fields.length > 1 ? asObj(asObj(fields.at(-2))?.String)?.sval : undefined;
    return typeof qualifier !== 'string' || rows.names.has(qualifier);
  }
  return Object.values(o).some((v) => readsWrittenRows(v, rows, depth + 1));
}
