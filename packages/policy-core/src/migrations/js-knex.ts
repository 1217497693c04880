import type { SyntaxNode } from '@lezer/common';
import type { ChainMapper } from './js-body.js';
import { valueUse } from './js-body.js';
import {
  firstParam,
  methodCalls,
  pushOp,
  pushSql,
  pushUnfollowed,
  qualified,
  type Segment,
  str,
  type WalkCtx,
} from './js-walk.js';
import { builderCall, callback } from './js-knex-builder.js';
import { readsClientName } from './js-dialect-guard.js';
import { knexChain, knexReplay } from './js-knex-replay.js';
import { keptUse, queryBuilder } from './js-knex-query.js';

// Knex's schema builder (https://knexjs.org/guide/schema-builder.html) read into the steps the
// MIG rules judge: `knex.schema.<method>(...)` chains, the table builders handed to
// createTable/alterTable callbacks, `knex.raw(sql)` / `knex.schema.raw(sql)` as SQL, and the
// query builder (`knex('t').del()`) as row changes.

/** Schema methods that only read (`hasTable`) or name what follows (`withSchema`): no step. */
const READS = new Set([
  'hasTable',
  'hasColumn',
  'hasView',
  'then',
  'catch',
  'finally',
  'toString',
  'toSQL',
  'toQuery',
  'debug',
  'connection',
  'generateDdlCommands',
]);

/** Schema methods that make or drop objects no rule judges (views, extensions, schemas made). */
const OTHER = new Set([
  'createView',
  'createViewOrReplace',
  'createMaterializedView',
  'dropView',
  'dropViewIfExists',
  'dropMaterializedView',
  'dropMaterializedViewIfExists',
  'renameView',
  'alterView',
  'view',
  'createExtension',
  'createExtensionIfNotExists',
  'dropExtension',
  'dropExtensionIfExists',
  'createSchema',
  'createSchemaIfNotExists',
]);

/** Query builder methods that only read or insert rows. */
const DATA = new Set([
  'table',
  'from',
  'into',
  'select',
  'insert',
  'where',
  'first',
  'count',
  'pluck',
  'batchInsert',
  'queryBuilder',
  'with',
  'upsert',
]);

export const knexMapper: ChainMapper = {
  db(root, segments, top, ctx) {
    const first = segments[0];
    if (!first) {
      valueUse(root, top, ctx, 'is handed on as a value, so what is done with it is not read');
      return;
    }
    // knex('users')...: the query builder on a table.
    if (first.args) {
      queryBuilder(segments, 1, str(first.args[0], ctx), top, ctx);
      return;
    }
    if (first.computed) {
      pushUnfollowed(ctx, first.node, 'a member of knex named at run time');
      return;
    }
    const prop = first.prop as string;
    if (prop === 'fn' || prop === 'ref') return; // knex.fn.now(), knex.ref('c'): values, no statement
    // knex.client.config.client: which database, read to pick a dialect's branch (every branch
    // is read). A call through the client (its connection, its query runner) is not followed.
    if (prop === 'client' && (!segments.some((s) => s.args) || readsClientName(segments))) return;
    if (prop === 'raw') {
      const call = segments[1];
      if (!call?.args) {
        valueUse(root, first.node, ctx, 'hands knex.raw on as a value');
        return;
      }
      // knex.raw inside a builder's arguments (`defaultTo(knex.raw('now()'))`) is a fragment.
      if (!insideBuilderArgs(call.node, ctx)) pushSql(ctx, call.node, call.args[0]);
      return;
    }
    if (prop === 'schema') {
      schemaChain(segments, 1, ctx);
      return;
    }
    if (prop === 'transaction') {
      const call = segments[1];
      const cb = call?.args?.[0];
      const name = cb && firstParam(cb, ctx.src);
      if (name) ctx.db.add(name);
      else
        pushUnfollowed(
          ctx,
          call?.node ?? first.node,
          'a knex transaction Slipway cannot follow (no callback taking it)',
        );
      return;
    }
    if (DATA.has(prop) || /^(or|and)?[wW]here/.test(prop) || ['update', 'del', 'delete'].includes(prop)) {
      queryBuilder(segments, 0, undefined, top, ctx);
      return;
    }
    pushUnfollowed(ctx, first.node, `knex.${prop}, which Slipway does not map`);
  },
  kept: keptUse,
  builder(root, segments, top, ctx) {
    const b =
      root.name === 'VariableName'
        ? ctx.builders.at(ctx.src.slice(root.from, root.to), root.from)
        : undefined;
    if (!b) return;
    const calls = methodCalls(segments, 0);
    if ('bad' in calls) {
      valueUse(root, top, ctx, 'is handed on as a value, so what is done with it is not read');
      return;
    }
    const [head, ...rest] = calls;
    if (!head) return;
    builderCall(
      head.method,
      head.args,
      head.node,
      rest.map((c) => c.method),
      rest.map((c) => c.args),
      b,
      ctx,
    );
  },
};

