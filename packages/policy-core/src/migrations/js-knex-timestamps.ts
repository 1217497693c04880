import type { SyntaxNode } from '@lezer/common';
import { objectProperties, propertyValue, pushUnfollowed, type WalkCtx } from './js-walk.js';
import type { StepFacts } from './schema-op.js';

// Knex's `t.timestamps(useTimestamps?, defaultToNow?, useCamelCase?)` (or one object of those)
// adds `created_at` / `updated_at`, `createdAt` / `updatedAt` when useCamelCase is `true`, each
// NOT NULL with a CURRENT_TIMESTAMP default when defaultToNow is `true`; `t.dropTimestamps(
// useCamelCase?)` drops the same two (lib/schema/tablebuilder.js `timestamps`, `dropTimestamps`,
// knex 3.3.0). Knex tests both with `=== true`: anything else is the plain form.

type Where = { table?: string; schema?: string };

/** A switch Knex tests with `=== true`: true or false when written out, undefined when not. */
function isTrue(arg: SyntaxNode | null | undefined, ctx: WalkCtx): boolean | undefined {
  if (arg === undefined) return false;
  if (arg === null) return undefined; // a shorthand property: a name's value
  const text = ctx.src.slice(arg.from, arg.to);
  if (text === 'true') return true;
  if (['BooleanLiteral', 'Number', 'String', 'null'].includes(arg.name) || text === 'undefined') return false;
  return undefined;
}

/** The two columns' names, or none when which is known only at run time. */
function names(camel: boolean | undefined): [string | undefined, string | undefined] {
  if (camel === undefined) return [undefined, undefined];
  return camel ? ['createdAt', 'updatedAt'] : ['created_at', 'updated_at'];
}

/** `t.timestamps(...)` in an alterTable: two columns added; switches not written out are said. */
export function timestamps(
  args: readonly SyntaxNode[],
  where: Where,
  node: SyntaxNode,
  ctx: WalkCtx,
): StepFacts[] {
  const options = args[0]?.name === 'ObjectExpression' ? args[0] : undefined;
  // An option spread in or under a computed key may be either switch.
  const hidden = objectProperties(options, ctx.src).some((p) => p.key === undefined);
  const arg = (key: string, at: number) => (options ? propertyValue(options, key, ctx.src) : args[at]);
  const camel = hidden ? undefined : isTrue(arg('useCamelCase', 2), ctx);
  const now = hidden ? undefined : isTrue(arg('defaultToNow', 1), ctx);
  // useTimestamps picks only the type (timestamptz or the same under another name on PostgreSQL).
  if (camel === undefined || now === undefined)
    pushUnfollowed(
      ctx,
      node,
      't.timestamps() given switches known only at run time (which columns, NOT NULL)',
    );
  return names(camel).map((column) => ({
    kind: 'add_column',
    ...where,
    ...(column ? { column } : {}),
    ...(now ? { notNull: true, hasDefault: true } : {}),
  }));
}

/** `t.dropTimestamps(useCamelCase?)`: the two columns dropped. */
export function dropTimestamps(
  args: readonly SyntaxNode[],
  where: Where,
  node: SyntaxNode,
  ctx: WalkCtx,
): StepFacts[] {
  const camel = isTrue(args[0], ctx);
  if (camel === undefined)
    pushUnfollowed(ctx, node, 't.dropTimestamps() given useCamelCase known only at run time');
  return names(camel).map((column) => ({ kind: 'drop_column', ...where, ...(column ? { column } : {}) }));
}
