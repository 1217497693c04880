import type { SyntaxNode } from '@lezer/common';
import { valueUse } from './js-body.js';
import { KeptQueries, type KeptQuery } from './js-kept-queries.js';
import { followableScope, keptName } from './js-knex-kept.js';
import { boundsRows, knexNotNullBound } from './js-not-null-bound.js';
import { pushOp, pushUnfollowed, qualified, type Segment, str, text, type WalkCtx } from './js-walk.js';

// Knex's query builder (`knex('users').where(...).update(...)`,
// https://knexjs.org/guide/query-builder.html) in a migration: row changes, judged as DELETE or
// UPDATE with or without WHERE (MIG006), or rows only read or inserted.

/** What a chain of query builder calls does to rows, by its method names. */
function rowChange(names: readonly string[]): {
  kind: 'delete' | 'update' | 'truncate' | undefined;
  hasWhere: boolean;
} {
  const hasWhere = names.some(boundsRows);
  const kind =
    names.includes('del') || names.includes('delete')
      ? 'delete'
      : names.includes('update')
        ? 'update'
        : names.includes('truncate')
          ? 'truncate'
          : undefined;
  return { kind, hasWhere };
}

/** `knex('t').where(...).del()`: a row change, judged as DELETE/UPDATE with or without WHERE. */
export function queryBuilder(
  segments: readonly Segment[],
  start: number,
  table: string | undefined,
  top: SyntaxNode,
  ctx: WalkCtx,
  before?: KeptQuery,
): void {
  const own = segments.slice(start).flatMap((s) => (s.prop ? [s.prop] : []));
  const names = [...(before?.names ?? []), ...own];
  const call = segments[segments.length - 1]?.node ?? segments[0]?.node;
  if (!call) return;
  let t = table;
  const tableArgOf = segments.findIndex((s) => s.prop === 'table' || s.prop === 'from' || s.prop === 'into');
  if (t === undefined && tableArgOf >= 0) t = str(segments[tableArgOf + 1]?.args?.[0], ctx);
  const { kind, hasWhere } = rowChange(names);
  const where = qualified(t);
  const keptIn = keptName(top);
  const kept = keptIn && text(keptIn, ctx.src);
  const statement = kind === 'update' ? 'an UPDATE' : 'a DELETE';
  // `const q = trx('users').update(...)`, then `q.where(...)` in a loop, then `await q`
  // (thedevs-network/kutt): a Knex builder is changed in place by each call and runs only when
  // awaited, so the WHERE may come later, through the name the walk does not follow. Said, not
  // judged as an UPDATE without WHERE.
  if (kept !== undefined && (kind === 'update' || kind === 'delete') && !hasWhere) {
    pushUnfollowed(
      ctx,
      call,
      `${statement} kept in \`${kept}\` and run later, after calls on that name that may add its WHERE`,
    );
    return;
  }
  // Run through a kept name after another call through it (that may have added the WHERE).
  if (before?.touched && (kind === 'update' || kind === 'delete') && !hasWhere) {
    pushUnfollowed(
      ctx,
      call,
      `${statement} through \`${before.name}\`, after calls on that name that may add its WHERE`,
    );
    return;
  }
  // A builder kept unrun, with no row change yet: what later runs through its name is followed.
  if (keptIn && kind === undefined) keep(keptIn, t, names, call, ctx);
  if (kind === 'truncate') pushOp(ctx, call, { kind, ...where });
  else if (kind) {
    const bound = before ? undefined : knexNotNullBound(segments.slice(start), ctx);
    pushOp(ctx, call, { kind, ...where, hasWhere, ...(bound ? { notNullBound: bound } : {}) });
  } else pushOp(ctx, call, { kind: 'other', ...where, dataOnly: true });
}

/** `const q = knex('t').where(...)`: followed through `q` when certain (js-knex-kept.ts), else said. */
function keep(name: SyntaxNode, table: string | undefined, names: string[], call: SyntaxNode, ctx: WalkCtx) {
  const scope = followableScope(name, ctx);
  const own = text(name, ctx.src);
  if (!scope) {
    pushUnfollowed(
      ctx,
      call,
      `a query builder kept in \`${own}\` (not one \`const\` of this function), whose later calls (a delete or update through it) Slipway does not follow`,
    );
    return;
  }
  ctx.kept ??= new KeptQueries();
  ctx.kept.keep({ name: own, ...(table !== undefined ? { table } : {}), names, ...scope, touched: false });
}

/** A use of a name holding a kept query builder (`await q.del()`, `q.where(...)`, `await q`). */
export function keptUse(root: SyntaxNode, segments: Segment[], top: SyntaxNode, ctx: WalkCtx): void {
  const kept = ctx.kept?.at(text(root, ctx.src), root.from);
  if (!kept) return;
  if (segments.length === 0) {
    // `await q` / `return q` runs the builder as it is (rows read); handed on, anything may be done with it.
    const p = top.parent?.name;
    if (p === 'AwaitExpression' || p === 'ReturnStatement' || subquery(top, ctx)) return;
    kept.touched = true;
    valueUse(
      root,
      top,
      ctx,
      'holds a query builder handed on as a value, so what is done with it is not read',
    );
    return;
  }
  const { kind } = rowChange(segments.flatMap((s) => (s.prop ? [s.prop] : [])));
  queryBuilder(segments, 0, kept.table, top, ctx, kept);
  // A call that is not the row change itself changes the builder in place (`q.where(...)`).
  if (kind === undefined) kept.touched = true;
}

/** `knex('b').whereIn('id', q)`: the kept builder is an argument of another Knex query, a subquery it reads. */
function subquery(value: SyntaxNode, ctx: WalkCtx): boolean {
  if (value.parent?.name !== 'ArgList') return false;
  let callee = value.parent.parent?.firstChild;
  while (callee && (callee.name === 'MemberExpression' || callee.name === 'CallExpression'))
    callee = callee.firstChild;
  if (callee?.name !== 'VariableName') return false;
  const head = text(callee, ctx.src);
  return ctx.db.has(head) || ctx.kept?.at(head, callee.from) !== undefined;
}
