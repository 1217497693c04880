import type { SyntaxNode } from '@lezer/common';
import { propertyValue, str, type WalkCtx } from './js-walk.js';
import type { ConstraintType, StepFacts } from './schema-op.js';

// What Knex's index calls build on PostgreSQL (lib/dialects/postgres/schema/pg-tablecompiler.js),
// for a table builder's `t.index(columns, name?, options?)` / `t.unique(columns, name | options)`
// and for a column's `.index(name?)` / `.unique(...)` / `.primary(...)`, which Knex hands to the
// same table builder methods with the column first (lib/schema/columnbuilder.js).

type Where = { table?: string; schema?: string };

/**
 * Knex's own name for an index it names itself (tablecompiler.js `_indexCommand`): the table as
 * written to alterTable, `.` and `-` made `_`, the columns, the kind, lower-cased. The table name
 * Knex uses there leaves out a withSchema schema but keeps a `s.t` one: with a schema, which of
 * the two was written is not kept here, so no name is given rather than a wrong one.
 */
export function knexIndexName(
  type: 'index' | 'unique',
  where: Where,
  columns: readonly (string | undefined)[],
): string | undefined {
  if (
    where.table === undefined ||
    where.schema !== undefined ||
    columns.length === 0 ||
    columns.some((c) => c === undefined)
  )
    return undefined;
  return `${where.table.replace(/[.-]/g, '_')}_${columns.join('_')}_${type}`.toLowerCase();
}

/** A name argument written (`null` or `undefined` leaves Knex to name it; a value read at run time is no name here). */
function named(n: SyntaxNode | null | undefined, ctx: WalkCtx): n is SyntaxNode {
  return !!n && n.name !== 'null' && ctx.src.slice(n.from, n.to) !== 'undefined';
}

/** `t.index(cols, name?, options?)`: `create index` (unique when `indexType: 'unique'`), never CONCURRENTLY. */
export function indexFacts(
  columns: readonly (string | undefined)[],
  nameArg: SyntaxNode | undefined,
  where: Where,
  ctx: WalkCtx,
): StepFacts {
  const name = named(nameArg, ctx) ? str(nameArg, ctx) : knexIndexName('index', where, columns);
  return {
    kind: 'create_index',
    ...where,
    ...(name ? { index: name } : {}),
    columns: columns.filter((c): c is string => !!c),
  };
}

/** `t.dropIndex(cols, name?)`: `drop index` of the name Knex gave it, so a down undoing an up's index is seen to. */
export function dropIndexFacts(
  columns: readonly (string | undefined)[],
  nameArg: SyntaxNode | undefined,
  where: Where,
  ctx: WalkCtx,
): StepFacts {
  const name = named(nameArg, ctx) ? str(nameArg, ctx) : knexIndexName('index', where, columns);
  return { kind: 'drop_index', ...where, ...(name ? { index: name } : {}) };
}

/**
 * `t.unique(cols, name | { indexName, deferrable, useConstraint, predicate })`: `alter table ...
 * add constraint ... unique`, or `create unique index` when `useConstraint` is false (its default
 * when a predicate is given and no deferrable). Either builds the index under a lock.
 */
export function uniqueFacts(
  columns: readonly (string | undefined)[],
  arg: SyntaxNode | undefined,
  where: Where,
  ctx: WalkCtx,
): StepFacts {
  const option = (key: string) => propertyValue(arg, key, ctx.src);
  const given = arg?.name === 'ObjectExpression' ? option('indexName') : arg;
  const name = named(given, ctx) ? str(given, ctx) : knexIndexName('unique', where, columns);
  const literal = (n: SyntaxNode | null | undefined) => (n ? ctx.src.slice(n.from, n.to) : undefined);
  const useConstraint = option('useConstraint');
  const asIndex =
    arg?.name === 'ObjectExpression' &&
    (useConstraint
      ? literal(useConstraint) === 'false'
      : useConstraint === undefined && !option('deferrable') && option('predicate') !== undefined);
  if (asIndex)
    return {
      kind: 'create_index',
      ...where,
      ...(name ? { index: name } : {}),
      columns: columns.filter((c): c is string => !!c),
    };
  return constraintFacts('unique', where, name);
}

/** `alter table ... add constraint`: a foreign key takes SHARE ROW EXCLUSIVE, the others ACCESS EXCLUSIVE. */
export function constraintFacts(type: ConstraintType, where: Where, name?: string): StepFacts {
  return {
    kind: 'add_constraint',
    ...where,
    constraint: type,
    ...(name ? { constraintName: name } : {}),
    lock: { mode: type === 'foreign_key' ? 'ShareRowExclusiveLock' : 'AccessExclusiveLock' },
  };
}
