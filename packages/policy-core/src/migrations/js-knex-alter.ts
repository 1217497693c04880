import type { SyntaxNode } from '@lezer/common';
import { objectProperties, propertyValue, pushUnfollowed, type WalkCtx } from './js-walk.js';
import type { StepFacts } from './schema-op.js';

// What a column chain's `.alter()` does to the column on PostgreSQL, before any key or check of
// its chain (lib/dialects/postgres/schema/pg-tablecompiler.js `_addColumn`, knex 3.3.0): it drops
// the default, then, unless `alter({ alterNullable: false })`, drops NOT NULL, changes the type
// unless `alter({ alterType: false })` (lib/schema/columnbuilder.js `alter`), sets the default
// given, and sets NOT NULL again only for `nullable(false)`. So an `.alter()` that does not repeat
// `notNullable()` leaves the column nullable: Knex's well-known way of losing a NOT NULL.

/** `.alter(options?)`'s two switches, each on unless a literal `false` turns it off. */
function switches(
  arg: SyntaxNode | undefined,
  end: SyntaxNode,
  ctx: WalkCtx,
): { nullable: boolean; type: boolean } {
  const both = { nullable: true, type: true };
  if (!arg || ctx.src.slice(arg.from, arg.to) === 'undefined') return both;
  // Knex destructures the options: any not written out (a name, a spread, a computed key) may
  // turn either off. Read as on, and said.
  const props = objectProperties(arg, ctx.src);
  if (arg.name !== 'ObjectExpression' || props.some((p) => p.key === undefined)) {
    pushUnfollowed(ctx, end, '.alter() given options known only at run time');
    return both;
  }
  const on = (key: string): boolean => {
    const v = propertyValue(arg, key, ctx.src);
    if (v === undefined) return true;
    const text = v ? ctx.src.slice(v.from, v.to) : undefined;
    if (text === 'false') return false;
    if (v?.name === 'BooleanLiteral' || text === 'undefined') return true;
    pushUnfollowed(ctx, end, `.alter() given ${key} known only at run time`);
    return true;
  };
  return { nullable: on('alterNullable'), type: on('alterType') };
}

/**
 * The steps of an altered column: its NOT NULL dropped (`drop_not_null`), its type changed, and
 * NOT NULL set again when the chain ends NOT NULL (`notNull`: a NOT NULL dropped and set in one
 * transaction is the set to everyone else, the SET NOT NULL what scans the table).
 */
export function alteredColumn(
  col: { table?: string; schema?: string; column?: string },
  notNull: boolean,
  alterArg: SyntaxNode | undefined,
  end: SyntaxNode,
  ctx: WalkCtx,
): StepFacts[] {
  const on = switches(alterArg, end, ctx);
  return [
    ...(on.nullable && !notNull ? [{ kind: 'drop_not_null' as const, ...col }] : []),
    ...(on.type ? [{ kind: 'alter_column_type' as const, ...col }] : []),
    ...(on.nullable && notNull ? [{ kind: 'set_not_null' as const, ...col }] : []),
  ];
}
