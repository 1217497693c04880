import type { SyntaxNode } from '@lezer/common';
import { str, type WalkCtx } from './js-walk.js';

// The name of an index or key a Knex table builder makes or drops on PostgreSQL: the one the call
// writes, else the one Knex makes up (lib/schema/tablecompiler.js `_indexCommand`,
// lib/dialects/postgres/schema/pg-tablecompiler.js). A later migration drops it by this name, and
// the rules' messages show it.

type Where = { table?: string; schema?: string };

/** What Knex names: its `_indexCommand` kinds, and PostgreSQL's primary key. */
export type KnexKeyKind = 'index' | 'unique' | 'foreign' | 'primary';

/**
 * Knex's own name for what it is not told to name, from the table as written to alterTable
 * (`tableNameRaw`). A primary key is `${table}_pkey` as written (pg-tablecompiler.js `primary`,
 * `dropPrimary`); the others are the table with `.` and `-` made `_`, the columns, the kind,
 * lower-cased (`_indexCommand`). That table name leaves out a withSchema schema but keeps a `s.t`
 * one: with a schema, which of the two was written is not kept here, so no name is given rather
 * than a wrong one.
 */
export function knexKeyName(
  kind: KnexKeyKind,
  where: Where,
  columns: readonly (string | undefined)[],
): string | undefined {
  if (where.table === undefined || where.schema !== undefined) return undefined;
  if (kind === 'primary') return `${where.table}_pkey`;
  if (columns.length === 0 || columns.some((c) => c === undefined)) return undefined;
  return `${where.table.replace(/[.-]/g, '_')}_${columns.join('_')}_${kind}`.toLowerCase();
}

/**
 * The name a call gives (`nameArg`), else Knex's. Knex tests the name for truth, so `null`,
 * `undefined` and `''` leave it to Knex; a value read at run time is no name here.
 */
export function keyName(
  kind: KnexKeyKind,
  nameArg: SyntaxNode | null | undefined,
  where: Where,
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
