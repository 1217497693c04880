import type { SyntaxNode } from '@lezer/common';
import {
  firstParam,
  isFunctionLiteral,
  pushOp,
  pushUnfollowed,
  qualified,
  str,
  type WalkCtx,
} from './js-walk.js';
import { dropChecks, tableCheck } from './js-knex-checks.js';
import { columnChain } from './js-knex-column.js';
import { noteCreatedNotNull } from './js-knex-create-not-null.js';
import { dropTimestamps, timestamps } from './js-knex-timestamps.js';
import type { Builder } from './js-builder-scopes.js';
import { type KeyedTable, keyColumns, keyNamesOf } from './js-knex-key-names.js';
import {
  dropIndexFacts,
  dropKeyFacts,
  foreignFacts,
  indexFacts,
  primaryFacts,
  uniqueFacts,
} from './js-knex-index.js';

// What a Knex table builder (the `t` of `alterTable('users', (t) => ...)`) does, as steps:
// https://knexjs.org/guide/schema-builder.html. In createTable everything is part of the new
// table; in alterTable each call is a step on an existing one.

/** Column types a table builder adds (knex's column types). */
const COLUMN_TYPES = new Set([
  'increments',
  'bigIncrements',
  'integer',
  'bigInteger',
  'bigint',
  'tinyint',
  'smallint',
  'mediumint',
  'text',
  'string',
  'float',
  'double',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'dateTime',
  'double',
  'real',
  'varchar',
  'time',
  'timestamp',
  'binary',
  'enum',
  'enu',
  'json',
  'jsonb',
  'uuid',
  'specificType',
  'geometry',
  'geography',
  'point',
]);

/** The table builder callback of createTable/alterTable: its parameter becomes a builder. */
export function callback(
  fn: SyntaxNode | undefined,
  b: Builder,
  call: SyntaxNode,
  ctx: WalkCtx,
  optional: boolean,
): void {
  if (!fn) {
    if (!optional) pushUnfollowed(ctx, call, 'a table builder call without a callback');
    return;
  }
  const name = isFunctionLiteral(fn) ? firstParam(fn, ctx.src) : undefined;
  if (name === undefined) {
    if (isFunctionLiteral(fn)) {
      // Knex also hands the builder over as `this` (`function () { this.increments(); }`, its older
      // style): not read, so said. An arrow function's `this` is not the builder: it builds nothing.
      if (fn.name === 'FunctionExpression' && usesThis(fn))
        pushUnfollowed(
          ctx,
          fn,
          "a table builder used as `this` (Knex's older callback style), which Slipway does not read",
        );
      return; // a callback that takes no builder builds nothing
    }
    pushUnfollowed(ctx, fn, 'a table builder callback that is not written here (a function passed by name)');
    return;
  }
  ctx.builders.bind(name, fn, b);
}

/** The function's own `this` is used (not one of a nested non-arrow function). */
function usesThis(fn: SyntaxNode): boolean {
  const body = fn.getChild('Block');
  if (!body) return false;
  const cursor = body.cursor();
  const end = body.to;
  let more = true;
  while (more && cursor.from < end) {
    if (cursor.name === 'this') return true;
    more =
      cursor.name === 'FunctionExpression' || cursor.name === 'FunctionDeclaration'
        ? cursor.next(false)
        : cursor.next();
  }
  return false;
}

