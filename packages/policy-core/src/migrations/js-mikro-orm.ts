import type { SyntaxNode } from '@lezer/common';
import { type ChainMapper, valueUse } from './js-body.js';
import { knexMapper } from './js-knex.js';
import type { SchemaOp } from './schema-op.js';
import {
  chainFrom,
  chainRoot,
  pushSql,
  pushUnfollowed,
  type Segment,
  text,
  type WalkCtx,
} from './js-walk.js';

// MikroORM's Migration (packages/migrations/src/Migration.ts and MigrationRunner.ts, v6.6.16 and
// v7.1.13 alike): `up()`/`down()` queue SQL with `this.addSql(query)`, which the runner sends
// once the method has returned, and `this.execute(query)` sends it at once; both in the
// migration's transaction (`setTransactionContext`) unless it runs outside one. `this.getKnex()`
// (v6) is the write connection's Knex: a builder handed to addSql or execute is sent as its one
// statement (`toSQL().sql`); one awaited by itself runs on a connection of the pool, outside the
// migration's transaction, as soon as up() reaches it.

/** What the walk of one method knows beyond WalkCtx: the names holding Knex, the queued steps. */
interface State {
  knex: Set<string>;
  queued: Set<SchemaOp>;
}

const states = new WeakMap<WalkCtx, State>();

function state(ctx: WalkCtx): State {
  let s = states.get(ctx);
  if (!s) {
    s = { knex: new Set(), queued: new Set() };
    states.set(ctx, s);
  }
  return s;
}

export const mikroOrmMapper: ChainMapper = {
  db(root, segments, top, ctx) {
    if (root.name === 'this') selfChain(root, segments, top, ctx);
    else if (state(ctx).knex.has(text(root, ctx.src))) knexUse(root, segments, top, ctx);
    // A name the Knex reader bound (a transaction's): none is expected here, and none goes unsaid.
    else valueUse(root, top, ctx, 'is a Knex handle Slipway does not follow in a MikroORM migration');
  },
  // A table builder a Knex schema call handed its callback, and a Knex query kept in a `const`:
  // Knex's, in the place of the call that runs them.
  builder(root, segments, top, ctx) {
    inPlaceOf(root, ctx, () => knexMapper.builder(root, segments, top, ctx));
  },
  kept(root, segments, top, ctx) {
    inPlaceOf(root, ctx, () => knexMapper.kept?.(root, segments, top, ctx));
  },
  // The runner sends what addSql queued after up() returns: after all that ran at once.
  finish(ctx) {
    const { queued } = state(ctx);
    if (queued.size === 0) return;
    const firstOps = ctx.sqlTexts?.map((t) => ctx.ops[t.at]);
    const order = [...ctx.ops.filter((o) => !queued.has(o)), ...ctx.ops.filter((o) => queued.has(o))];
    ctx.ops.splice(0, ctx.ops.length, ...order);
    ctx.sqlTexts?.forEach((t, i) => {
      const op = firstOps?.[i];
      if (op) t.at = ctx.ops.indexOf(op);
    });
    ctx.sqlTexts?.sort((a, b) => a.at - b.at);
  },
};

/** `this.<member>...`: the migration's own methods. */
function selfChain(root: SyntaxNode, segments: Segment[], top: SyntaxNode, ctx: WalkCtx): void {
  const first = segments[0];
  if (!first) {
    valueUse(root, top, ctx, 'is handed on as a value, so what is done with the migration is not read');
    return;
  }
  if (first.computed || first.prop === undefined) {
    pushUnfollowed(ctx, first.node, 'a member of the migration named at run time');
    return;
  }
  const call = segments[1]?.args ? (segments[1] as Segment) : undefined;
  switch (first.prop) {
    case 'addSql':
    case 'execute': {
      if (!call) {
        pushUnfollowed(
          ctx,
          first.node,
          `this.${first.prop} handed on as a value, which Slipway does not follow`,
        );
        return;
      }
      const arg = call.args?.[0];
      // A Knex builder: the walk reaches its chain next (knexUse), whose steps are this call's.
      if (arg && isKnex(arg, ctx)) return;
      inPlaceOf(root, ctx, () => pushSql(ctx, call.node, arg), first.prop);
      return;
    }
    case 'getKnex': {
      if (!call) {
        pushUnfollowed(ctx, first.node, 'this.getKnex handed on as a value, which Slipway does not follow');
        return;
      }
      if (segments.length > 2) {
        knexUse(root, segments.slice(2), top, ctx);
        return;
      }
      const name = constName(top, ctx);
      if (name !== undefined) {
        state(ctx).knex.add(name);
        ctx.db.add(name);
      } else
        pushUnfollowed(
          ctx,
          top.parent && top.parent.name !== 'ExpressionStatement' ? top.parent : top,
          'this.getKnex() kept or handed on otherwise than as one `const`, so what is done with it is not read',
        );
      return;
    }
    // Reads of the migration's settings and name: no statement.
    case 'config':
    case 'name':
      return;
    default:
      pushUnfollowed(
        ctx,
        call?.node ?? first.node,
        `this.${first.prop}, which Slipway does not follow (it reads this.addSql, this.execute and this.getKnex)`,
      );
  }
}

