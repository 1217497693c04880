import type { SyntaxNode } from '@lezer/common';
import { foreignFacts, indexFacts, primaryFacts, uniqueFacts } from './js-knex-index.js';
import { type KeyedTable, keyNamesOf, placeOf } from './js-knex-key-names.js';
import { NULL_AND_DEFAULT_MODIFIERS, nullAndDefault } from './js-knex-modifiers.js';
import { pushOp, pushUnfollowed, type WalkCtx } from './js-walk.js';
import type { ConstraintType, StepFacts } from './schema-op.js';

// A column chain of an alterTable builder (`t.integer('x').unsigned().index().references('id')`)
// as steps: the column added or altered, then what its modifiers build. Knex turns a column's
// `.index()`, `.unique()` and `.primary()` into the table builder's own `index`/`unique`/`primary`
// calls with the column first, and `.references()` into its `foreign` (lib/schema/columnbuilder.js),
// each its own statement after the column's: an index built on an existing table, under its lock.

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
  'checkPositive',
  'checkNegative',
  'checkIn',
  'checkNotIn',
  'checkBetween',
  'checkLength',
  'checkRegex',
  'useNative',
  'enumName',
  'existingType',
  'schemaName',
  'storageEngineIndexType',
]);

/** Modifiers read below, each for what it builds. */
const READ = new Set([...NULL_AND_DEFAULT_MODIFIERS, 'alter', 'index', 'unique', 'primary', 'references']);

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
  const argsOf = (m: string) => modifierArgs[modifiers.indexOf(m)] ?? [];
  const increments = method === 'increments' || method === 'bigIncrements';
  const stated = nullAndDefault(modifiers, modifierArgs, ctx.src);
  // Read as nullable (Knex's `null` unless the value is `false`), and said: it may be NOT NULL.
  if (stated.unknownNullable)
    pushUnfollowed(
      ctx,
      end,
      "a column's .nullable() given a value known only at run time (Knex makes the column NOT NULL when it is `false`)",
    );
  const notNull = stated.notNull || increments || modifiers.includes('primary');
  // Knex skips a column's index/unique/primary on an increments column: it is the primary key already.
  const has = (m: string) => modifiers.includes(m) && !increments;
  const unique = has('unique') ? uniqueFacts([column], argsOf('unique')[0], where, ctx) : undefined;
  // What the column's modifiers build after it, each its own statement.
  const after: StepFacts[] = [];
  if (has('index')) after.push(indexFacts([column], argsOf('index')[0], where, ctx));
  if (modifiers.includes('alter')) {
    pushOp(ctx, end, { kind: 'alter_column_type', ...col });
    if (notNull) pushOp(ctx, end, { kind: 'set_not_null', ...col });
    // An altered column has no ADD COLUMN to carry its constraints: each is its own ALTER TABLE.
    if (unique) after.unshift(unique);
    if (has('primary')) after.unshift(primaryFacts([column], argsOf('primary')[0], where, ctx));
    if (modifiers.includes('references'))
      after.push(foreignFacts([column], keyNamesOf(modifiers, modifierArgs), where, ctx));
    for (const facts of after) pushOp(ctx, end, facts);
    return;
  }
  const defaultArg = stated.defaultArg;
  const hasDefault = (defaultArg !== undefined && defaultArg.name !== 'null') || increments;
  // A unique index Knex makes without a constraint (`useConstraint: false`) is an index, not a
  // constraint of the column.
  if (unique?.kind === 'create_index') after.unshift(unique);
  const columnConstraints: ConstraintType[] = [
    ...(unique?.kind === 'add_constraint' ? (['unique'] as const) : []),
    ...(modifiers.includes('primary') || method.endsWith('ncrements') ? (['primary_key'] as const) : []),
    ...(modifiers.includes('references') ? (['foreign_key'] as const) : []),
  ];
  pushOp(ctx, end, {
    kind: 'add_column',
    ...col,
    ...(notNull ? { notNull: true } : {}),
    ...(hasDefault ? { hasDefault: true } : {}),
    ...(method.endsWith('ncrements') ? { sequenceFilled: true } : {}),
    ...(columnConstraints.length ? { columnConstraints } : {}),
  });
  for (const facts of after) pushOp(ctx, end, facts);
}
