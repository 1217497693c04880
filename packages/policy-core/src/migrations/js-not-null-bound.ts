import type { SyntaxNode } from '@lezer/common';
import { type Segment, str, text, type WalkCtx } from './js-walk.js';

/** A chain's calls that add a condition, a join or a limit: what bounds its rows. */
export function boundsRows(name: string): boolean {
  return (
    name.startsWith('where') ||
    name.startsWith('orWhere') ||
    name.startsWith('andWhere') ||
    name === 'join' ||
    name === 'limit'
  );
}

// The columns a row change's condition bounds its rows by only through `col IS NOT NULL`
// (SchemaOp.notNullBound), read from Knex's and Kysely's query builders: on columns the series
// makes NOT NULL (not-null-columns.ts) such a condition holds for every row.

/**
 * The columns of a Knex chain's condition that holds for every row where they are NOT NULL
 * (SchemaOp.notNullBound; not-null-columns.ts judges them against the series): Knex writes its
 * conditions in the chain's order, `where*` joined by AND and `orWhere*` by OR, with SQL's
 * precedence, so `.where('role', 'guest').orWhereNotNull('id')` is `role = 'guest' OR id IS NOT
 * NULL` and every row with an id. The condition holds for every row when one of its AND groups is
 * made only of `col IS NOT NULL` tests: `whereNotNull('col')`, `whereNot('col', null)`,
 * `where('col', 'is not', null)` and their `or`/`and` forms, as Knex 3 writes them
 * (not-null-bound-knex-on-pglite.test.ts). Undefined when no group is, when a join or a limit
 * bounds the chain, or a column is not a literal.
 */
export function knexNotNullBound(segments: readonly Segment[], ctx: WalkCtx): string[] | undefined {
  const groups: (string[] | undefined)[] = [];
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i]?.prop;
    if (name === undefined || !boundsRows(name)) continue;
    if (name === 'join' || name === 'limit') return undefined;
    // Knex drops the OR of a chain's first condition: `orWhere` first is `where`.
    if (groups.length === 0 || name.startsWith('orWhere')) groups.push([]);
    const column = notNullColumn(name, segments[i + 1]?.args ?? [], ctx);
    const group = groups[groups.length - 1];
    groups[groups.length - 1] = column !== undefined && group !== undefined ? [...group, column] : undefined;
  }
  return groups.find((g) => g !== undefined && g.length > 0);
}

/**
 * The columns of a Kysely row change (`db.deleteFrom('t').where('id', 'is not', null).execute()`)
 * bounded only by `col IS NOT NULL`: Kysely ANDs its `where` calls (an OR is an expression
 * builder's, not read), so every one must be such a test. Undefined when another condition, a
 * join, `using`/`from` (a column may then be another table's), a limit or `top` bounds it.
 */
export function kyselyNotNullBound(
  calls: readonly { method: string; args: SyntaxNode[] }[],
  ctx: WalkCtx,
): string[] | undefined {
  const out: string[] = [];
  for (const c of calls.slice(1)) {
    if (c.method === 'set' || c.method.startsWith('returning') || /^execute/.test(c.method)) continue;
    const column = c.method === 'where' ? notNullColumn('where', c.args, ctx) : undefined;
    if (column === undefined) return undefined;
    out.push(column);
  }
  return out.length > 0 ? out : undefined;
}

/** The column a condition call tests `IS NOT NULL`, lower-cased and without its table; else undefined. */
function notNullColumn(name: string, args: readonly SyntaxNode[], ctx: WalkCtx): string | undefined {
  const method = name.replace(/^(or|and)W/, 'w');
  const isNull = (i: number) => args[i] !== undefined && text(args[i], ctx.src).trim() === 'null';
  const tests =
    (method === 'whereNotNull' && args.length === 1) ||
    (method === 'whereNot' && args.length === 2 && isNull(1)) ||
    (method === 'where' &&
      args.length === 3 &&
      str(args[1], ctx)?.toLowerCase().trim() === 'is not' &&
      isNull(2));
  const column = tests ? str(args[0], ctx) : undefined;
  // `users.id`: the column of the chain's table.
  return column?.slice(column.lastIndexOf('.') + 1).toLowerCase();
}
