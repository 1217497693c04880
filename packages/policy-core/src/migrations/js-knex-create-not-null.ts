import type { SyntaxNode } from '@lezer/common';
import { keyColumns } from './js-knex-key-names.js';
import { nullAndDefault } from './js-knex-modifiers.js';
import type { SchemaOp } from './schema-op.js';
import { str, type WalkCtx } from './js-walk.js';

/**
 * A column `createTable`'s builder makes NOT NULL, added to the create_table op before it
 * (SchemaOp.notNullColumns: what MIG006 reads a later `whereNotNull('col')` by, not-null-columns.ts):
 * `.notNullable()` as the last word on nullability, `increments`/`bigIncrements` and `.primary()`
 * (a primary key's columns are NOT NULL), and the columns of a table-level `t.primary([...])`.
 * A column not named by a literal is left out: then it is not known NOT NULL, and a condition on it
 * stays a bound.
 */
export function noteCreatedNotNull(
  method: string,
  args: SyntaxNode[],
  modifiers: string[],
  modifierArgs: SyntaxNode[][],
  table: string | undefined,
  ctx: WalkCtx,
): void {
  const columns =
    method === 'primary'
      ? keyColumns(args[0], ctx)
      : method === 'increments' ||
          method === 'bigIncrements' ||
          modifiers.includes('primary') ||
          nullAndDefault(modifiers, modifierArgs, ctx.src).notNull
        ? [str(args[0], ctx)]
        : [];
  const named = columns.filter((c): c is string => c !== undefined).map((c) => c.toLowerCase());
  if (named.length === 0) return;
  const create = createOf(ctx.ops, table);
  if (create) create.notNullColumns = [...(create.notNullColumns ?? []), ...named];
}

/** The create_table op of `table` this builder belongs to: the latest one pushed. */
function createOf(ops: SchemaOp[], table: string | undefined): SchemaOp | undefined {
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i] as SchemaOp;
    if (op.kind === 'create_table') return op.table === table ? op : undefined;
  }
  return undefined;
}