/** `knex.schema.withSchema('s').dropTable('t').alterTable(...)`: each call a step. */
function schemaChain(segments: readonly Segment[], start: number, ctx: WalkCtx): void {
  const calls = methodCalls(segments, start);
  if ('bad' in calls) {
    pushUnfollowed(
      ctx,
      calls.bad.node,
      calls.bad.computed
        ? 'a schema method named at run time'
        : 'knex.schema, or one of its methods, handed on as a value',
    );
    return;
  }
  // `const s = knex.schema; s.dropTable('x')`: the builder kept in a name is a value whose calls
  // the walk does not follow (it follows the handle, not aliases of its parts): said, not missed.
  const head = segments[start - 1];
  if (calls.length === 0 && head) {
    pushUnfollowed(
      ctx,
      head.node,
      'knex.schema is kept or handed on as a value, so what is done with it is not read',
    );
    return;
  }
  let schema: string | undefined;
  // What trace has Knex render: the whole chain, or none of it (js-knex-replay.ts).
  const steps = [];
  for (const { method, args, node } of calls) {
    const name = str(args[0], ctx);
    const where = qualified(name, schema);
    if (READS.has(method)) continue;
    if (method !== 'withSchema') steps.push(knexReplay(method, args, node, schema, ctx));
    switch (method) {
      case 'withSchema':
        schema = name;
        continue;
      case 'raw':
        pushSql(ctx, node, args[0]);
        continue;
      case 'createTable':
      case 'createTableIfNotExists':
      case 'createTableLike':
        // IF NOT EXISTS says nothing of what was there: judged as SQL judges it (`other`).
        pushOp(
          ctx,
          node,
          method === 'createTable'
            ? { kind: 'create_table', ...where }
            : method === 'createTableIfNotExists'
              ? { kind: 'other', createdIfMissing: true, ...where }
              : { kind: 'other', ...where },
        );
        callback(
          args[method === 'createTableLike' ? 2 : 1],
          { ...where, ...written(name), mode: 'create' },
          node,
          ctx,
          method === 'createTableLike',
        );
        continue;
      case 'alterTable':
      case 'table':
        callback(args[1], { ...where, ...written(name), mode: 'alter' }, node, ctx, false);
        continue;
      case 'dropTable':
      case 'dropTableIfExists':
        pushOp(ctx, node, { kind: 'drop_table', ...where });
        continue;
      case 'renameTable':
        pushOp(ctx, node, {
          kind: 'rename_table',
          ...where,
          ...(str(args[1], ctx) ? { newName: str(args[1], ctx) } : {}),
        });
        continue;
      case 'dropSchema':
      case 'dropSchemaIfExists':
        pushOp(ctx, node, { kind: 'drop_schema', ...(name ? { schema: name } : {}) });
        continue;
      case 'refreshMaterializedView':
        pushOp(ctx, node, {
          kind: 'refresh_view',
          ...where,
          concurrently:
            args[1]?.name === 'BooleanLiteral' && ctx.src.slice(args[1].from, args[1].to) === 'true',
        });
        continue;
      default:
        if (OTHER.has(method)) {
          pushOp(ctx, node, { kind: 'other', ...where });
          continue;
        }
        pushUnfollowed(ctx, node, `knex.schema.${method}, which Slipway does not map`);
    }
  }
  const first = calls[0]?.node;
  const last = calls[calls.length - 1]?.node;
  const chain = first && last ? knexChain(steps, first.from, last.to, ctx) : undefined;
  if (chain) ctx.builderCalls?.push(chain);
}

/** The table's name as written, which Knex names keys from (js-knex-key-names.ts). */
function written(name: string | undefined): { written?: string } {
  return name === undefined ? {} : { written: name };
}

/** A call inside the arguments of another call on a builder or schema (a default's `knex.raw`). */
function insideBuilderArgs(call: SyntaxNode, ctx: WalkCtx): boolean {
  for (let p = call.parent; p; p = p.parent) {
    if (p.name === 'Block' || p.name === 'ArrowFunction' || p.name === 'FunctionExpression') return false;
    if (p.name === 'ArgList') {
      const callee = p.parent?.firstChild;
      const head = callee && ctx.src.slice(callee.from, callee.to).split(/[.([]/)[0]?.trim();
      if (head && (ctx.builders.at(head, call.from) || ctx.db.has(head))) return true;
    }
  }
  return false;
}
