import type { SyntaxNode } from '@lezer/common';
import { type ChainMapper, valueUse } from './js-body.js';
import {
  objectProperties,
  propertyValue,
  argsOf,
  methodCalls,
  pushOp,
  pushSql,
  pushUnfollowed,
  qualified,
  str,
  type WalkCtx,
} from './js-walk.js';
import type { ConstraintType, StepFacts } from './schema-op.js';
import { changeColumnSteps, declared } from './js-sequelize-change-column.js';
import { sequelizeCreatedNotNull } from './js-sequelize-create-not-null.js';
import { indexFields, indexName } from './js-sequelize-index-names.js';
import { sequelizeSqlType } from './sequelize-type.js';
import type { SqlType } from './sqlalchemy-type.js';

// Sequelize's QueryInterface (sequelize/lib/dialects/abstract/query-interface.js) as a
// sequelize-cli migration's `up(queryInterface, Sequelize)` uses it, and
// `queryInterface.sequelize.query(sql)` as SQL. sequelize-cli runs a migration in no transaction
// (sequelize/cli#1364, open): each call commits on its own, unless its options pass a
// `transaction` (from `queryInterface.sequelize.transaction(...)`): that call runs inside it.

/** Methods that only read the catalog. */
const READS = new Set([
  'describeTable',
  'showAllTables',
  'showAllSchemas',
  'showIndex',
  'tableExists',
  'getForeignKeysForTables',
  'getForeignKeyReferencesForTable',
  'quoteIdentifier',
  'quoteTable',
]);

/** Methods that make objects no rule judges. */
const OTHER = new Set([
  'createSchema',
  'createFunction',
  'dropFunction',
  'renameFunction',
  'createTrigger',
  'dropTrigger',
  'renameTrigger',
  'createDatabase',
  'dropEnum',
  'dropAllEnums',
]);

const CONSTRAINTS: Record<string, ConstraintType> = {
  'foreign key': 'foreign_key',
  'primary key': 'primary_key',
  unique: 'unique',
  check: 'check',
};

export const sequelizeMapper: ChainMapper = {
  db(root, segments, top, ctx) {
    const first = segments[0];
    if (!first || first.args) {
      valueUse(root, top, ctx, 'is handed on as a value, so what is done with it is not read');
      return;
    }
    if (first.computed) {
      pushUnfollowed(ctx, first.node, 'a queryInterface method named at run time');
      return;
    }
    // queryInterface.sequelize.query(sql) is SQL; .transaction(cb) runs cb (walked in turn).
    if (first.prop === 'sequelize') {
      const next = segments[1];
      const call = segments[2];
      if (next?.prop === 'query' && call?.args) {
        inOptions(call.args[1], ctx, () => pushSql(ctx, call.node, call.args?.[0]));
        return;
      }
      if (next?.prop === 'transaction' && (call?.args || !call)) return;
      // `queryInterface.sequelize.QueryTypes.SELECT`: the query types' names, constants a query()'s
      // options take (sequelize v6.37.8 src/sequelize.js: `Sequelize.prototype.QueryTypes`).
      if (next?.prop === 'QueryTypes' && !segments.slice(1).some((s) => s.args || s.computed)) return;
      pushUnfollowed(
        ctx,
        next?.node ?? first.node,
        'queryInterface.sequelize used other than by query() or transaction()',
      );
      return;
    }
    const calls = methodCalls(segments, 0);
    if ('bad' in calls) {
      pushUnfollowed(
        ctx,
        calls.bad.node,
        `queryInterface.${first.prop} used as a value, which Slipway does not follow`,
      );
      return;
    }
    const call = calls[0];
    if (call) interfaceCall(call.method, call.args, call.node, ctx);
  },
  builder() {},
};

const literal = (n: SyntaxNode | null | undefined, ctx: WalkCtx) =>
  n ? ctx.src.slice(n.from, n.to) : undefined;

