import type { SyntaxNode } from '@lezer/common';
import { alteredColumn } from './js-knex-alter.js';
import { alteredColumnChecks, COLUMN_CHECKS } from './js-knex-checks.js';
import { foreignFacts, indexFacts, primaryFacts, uniqueFacts } from './js-knex-index.js';
import { type KeyedTable, keyNamesOf, placeOf } from './js-knex-key-names.js';
import { NULL_AND_DEFAULT_MODIFIERS, nullAndDefault } from './js-knex-modifiers.js';
import { pushOp, pushUnfollowed, type WalkCtx } from './js-walk.js';
import type { ConstraintType, StepFacts } from './schema-op.js';

// A column chain of an alterTable builder (`t.integer('x').unsigned().index().references('id')`)
// as steps: the column added or altered, then what its modifiers build. Knex turns a column's
// `.index()`, `.unique()` and `.primary()` into the table builder's own `index`/`unique`/`primary`
// calls with the column first, and `.references()` into its `foreign` (lib/schema/columnbuilder.js),
// each its own statement after the column's (lib/schema/tablecompiler.js), in the chain's order:
// an index or a key built on an existing table, under its lock.

/** Modifiers of a column chain that change nothing these rules judge. */
const MODIFIERS = new Set([
  'comment',
  'collate',
  'after',
  'first',
  'unsigned',
  'onDelete',
  'onUpdate',
  'inTable',
  'withKeyName',
  'deferrable',
  'useNative',
  'enumName',
  'existingType',
  'schemaName',
  'storageEngineIndexType',
]);

/** Modifiers read below, each for what it builds. */
const READ = new Set([
  ...NULL_AND_DEFAULT_MODIFIERS,
  ...COLUMN_CHECKS.keys(),
  'alter',
  'index',
  'unique',
  'primary',
  'references',
]);

/** `t.<type>(column, ...)` with its modifiers, in an alterTable builder. */
export function columnChain(
  method: string,
  column: string | undefined,
  modifiers: string[],
  modifierArgs: SyntaxNode[][],
  where: KeyedTable,
  end: SyntaxNode,
  ctx: WalkCtx,
): void {
  const col = { ...placeOf(where), ...(column ? { column } : {}) };
  const unknown = modifiers.find((m) => !MODIFIERS.has(m) && !READ.has(m));
  if (unknown) pushUnfollowed(ctx, end, `.${unknown}() on a column, which Slipway does not map`);
  const increments = method === 'increments' || method === 'bigIncrements';
  const stated = nullAndDefault(modifiers, modifierArgs, ctx.src);
  // Read as nullable (Knex's `null` unless the value is `false`), and said: it may be NOT NULL.
  if (stated.unknownNullable)
    pushUnfollowed(
      ctx,
      end,
      "a column's .nullable() given a value known only at run time (Knex makes the column NOT NULL when it is `false`)",
    );
  // A primary key makes its column NOT NULL: on a new column of a table with rows, the key's
  // ALTER TABLE fails as an ADD COLUMN ... NOT NULL without a default would.
  const notNull = stated.notNull || increments || modifiers.includes('primary');
  // Knex writes no check of an increments column (`serial primary key`, nothing more).
  const checked = !increments && modifiers.some((m) => COLUMN_CHECKS.has(m));
  if (modifiers.includes('alter')) {
    for (const facts of alteredColumn(
      col,
      notNull,
      modifierArgs[modifiers.lastIndexOf('alter')]?.[0],
      end,
      ctx,
    ))
      pushOp(ctx, end, facts);
    // No ADD COLUMN to hold them: each check is its own ADD CONSTRAINT, before the keys.
    if (checked)
      for (const facts of alteredColumnChecks(column, modifiers, modifierArgs, where, ctx))
        pushOp(ctx, end, facts);
  } else {
    const defaultArg = stated.defaultArg;
    const hasDefault = (defaultArg !== undefined && defaultArg.name !== 'null') || increments;
    pushOp(ctx, end, {
      kind: 'add_column',
      ...col,
      ...(notNull ? { notNull: true } : {}),
      ...(hasDefault ? { hasDefault: true } : {}),
      // The one key written on the column itself: `serial primary key` (pg-columncompiler.js).
      ...(increments ? { sequenceFilled: true, columnConstraints: ['primary_key'] as ConstraintType[] } : {}),
      // Its checks are written on the column itself, in its ADD COLUMN.
      ...(checked ? { columnConstraints: ['check'] as ConstraintType[] } : {}),
    });
  }
  for (const facts of keysOf(column, increments, modifiers, modifierArgs, where, ctx))
    pushOp(ctx, end, facts);
}

/**
 * What a column's `.index()`, `.unique()`, `.primary()` and `.references()` build, in the chain's
 * order, each the statement Knex makes of it after the ADD COLUMN (or the ALTER COLUMN of
 * `.alter()`), named as the table builder's own call would be (js-knex-key-names.ts): a later
 * `dropUnique(['email'])` or `dropForeign('org_id')` drops it by that name.
 */
function keysOf(
  column: string | undefined,
  increments: boolean,
  modifiers: readonly string[],
  modifierArgs: readonly SyntaxNode[][],
  where: KeyedTable,
  ctx: WalkCtx,
): StepFacts[] {
  const keys: StepFacts[] = [];
  modifiers.forEach((m, i) => {
    const arg = modifierArgs[i]?.[0];
    // Knex skips a column's index/unique/primary on an increments column: it is the primary key already.
    if (m === 'references')
      keys.push(foreignFacts([column], keyNamesOf(modifiers, modifierArgs), where, ctx));
    else if (increments) return;
    else if (m === 'index') keys.push(indexFacts([column], arg, where, ctx));
    else if (m === 'unique') keys.push(uniqueFacts([column], arg, where, ctx));
    else if (m === 'primary') keys.push(primaryFacts([column], arg, where, ctx));
  });
  return keys;
}
