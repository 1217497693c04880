import type { SyntaxNode } from '@lezer/common';
import { objectLiteralArg, propertyText } from './js-object-args.js';
import { type ChainMapper, valueUse } from './js-body.js';
import { dataSourceQuery, readsDataSourceOptions } from './js-typeorm-options.js';
import {
  propertyValue,
  argsOf,
  methodCalls,
  pushOp,
  pushSql,
  pushUnfollowed,
  qualified,
  str,
  text,
  type WalkCtx,
} from './js-walk.js';
import { isNullableSaysNo, typeormCreatedNotNull } from './js-typeorm-create-not-null.js';
import { ADD_CONSTRAINT, DROP_CONSTRAINT, OTHER, READS } from './js-typeorm-methods.js';
import type { StepFacts } from './schema-op.js';

// TypeORM's QueryRunner (src/query-runner/QueryRunner.ts) as a migration's `up(queryRunner)` uses
// it: `query(sql)` judged as SQL, the schema methods as the steps they take. `commitTransaction()`
// ends the migration's transaction until `startTransaction()`: CONCURRENTLY between the two is
// outside it (a pattern TypeORM users write for exactly that).

export const typeormMapper: ChainMapper = {
  db(root, segments, top, ctx) {
    const first = segments[0];
    if (!first || first.args) {
      valueUse(root, top, ctx, 'is handed on as a value, so what is done with it is not read');
      return;
    }
    if (first.computed) {
      pushUnfollowed(ctx, first.node, 'a queryRunner method named at run time');
      return;
    }
    if (readsDataSourceOptions(segments)) return;
    const own = dataSourceQuery(segments);
    if (own) {
      const committed = ctx.committed;
      ctx.committed = true;
      pushSql(ctx, own.node, own.args?.[0]);
      ctx.committed = committed;
      return;
    }
    // queryRunner.manager.query(sql): the same SQL; the manager's other uses are row work.
    if (first.prop === 'manager') {
      const next = segments[1];
      if (next?.prop === 'query' && segments[2]?.args) {
        pushSql(ctx, segments[2].node, segments[2].args[0]);
        return;
      }
      const end = segments[segments.length - 1]?.node ?? first.node;
      pushOp(ctx, end, { kind: 'other', dataOnly: true });
      return;
    }
    const calls = methodCalls(segments, 0);
    if ('bad' in calls) {
      pushUnfollowed(
        ctx,
        calls.bad.node,
        `queryRunner.${first.prop} used as a value, which Slipway does not follow`,
      );
      return;
    }
    const call = calls[0];
    if (call) queryRunnerCall(call.method, call.args, call.node, ctx);
  },
  builder() {},
};

/** A table argument: a name (`'s.t'`) or a `Table` object with a literal `name`. */
function tableOf(node: SyntaxNode | undefined, ctx: WalkCtx): { table?: string; schema?: string } {
  const o = objectLiteralArg(node);
  return qualified(o ? str(propertyValue(o, 'name', ctx.src) ?? undefined, ctx) : str(node, ctx));
}

/** An index argument: a name or a `TableIndex` object with a literal `name` (MIG111 pairs them by it). */
function indexOf(node: SyntaxNode | undefined, ctx: WalkCtx): { index?: string } {
  const name = columnOf(node, ctx).column;
  return name ? { index: name } : {};
}

/** A column argument: a name or a `TableColumn` object with a literal `name`. */
function columnOf(node: SyntaxNode | undefined, ctx: WalkCtx): { column?: string } {
  const o = objectLiteralArg(node);
  const name = o ? str(propertyValue(o, 'name', ctx.src) ?? undefined, ctx) : str(node, ctx);
  return name ? { column: name } : {};
}

function addColumn(
  node: SyntaxNode,
  table: { table?: string; schema?: string },
  col: SyntaxNode | undefined,
  ctx: WalkCtx,
): void {
  const o = objectLiteralArg(col);
  const literal = (k: string) => propertyText(o, k, ctx.src);
  // Not known NOT NULL when isNullable is not a literal (as createTable's columns and Sequelize's
  // allowNull): MIG006 would take `WHERE col IS NOT NULL` on it for every row.
  const notNull = o !== undefined && isNullableSaysNo(o, ctx.src);
  const hasDefault =
    o !== undefined &&
    (propertyValue(o, 'default', ctx.src) !== undefined || literal('isGenerated') === 'true');
  const facts: StepFacts = {
    kind: 'add_column',
    ...table,
    ...columnOf(col, ctx),
    ...(notNull ? { notNull: true } : {}),
    ...(hasDefault ? { hasDefault: true } : {}),
  };
  pushOp(ctx, node, facts);
}

