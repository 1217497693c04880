import type { SyntaxNode } from '@lezer/common';
import { pushOp, pushUnfollowed, qualified, type Segment, str, type WalkCtx } from './js-walk.js';

// Knex's query builder (`knex('users').where(...).update(...)`,
// https://knexjs.org/guide/query-builder.html) in a migration: row changes, judged as DELETE or
// UPDATE with or without WHERE (MIG006), or rows only read or inserted.

/** `knex('t').where(...).del()`: a row change, judged as DELETE/UPDATE with or without WHERE. */
export function queryBuilder(
  segments: readonly Segment[],
  start: number,
  table: string | undefined,
  kept: string | undefined,
  ctx: WalkCtx,
): void {
  const names = segments.slice(start).flatMap((s) => (s.prop ? [s.prop] : []));
  const call = segments[segments.length - 1]?.node ?? segments[0]?.node;
  if (!call) return;
  let t = table;
  const tableArgOf = segments.findIndex((s) => s.prop === 'table' || s.prop === 'from' || s.prop === 'into');
  if (t === undefined && tableArgOf >= 0) t = str(segments[tableArgOf + 1]?.args?.[0], ctx);
  const hasWhere = names.some(
    (n) => n.startsWith('where') || n.startsWith('orWhere') || n === 'join' || n === 'limit',
  );
  const kind =
    names.includes('del') || names.includes('delete')
      ? 'delete'
      : names.includes('update')
        ? 'update'
        : names.includes('truncate')
          ? 'truncate'
          : undefined;
  const where = qualified(t);
  // `const q = trx('users').update(...)`, then `q.where(...)` in a loop, then `await q`
  // (thedevs-network/kutt): a Knex builder is changed in place by each call and runs only when
  // awaited, so the WHERE may come later, through the name the walk does not follow. Said, not
  // judged as an UPDATE without WHERE.
  if (kept !== undefined && (kind === 'update' || kind === 'delete') && !hasWhere) {
    pushUnfollowed(
      ctx,
      call,
      `an ${kind === 'update' ? 'UPDATE' : 'DELETE'} kept in \`${kept}\` and run later, after calls on that name that may add its WHERE`,
    );
    return;
  }
  if (kind === 'truncate') pushOp(ctx, call, { kind, ...where });
  else if (kind) pushOp(ctx, call, { kind, ...where, hasWhere });
  else pushOp(ctx, call, { kind: 'other', ...where, dataOnly: true });
}

/**
 * The name a query builder chain is kept in unrun (`const q = knex('t').update(...)`, `q = ...`):
 * not awaited, returned or handed on, so later calls on the name may still change it.
 */
export function keptIn(top: SyntaxNode, ctx: WalkCtx): string | undefined {
  const p = top.parent;
  if (p?.name !== 'VariableDeclaration' && p?.name !== 'AssignmentExpression') return undefined;
  // The value's own `=`, then the name before it (past a type annotation): `q: Knex.QueryBuilder = ...`.
  const equals = top.prevSibling;
  if (equals?.name !== 'Equals') return undefined;
  let name = equals.prevSibling;
  if (name?.name === 'TypeAnnotation') name = name.prevSibling;
  return name?.name === 'VariableDefinition' || name?.name === 'VariableName'
    ? ctx.src.slice(name.from, name.to)
    : undefined;
}