/**
 * A column's attributes (`{ type: Sequelize.UUID, ... }`) or a bare data type: its PostgreSQL type,
 * when plain, or why a type Slipway knows is not judged.
 */
function typeOf(attrs: SyntaxNode | null | undefined, ctx: WalkCtx): SqlType | string | undefined {
  const node = attrs?.name === 'ObjectExpression' ? propertyValue(attrs, 'type', ctx.src) : attrs;
  const text = literal(node, ctx);
  return text === undefined ? undefined : sequelizeSqlType(text);
}

/**
 * Runs `push` with the call's transaction as Sequelize has it: inside one when its options pass
 * `transaction`, else on its own (autocommit), whatever the migration's default says.
 */
function inOptions(options: SyntaxNode | undefined, ctx: WalkCtx, push: () => void): void {
  const before = ctx.autocommit;
  ctx.autocommit = propertyValue(options, 'transaction', ctx.src) === undefined;
  push();
  ctx.autocommit = before;
}

/**
 * Where each method takes its options (QueryInterface's signatures): `addColumn(table, key,
 * attribute, options)` reads `transaction` from its fourth argument, never from the attribute
 * (a `transaction` written there is ignored: the call commits on its own).
 */
const OPTIONS_AT: Record<string, number> = {
  createTable: 2,
  dropTable: 1,
  renameTable: 2,
  addColumn: 3,
  removeColumn: 2,
  changeColumn: 3,
  renameColumn: 3,
  addIndex: 2,
  removeIndex: 2,
  addConstraint: 1,
  removeConstraint: 2,
  bulkInsert: 2,
  bulkDelete: 2,
  bulkUpdate: 3,
  dropSchema: 1,
};

/**
 * A call's options object, where its method takes them; a method not in the table, the last
 * object literal after the first argument. `addIndex(table, { fields, ... })` is the options form.
 */
function optionsOf(method: string, args: readonly SyntaxNode[]): SyntaxNode | undefined {
  const at = OPTIONS_AT[method];
  // addIndex reads its options from the second argument whenever that is not the fields' array.
  if (method === 'addIndex' && args[1]?.name === 'ObjectExpression') return args[1];
  if (at !== undefined) return args[at]?.name === 'ObjectExpression' ? args[at] : undefined;
  for (let i = args.length - 1; i >= 1; i--) if (args[i]?.name === 'ObjectExpression') return args[i];
  return undefined;
}

function interfaceCall(method: string, args: SyntaxNode[], node: SyntaxNode, ctx: WalkCtx): void {
  if (READS.has(method)) return;
  // changeColumn sends several statements (js-sequelize-change-column.ts); whether its TYPE
  // rewrites is the series' answer (sequelize-types-before.ts).
  const steps = method === 'changeColumn' ? changeColumnSteps(args, ctx, typeOf) : stepOf(method, args, ctx);
  if (steps) {
    inOptions(optionsOf(method, args), ctx, () => {
      for (const facts of Array.isArray(steps) ? steps : [steps]) pushOp(ctx, node, facts);
    });
    return;
  }
  pushUnfollowed(
    ctx,
    node,
    method === 'dropAllTables' || method === 'dropAllSchemas'
      ? `queryInterface.${method}, which drops what exists at run time (not known here)`
      : `queryInterface.${method}, which Slipway does not map`,
  );
}

