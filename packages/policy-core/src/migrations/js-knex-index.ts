import type { SyntaxNode } from '@lezer/common';
import { type KeyedTable, keyName, placeOf } from './js-knex-key-names.js';
import { propertyValue, type WalkCtx } from './js-walk.js';
import type { ConstraintType, StepFacts } from './schema-op.js';

// What Knex's index and key calls build on PostgreSQL (lib/dialects/postgres/schema/pg-tablecompiler.js),
// for a table builder's `t.index(columns, name?, options?)` / `t.unique(columns, name | options)` /
// `t.primary(...)` / `t.foreign(...)` and their drops, and for a column's `.index(name?)` /
// `.unique(...)` / `.primary(...)` / `.references(...)`, which Knex hands to the same table builder
// methods with the column first (lib/schema/columnbuilder.js); each named as js-knex-key-names.ts says.

type Columns = readonly (string | undefined)[];

/** `t.index(cols, name?, options?)`: `create index` (unique when `indexType: 'unique'`), never CONCURRENTLY. */
export function indexFacts(
  columns: Columns,
  nameArg: SyntaxNode | undefined,
  where: KeyedTable,
  ctx: WalkCtx,
): StepFacts {
  const name = keyName('index', nameArg, where, columns, ctx);
  return {
    kind: 'create_index',
    ...placeOf(where),
    ...(name ? { index: name } : {}),
    columns: columns.filter((c): c is string => !!c),
  };
}

/** `t.dropIndex(cols, name?)`: `drop index` of the name Knex gave it, so a down undoing an up's index is seen to. */
export function dropIndexFacts(
  columns: Columns,
  nameArg: SyntaxNode | undefined,
  where: KeyedTable,
  ctx: WalkCtx,
): StepFacts {
  const name = keyName('index', nameArg, where, columns, ctx);
  return { kind: 'drop_index', ...placeOf(where), ...(name ? { index: name } : {}) };
}

/**
 * `t.unique(cols, name | { indexName, deferrable, useConstraint, predicate })`: `alter table ...
 * add constraint ... unique`, or `create unique index` when `useConstraint` is false (its default
 * when a predicate is given and no deferrable). Either builds the index under a lock.
 */
export function uniqueFacts(
  columns: Columns,
  arg: SyntaxNode | undefined,
  where: KeyedTable,
  ctx: WalkCtx,
): StepFacts {
  const option = (key: string) => propertyValue(arg, key, ctx.src);
  const given = arg?.name === 'ObjectExpression' ? option('indexName') : arg;
  const name = keyName('unique', given, where, columns, ctx);
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
      ...placeOf(where),
      ...(name ? { index: name } : {}),
      columns: columns.filter((c): c is string => !!c),
    };
  return constraintFacts('unique', where, name);
}

/** `t.primary(cols, name | { constraintName, deferrable })`: `alter table ... add constraint ... primary key`. */
export function primaryFacts(
  columns: Columns,
  arg: SyntaxNode | undefined,
  where: KeyedTable,
  ctx: WalkCtx,
): StepFacts {
  const given = arg?.name === 'ObjectExpression' ? propertyValue(arg, 'constraintName', ctx.src) : arg;
  return constraintFacts('primary_key', where, keyName('primary', given, where, columns, ctx));
}

/**
 * `t.foreign(cols, keyName?)` and a column's `.references()`: `alter table ... add constraint ...
 * foreign key`, named by `keyName`, or by the chain's last `.withKeyName(name)`, which replaces it
 * (lib/schema/tablebuilder.js `foreign`).
 */
export function foreignFacts(
  columns: Columns,
  keyNameArgs: readonly (SyntaxNode | undefined)[],
  where: KeyedTable,
  ctx: WalkCtx,
): StepFacts {
  // Each sets the one keyName Knex keeps, an empty `.withKeyName()` too.
  const given = keyNameArgs.at(-1);
  return constraintFacts('foreign_key', where, keyName('foreign', given, where, columns, ctx));
}

/**
 * `t.dropUnique(cols, name?)`, `t.dropForeign(cols, name?)`, `t.dropPrimary(name?)`: `alter table
 * ... drop constraint` of the name Knex gave it.
 */
export function dropKeyFacts(
  kind: 'unique' | 'foreign' | 'primary',
  columns: Columns,
  nameArg: SyntaxNode | undefined,
  where: KeyedTable,
  ctx: WalkCtx,
): StepFacts {
  const name = keyName(kind, nameArg, where, columns, ctx);
  return {
    kind: 'drop_constraint',
    ...placeOf(where),
    ...(name ? { constraintName: name } : {}),
    lock: { mode: 'AccessExclusiveLock' },
  };
}

/** `alter table ... add constraint`: a foreign key takes SHARE ROW EXCLUSIVE, the others ACCESS EXCLUSIVE. */
export function constraintFacts(type: ConstraintType, where: KeyedTable, name?: string): StepFacts {
  return {
    kind: 'add_constraint',
    ...placeOf(where),
    constraint: type,
    ...(name ? { constraintName: name } : {}),
    lock: { mode: type === 'foreign_key' ? 'ShareRowExclusiveLock' : 'AccessExclusiveLock' },
  };
}
