import type { SyntaxNode } from '@lezer/common';
import { str, type WalkCtx } from './js-walk.js';

// The name of an index or key a Knex table builder makes or drops on PostgreSQL: the one the call
// writes, else the one Knex makes up (lib/schema/tablecompiler.js `_indexCommand`,
// lib/dialects/postgres/schema/pg-tablecompiler.js). A later migration drops it by this name, and
// the rules' messages show it.

/**
 * Where a key is (the table and schema its ops carry) and the table's name as written to
 * alterTable, which Knex's own names are made from: `written` is never part of an op.
 */
export type KeyedTable = { table?: string; schema?: string; written?: string };

/**
 * The columns a key call names (`t.primary('id')`, `t.index(['a', 'b'])`): one, or each element of
 * an array, a name read at run time as undefined (an index name is not made from part of them).
 */
export function keyColumns(a: SyntaxNode | undefined, ctx: WalkCtx): (string | undefined)[] {
  if (a?.name !== 'ArrayExpression') return [str(a, ctx)];
  const items: (string | undefined)[] = [];
  for (let c = a.firstChild; c; c = c.nextSibling)
    if (!['[', ']', ','].includes(c.name) && !c.type.isSkipped) items.push(str(c, ctx));
  return items;
}

/** The table and schema of `t`, for an op (what it was written as is only for naming). */
export function placeOf(t: KeyedTable): { table?: string; schema?: string } {
  return {
    ...(t.table !== undefined ? { table: t.table } : {}),
    ...(t.schema !== undefined ? { schema: t.schema } : {}),
  };
}

/** What Knex names: its `_indexCommand` kinds, and PostgreSQL's primary key. */
export type KnexKeyKind = 'index' | 'unique' | 'foreign' | 'primary';

/**
 * Knex's own name for what it is not told to name, from the table as written to alterTable
 * (`tableNameRaw`, lib/schema/tablecompiler.js): `withSchema('s').alterTable('u')` names from `u`,
 * `alterTable('s.u')` from `s.u`. A primary key is `${table}_pkey` as written (pg-tablecompiler.js
 * `primary`, `dropPrimary`); the others are the table with `.` and `-` made `_`, the columns, the
 * kind, lower-cased (`_indexCommand`). A `s.u` primary key has no name here: Knex writes it
 * `"s"."u_pkey"`, a qualified constraint name PostgreSQL rejects, so the statement fails.
 */
export function knexKeyName(
  kind: KnexKeyKind,
  where: KeyedTable,
  columns: readonly (string | undefined)[],
): string | undefined {
  const table = where.written;
  if (table === undefined) return undefined;
  if (kind === 'primary') return table.includes('.') ? undefined : `${table}_pkey`;
  if (columns.length === 0 || columns.some((c) => c === undefined)) return undefined;
  return `${table.replace(/[.-]/g, '_')}_${columns.join('_')}_${kind}`.toLowerCase();
}

/**
 * The name a call gives (`nameArg`), else Knex's. Knex tests the name for truth, so `null`,
 * `undefined` and `''` leave it to Knex; a value read at run time is no name here.
 */
export function keyName(
  kind: KnexKeyKind,
  nameArg: SyntaxNode | null | undefined,
  where: KeyedTable,
  columns: readonly (string | undefined)[],
  ctx: WalkCtx,
): string | undefined {
  const written =
    nameArg && nameArg.name !== 'null' && ctx.src.slice(nameArg.from, nameArg.to) !== 'undefined';
  if (!written) return knexKeyName(kind, where, columns);
  const name = str(nameArg, ctx);
  return name === '' ? knexKeyName(kind, where, columns) : name;
}

/** The names a chain's `.withKeyName(name)` calls give its foreign key, in order (the last wins). */
export function keyNamesOf(
  modifiers: readonly string[],
  modifierArgs: readonly SyntaxNode[][],
): (SyntaxNode | undefined)[] {
  return modifiers.flatMap((m, i) => (m === 'withKeyName' ? [modifierArgs[i]?.[0]] : []));
}
