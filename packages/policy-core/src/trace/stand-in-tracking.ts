import type { PlannedStatement } from './plan-types.js';
import { type StandInColumn, standInKey } from './stand-in-type.js';

type Obj = Record<string, unknown>;

/**
 * The columns an `ALTER TABLE … ALTER COLUMN … TYPE` changes, from its parse tree (libpg-query's
 * JSON), keyed as standInKey does; undefined for any other statement.
 */
export function columnTypeChanges(kind: string, node: Obj): string[] | undefined {
  if (kind !== 'AlterTableStmt') return undefined;
  const relation = node.relation as Obj | undefined;
  if (typeof relation?.relname !== 'string') return undefined;
  const table =
    typeof relation.schemaname === 'string' ? `${relation.schemaname}.${relation.relname}` : relation.relname;
  const columns = ((node.cmds as Obj[] | undefined) ?? [])
    .map((c) => c.AlterTableCmd as Obj | undefined)
    .filter((c) => c?.subtype === 'AT_AlterColumnType' && typeof c.name === 'string')
    .map((c) => standInKey(table, c?.name as string));
  return columns.length > 0 ? columns : undefined;
}

/**
 * Follows the stand-in columns through a plan, in the order it runs: a statement that changes
 * the type of a column made with a stand-in changes it from a type Slipway does not know, so it
 * carries that column too; once changed to a type Slipway renders, the column is known again.
 * `known`: the stand-in columns so far, by standInKey, updated in place.
 */
export function carryStandIns(
  statements: PlannedStatement[],
  known: Map<string, StandInColumn>,
): PlannedStatement[] {
  return statements.map((s) => {
    const from = (s.typeChanges ?? []).flatMap((k) => {
      const c = known.get(k);
      return c ? [c] : [];
    });
    for (const k of s.typeChanges ?? []) known.delete(k);
    for (const c of s.standIns ?? []) known.set(standInKey(c.table, c.column), c);
    if (from.length === 0) return s;
    const own = s.standIns ?? [];
    const ownKeys = new Set(own.map((c) => standInKey(c.table, c.column)));
    return { ...s, standIns: [...own, ...from.filter((c) => !ownKeys.has(standInKey(c.table, c.column)))] };
  });
}