/** One `t.<method>(...)` of a builder, with the chain of modifiers after it. */
export function builderCall(
  method: string,
  args: SyntaxNode[],
  node: SyntaxNode,
  modifiers: string[],
  modifierArgs: SyntaxNode[][],
  b: Builder,
  ctx: WalkCtx,
): void {
  const where = qualified(b.table, b.schema);
  // The same table for the index and key calls, which name what they make from it as written.
  const keyed: KeyedTable = { ...where, ...(b.written !== undefined ? { written: b.written } : {}) };
  const end = node.parent?.name === 'MemberExpression' ? outerCall(node) : node;
  if (b.mode === 'create') {
    // Everything a new table's builder does is part of the new table.
    if (method === 'raw' || method === 'dropColumn')
      pushUnfollowed(ctx, node, `t.${method} inside createTable`);
    else noteCreatedNotNull(method, args, modifiers, modifierArgs, b.table, ctx);
    return;
  }
  const names = (n: number) => args.slice(0, n).map((a) => str(a, ctx));
  const columnsOf = (a: SyntaxNode | undefined) => keyColumns(a, ctx);
  switch (method) {
    case 'dropColumn':
    case 'dropColumns':
      for (const c of args.length ? names(args.length) : [undefined])
        pushOp(ctx, node, { kind: 'drop_column', ...where, ...(c ? { column: c } : {}) });
      return;
    case 'dropTimestamps':
      for (const facts of dropTimestamps(args, where, node, ctx)) pushOp(ctx, node, facts);
      return;
    case 'renameColumn': {
      const [from, to] = names(2);
      pushOp(ctx, node, {
        kind: 'rename_column',
        ...where,
        ...(from ? { column: from } : {}),
        ...(to ? { newName: to } : {}),
      });
      return;
    }
    case 'setNullable':
      pushOp(ctx, node, { kind: 'drop_not_null', ...where, ...(names(1)[0] ? { column: names(1)[0] } : {}) });
      return;
    case 'dropNullable':
      pushOp(ctx, node, { kind: 'set_not_null', ...where, ...(names(1)[0] ? { column: names(1)[0] } : {}) });
      return;
    case 'index':
      pushOp(ctx, end, indexFacts(columnsOf(args[0]), args[1], keyed, ctx));
      return;
    case 'dropIndex':
      pushOp(ctx, node, dropIndexFacts(columnsOf(args[0]), args[1], keyed, ctx));
      return;
    case 'unique':
      pushOp(ctx, end, uniqueFacts(columnsOf(args[0]), args[1], keyed, ctx));
      return;
    case 'primary':
      pushOp(ctx, end, primaryFacts(columnsOf(args[0]), args[1], keyed, ctx));
      return;
    case 'foreign':
      pushOp(
        ctx,
        end,
        foreignFacts(columnsOf(args[0]), [args[1], ...keyNamesOf(modifiers, modifierArgs)], keyed, ctx),
      );
      return;
    case 'check':
      pushOp(ctx, end, tableCheck(args[2], keyed, ctx));
      return;
    // The IfExists drops are the same `drop constraint`, with `if exists` (pg-tablecompiler.js).
    case 'dropForeign':
    case 'dropForeignIfExists':
      pushOp(ctx, node, dropKeyFacts('foreign', columnsOf(args[0]), args[1], keyed, ctx));
      return;
    case 'dropUnique':
    case 'dropUniqueIfExists':
      pushOp(ctx, node, dropKeyFacts('unique', columnsOf(args[0]), args[1], keyed, ctx));
      return;
    case 'dropPrimary':
    case 'dropPrimaryIfExists':
      pushOp(ctx, node, dropKeyFacts('primary', [], args[0], keyed, ctx));
      return;
    case 'dropChecks':
      for (const facts of dropChecks(args[0], keyed, ctx)) pushOp(ctx, node, facts);
      return;
    case 'timestamps':
      for (const facts of timestamps(args, where, node, ctx)) pushOp(ctx, node, facts);
      return;
    case 'comment':
      pushOp(ctx, node, { kind: 'other', ...where });
      return;
  }
  if (!COLUMN_TYPES.has(method)) {
    pushUnfollowed(ctx, node, `t.${method} in alterTable, which Slipway does not map`);
    return;
  }
  columnChain(method, names(1)[0], modifiers, modifierArgs, keyed, end, ctx);
}

/** The outermost call of a modifier chain (`t.string('c').notNullable().defaultTo('x')`). */
function outerCall(node: SyntaxNode): SyntaxNode {
  let cur = node;
  while (cur.parent?.name === 'MemberExpression' && cur.parent.parent?.name === 'CallExpression')
    cur = cur.parent.parent;
  return cur;
}