/**
 * A chain on Knex (`knex.schema.dropTable('t').toQuery()`, `knex('t').del()`, `knex.raw(sql)`):
 * read by the Knex reader, its steps where they run. Inside this.addSql or this.execute, in the
 * migration's transaction; by itself, on a connection of its own, outside it.
 */
function knexUse(root: SyntaxNode, segments: Segment[], top: SyntaxNode, ctx: WalkCtx): void {
  const at = sentBy(root, ctx);
  const direct = at !== undefined && at.direct.from === top.from && at.direct.to === top.to;
  if (direct && segments[0]?.prop === 'schema' && !segments.some((s) => TO_TEXT.has(s.prop ?? ''))) {
    // MikroORM sends `toSQL().sql` of what it is given: a schema builder's toSQL() is a list of
    // statements, with no `sql` of its own.
    pushUnfollowed(
      ctx,
      top,
      `a Knex schema builder handed whole to this.${at.method} (MikroORM sends a query's \`toSQL().sql\`, which a schema builder, a list of statements, lacks: end the chain with .toQuery())`,
    );
    return;
  }
  if (!at && segments[0]?.prop === 'transaction') {
    pushUnfollowed(
      ctx,
      top,
      'a Knex transaction of its own inside a MikroORM migration, which Slipway does not follow',
    );
    return;
  }
  inPlaceOf(root, ctx, () => knexMapper.db(root, segments, top, ctx));
}

/** A Knex builder's methods that give its SQL as text, which addSql sends as any string. */
const TO_TEXT = new Set(['toQuery', 'toString']);

/** Whether `arg` is a chain on Knex (a name holding this.getKnex() or a Knex query kept unrun, or this.getKnex() itself). */
function isKnex(arg: SyntaxNode, ctx: WalkCtx): boolean {
  const root = chainRoot(arg);
  if (root.name === 'VariableName')
    return (
      state(ctx).knex.has(text(root, ctx.src)) || ctx.kept?.at(text(root, ctx.src), root.from) !== undefined
    );
  return root.name === 'this' && chainFrom(root, ctx.src).segments[0]?.prop === 'getKnex';
}

/**
 * Runs `read` for a construct at `root` and gives its steps the place and transaction they run
 * in: queued by this.addSql (sent after up() returns), sent by this.execute (at once, in the
 * migration's transaction), or Knex run by itself (at once, outside it). `method` names the call
 * when the construct is that call's own argument.
 */
function inPlaceOf(root: SyntaxNode, ctx: WalkCtx, read: () => void, method?: 'addSql' | 'execute'): void {
  const via = method ?? sentBy(root, ctx)?.method;
  const before = ctx.ops.length;
  const was = ctx.autocommit;
  if (via === undefined) ctx.autocommit = true;
  try {
    read();
  } finally {
    ctx.autocommit = was;
  }
  if (via === 'addSql') for (const op of ctx.ops.slice(before)) state(ctx).queued.add(op);
}

/** The `this.addSql(...)` or `this.execute(...)` whose argument holds `node`, and that argument. */
function sentBy(
  node: SyntaxNode,
  ctx: WalkCtx,
): { method: 'addSql' | 'execute'; direct: SyntaxNode } | undefined {
  for (let n: SyntaxNode | null = node; n?.parent; n = n.parent) {
    const list = n.parent;
    if (list.name !== 'ArgList') continue;
    const callee = list.parent?.name === 'CallExpression' ? list.parent.firstChild : null;
    const method = callee?.lastChild ? text(callee.lastChild, ctx.src) : '';
    if (
      callee?.name === 'MemberExpression' &&
      callee.firstChild?.name === 'this' &&
      (method === 'addSql' || method === 'execute')
    )
      return { method, direct: n };
  }
  return undefined;
}

/** `const knex = this.getKnex()`: the name, when the call's value is one `const`'s. */
function constName(top: SyntaxNode, ctx: WalkCtx): string | undefined {
  const decl = top.parent;
  if (decl?.name !== 'VariableDeclaration' || decl.firstChild?.name !== 'const') return undefined;
  let d = top.prevSibling;
  if (d?.name === 'Equals') d = d.prevSibling;
  if (d?.name === 'TypeAnnotation') d = d.prevSibling;
  return d?.name === 'VariableDefinition' ? text(d, ctx.src) : undefined;
}