function queryRunnerCall(method: string, args: SyntaxNode[], node: SyntaxNode, ctx: WalkCtx): void {
  if (READS.has(method)) return;
  const table = tableOf(args[0], ctx);
  switch (method) {
    case 'query':
    case 'sql': {
      pushSql(ctx, node, args[0]);
      return;
    }
    case 'commitTransaction':
      ctx.committed = true;
      return;
    case 'startTransaction':
      ctx.committed = false;
      return;
    case 'rollbackTransaction': {
      pushUnfollowed(ctx, node, 'a rollback inside a migration, after which what ran is not known');
      return;
    }
    case 'createTable': {
      // createTable(table, true): IF NOT EXISTS, PostgresQueryRunner returns without a word when
      // the table is there, and an old table may be what later steps meet.
      if (args[1] !== undefined && text(args[1], ctx.src).trim() !== 'false') {
        pushOp(ctx, node, { kind: 'other', ...table, createdIfMissing: true });
        return;
      }
      const o = objectLiteralArg(args[0]);
      const notNull = o ? typeormCreatedNotNull(o, ctx) : [];
      pushOp(ctx, node, {
        kind: 'create_table',
        ...table,
        ...(notNull.length > 0 ? { notNullColumns: notNull } : {}),
      });
      return;
    }
    case 'dropTable': {
      pushOp(ctx, node, { kind: 'drop_table', ...table });
      return;
    }
    case 'renameTable': {
      const to = str(args[1], ctx);
      pushOp(ctx, node, {
        kind: 'rename_table',
        ...table,
        ...(to ? { newName: qualified(to).table } : {}),
      });
      return;
    }
    case 'clearTable': {
      pushOp(ctx, node, { kind: 'truncate', ...table });
      return;
    }
    case 'dropColumn': {
      pushOp(ctx, node, { kind: 'drop_column', ...table, ...columnOf(args[1], ctx) });
      return;
    }
    case 'dropColumns': {
      const list =
        args[1]?.name === 'ArrayExpression'
          ? argsOf(args[1]).filter((c) => c.name !== '[' && c.name !== ']')
          : [undefined];
      for (const c of list) pushOp(ctx, node, { kind: 'drop_column', ...table, ...columnOf(c, ctx) });
      return;
    }
    case 'renameColumn': {
      const to = columnOf(args[2], ctx).column;
      pushOp(ctx, node, {
        kind: 'rename_column',
        ...table,
        ...columnOf(args[1], ctx),
        ...(to ? { newName: to } : {}),
      });
      return;
    }
    case 'addColumn': {
      addColumn(node, table, args[1], ctx);
      return;
    }
    case 'addColumns': {
      const list =
        args[1]?.name === 'ArrayExpression'
          ? argsOf(args[1]).filter((c) => c.name !== '[' && c.name !== ']')
          : [undefined];
      for (const c of list) addColumn(node, table, c, ctx);
      return;
    }
    case 'changeColumn':
    case 'changeColumns': {
      // The new TableColumn may rename the column or change its nullability too (PostgresQueryRunner.changeColumn).
      pushOp(ctx, node, {
        kind: 'alter_column_type',
        ...table,
        ...columnOf(args[1], ctx),
        redefinesColumn: true,
      });
      return;
    }
    case 'createIndex':
    case 'createIndices': {
      pushOp(ctx, node, {
        kind: 'create_index',
        ...table,
        ...(method === 'createIndex' ? indexOf(args[1], ctx) : {}),
      });
      return;
    }
    case 'dropIndex':
    case 'dropIndices': {
      pushOp(ctx, node, {
        kind: 'drop_index',
        ...table,
        ...(method === 'dropIndex' ? indexOf(args[1], ctx) : {}),
      });
      return;
    }
    case 'dropSchema': {
      pushOp(ctx, node, {
        kind: 'drop_schema',
        ...(str(args[0], ctx) ? { schema: str(args[0], ctx) } : {}),
      });
      return;
    }
    case 'dropDatabase': {
      pushOp(ctx, node, { kind: 'drop_database' });
      return;
    }
  }
  const constraint = ADD_CONSTRAINT[method];
  if (constraint) {
    pushOp(ctx, node, {
      kind: 'add_constraint',
      ...table,
      constraint,
      lock: { mode: constraint === 'foreign_key' ? 'ShareRowExclusiveLock' : 'AccessExclusiveLock' },
    });
    return;
  }
  if (DROP_CONSTRAINT.has(method)) {
    pushOp(ctx, node, { kind: 'drop_constraint', ...table, lock: { mode: 'AccessExclusiveLock' } });
    return;
  }
  if (OTHER.has(method)) {
    pushOp(ctx, node, { kind: 'other', ...table });
    return;
  }
  pushUnfollowed(ctx, node, `queryRunner.${method}, which Slipway does not map`);
}