/** The step a queryInterface method takes; undefined for one Slipway does not map. */
function stepOf(method: string, args: SyntaxNode[], ctx: WalkCtx): StepFacts | undefined {
  const table = qualified(str(args[0], ctx));
  const column = (n: SyntaxNode | undefined) => {
    const c = str(n, ctx);
    return c ? { column: c } : {};
  };
  const options = optionsOf(method, args);
  switch (method) {
    case 'createTable': {
      // A spread or computed key names no column: those stay unknown.
      const declaredTypes = objectProperties(args[1], ctx.src).flatMap(
        (p): [string, SqlType | null, string?][] => {
          if (p.key === undefined) return [];
          const type = typeOf(p.value, ctx);
          return [typeof type === 'string' ? [p.key, null, type] : [p.key, type ?? null]];
        },
      );
      const notNull = sequelizeCreatedNotNull(args[1], ctx);
      return {
        kind: 'create_table',
        ...table,
        declaredTypes,
        ...(notNull.length > 0 ? { notNullColumns: notNull } : {}),
      };
    }
    case 'dropTable':
      return { kind: 'drop_table', ...table };
    case 'renameTable': {
      const to = str(args[1], ctx);
      return { kind: 'rename_table', ...table, ...(to ? { newName: qualified(to).table } : {}) };
    }
    case 'addColumn': {
      // Sequelize's allowNull defaults to true: NOT NULL only when the attributes say false.
      const attrs = args[2];
      const notNull = literal(propertyValue(attrs, 'allowNull', ctx.src), ctx) === 'false';
      const hasDefault = propertyValue(attrs, 'defaultValue', ctx.src) !== undefined;
      return {
        kind: 'add_column',
        ...table,
        ...column(args[1]),
        ...(notNull ? { notNull: true } : {}),
        ...(hasDefault ? { hasDefault: true } : {}),
        ...declared(typeOf(attrs, ctx)),
      };
    }
    case 'removeColumn':
      return { kind: 'drop_column', ...table, ...column(args[1]) };
    case 'renameColumn': {
      const to = str(args[2], ctx);
      return { kind: 'rename_column', ...table, ...column(args[1]), ...(to ? { newName: to } : {}) };
    }
    case 'addIndex':
    case 'removeIndex': {
      // addIndex(table, fields, options) or addIndex(table, { fields, concurrently, ... }).
      const concurrently = literal(propertyValue(options, 'concurrently', ctx.src), ctx) === 'true';
      const index = indexName(method, args, options, ctx);
      // The fields it covers: PostgreSQL drops the index with any of them (MIG111).
      const columns = method === 'addIndex' ? indexFields(method, args, options, ctx) : undefined;
      return {
        kind: method === 'addIndex' ? 'create_index' : 'drop_index',
        ...table,
        ...(index ? { index } : {}),
        ...(columns ? { columns } : {}),
        ...(concurrently ? { concurrently: true } : {}),
      };
    }
    case 'addConstraint': {
      const type = str(propertyValue(args[1], 'type', ctx.src) ?? undefined, ctx)?.toLowerCase();
      const constraint = type ? CONSTRAINTS[type] : undefined;
      if (!constraint) return { kind: 'other', ...table };
      const name = str(propertyValue(args[1], 'name', ctx.src) ?? undefined, ctx);
      return {
        kind: 'add_constraint',
        ...table,
        constraint,
        ...(name ? { constraintName: name } : {}),
        lock: { mode: constraint === 'foreign_key' ? 'ShareRowExclusiveLock' : 'AccessExclusiveLock' },
      };
    }
    case 'removeConstraint':
      return { kind: 'drop_constraint', ...table, lock: { mode: 'AccessExclusiveLock' } };
    case 'bulkInsert':
      return { kind: 'other', ...table, dataOnly: true };
    case 'bulkDelete':
    case 'bulkUpdate': {
      // bulkDelete(table, where), bulkUpdate(table, values, where): an empty or null where is every row.
      const where = method === 'bulkDelete' ? args[1] : args[2];
      const hasWhere =
        where?.name === 'ObjectExpression'
          ? argsOf(where).some((p) => p.name === 'Property')
          : where !== undefined && literal(where, ctx) !== 'null';
      return { kind: method === 'bulkDelete' ? 'delete' : 'update', ...table, hasWhere };
    }
    case 'dropSchema': {
      const schema = str(args[0], ctx);
      return { kind: 'drop_schema', ...(schema ? { schema } : {}) };
    }
  }
  if (OTHER.has(method)) return { kind: 'other', ...table };
  return undefined;
}
