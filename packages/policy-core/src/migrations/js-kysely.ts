import type { SyntaxNode } from '@lezer/common';
import { type ChainMapper, valueUse } from './js-body.js';
import { kyselyCreatedNotNull } from './js-kysely-create-not-null.js';
import { kyselyChain } from './js-kysely-replay.js';
import { kyselyNotNullBound } from './js-not-null-bound.js';
import { fragmentOfBuilder } from './js-kysely-fragment.js';
import {
  methodCalls,
  pushOp,
  pushSql,
  pushUnfollowed,
  qualified,
  type Segment,
  str,
  text,
  type WalkCtx,
} from './js-walk.js';
import type { ConstraintType, StepFacts } from './schema-op.js';

// Kysely's schema and query builders (https://kysely.dev/docs/migrations) as a migration's
// `up(db: Kysely<any>)` uses them: `db.schema.<method>(...)...execute()` and the query builders
// (`db.deleteFrom('t').where(...).execute()`) as steps, `sql\`...\`.execute(db)` as SQL. A builder
// runs only when `.execute()` (or `executeTakeFirst...`) ends its chain: one that does not is no
// step. Kysely's Migrator runs migrations in a transaction on PostgreSQL (its adapter supports
// transactional DDL) unless the Migrator was made with `disableTransactions`, which is not in the
// migration file.

const EXECUTE = /^execute/;

const CONSTRAINT: Record<string, ConstraintType> = {
  addForeignKeyConstraint: 'foreign_key',
  addUniqueConstraint: 'unique',
  addCheckConstraint: 'check',
  addPrimaryKeyConstraint: 'primary_key',
};

export const kyselyMapper: ChainMapper = {
  db(root, segments, top, ctx) {
    // `sql` from kysely: the tagged template is SQL (`sql\`...\`.execute(db)`), sql.raw('...') too.
    if (text(root, ctx.src) === 'sql') return sqlTag(root, segments, ctx);
    const first = segments[0];
    // `sql\`...\`.execute(db)`: db is where the SQL runs, read with it.
    if (
      !first &&
      root.parent?.name === 'ArgList' &&
      /\.execute\s*$/.test(text(root.parent.parent?.firstChild ?? root, ctx.src))
    )
      return;
    if (!first || first.args) {
      valueUse(root, top, ctx, 'is handed on as a value, so what is done with it is not read');
      return;
    }
    if (first.computed) {
      pushUnfollowed(ctx, first.node, 'a member of db named at run time');
      return;
    }
    const calls = methodCalls(segments, first.prop === 'schema' ? 1 : 0);
    if ('bad' in calls || calls.length === 0) {
      pushUnfollowed(
        ctx,
        ('bad' in calls ? calls.bad.node : first.node) as SyntaxNode,
        `db.${first.prop} kept or handed on as a value, so what is done with it is not read`,
      );
      return;
    }
    if (!calls.some((c) => EXECUTE.test(c.method))) {
      // A builder dropped unexecuted runs nothing; one kept or handed on may run later, unseen.
      if (top.parent?.name !== 'ExpressionStatement')
        valueUse(
          root,
          top,
          ctx,
          'builds a statement kept or handed on before it runs, so what runs is not read',
        );
      return;
    }
    const end = calls[calls.length - 1]?.node as SyntaxNode;
    if (first.prop === 'schema') {
      schemaChain(calls, end, ctx);
      // What trace has Kysely compile: the whole chain, or none of it (js-kysely-replay.ts).
      const chain = kyselyChain(calls, end, ctx);
      if (chain) ctx.builderCalls?.push(chain);
    } else queryChain(first.prop as string, calls, end, ctx);
  },
  builder() {},
};

type Call = { method: string; args: SyntaxNode[]; node: SyntaxNode };

function sqlTag(root: SyntaxNode, segments: readonly Segment[], ctx: WalkCtx): void {
  const tagged = root.parent?.name === 'TaggedTemplateExpression' ? root.parent : undefined;
  if (tagged) {
    const template = tagged.getChild('TemplateString') ?? undefined;
    if (!fragmentOfBuilder(tagged, template, ctx)) pushSql(ctx, tagged, template);
    return;
  }
  if (segments[0]?.prop === 'raw' && segments[1]?.args) {
    if (!fragmentOfBuilder(segments[1].node, segments[1].args[0], ctx))
      pushSql(ctx, segments[1].node, segments[1].args[0]);
    return;
  }
  // sql.ref, sql.lit, sql.id...: fragments of a builder's arguments, no statement of their own.
}

/** `db.schema.alterTable('t').dropColumn('c').execute()`: the steps of one schema builder. */
function schemaChain(calls: readonly Call[], end: SyntaxNode, ctx: WalkCtx) {
  const [head, ...rest] = calls;
  if (!head) return;
  const name = str(head.args[0], ctx);
  const table = qualified(name);
  const push = (facts: StepFacts) => pushOp(ctx, end, facts);
  switch (head.method) {
    case 'createTable': {
      const notNull = kyselyCreatedNotNull(rest, ctx);
      return push({
        kind: 'create_table',
        ...table,
        ...(notNull.length > 0 ? { notNullColumns: notNull } : {}),
      });
    }
    case 'dropTable':
      return push({ kind: 'drop_table', ...table });
    case 'createIndex':
      return push({
        kind: 'create_index',
        ...qualified(str(rest.find((c) => c.method === 'on')?.args[0], ctx)),
      });
    case 'dropIndex':
      return push({ kind: 'drop_index' });
    case 'dropSchema':
      return push({ kind: 'drop_schema', ...(name ? { schema: name } : {}) });
    case 'alterTable':
      for (const c of rest) alterStep(c, table, push, ctx);
      return;
    case 'createSchema':
    case 'createView':
    case 'dropView':
    case 'createType':
    case 'dropType':
    case 'withSchema':
      return push({ kind: 'other', ...table });
  }
  pushUnfollowed(ctx, head.node, `db.schema.${head.method}, which Slipway does not map`);
}

function alterStep(
  c: Call,
  table: { table?: string; schema?: string },
  push: (f: StepFacts) => void,
  ctx: WalkCtx,
) {
  const column = (n: SyntaxNode | undefined) => (str(n, ctx) ? { column: str(n, ctx) as string } : {});
  const callback = c.args[c.args.length - 1];
  const said = (re: RegExp) => callback !== undefined && re.test(text(callback, ctx.src));
  switch (c.method) {
    case 'addColumn':
      // addColumn('c', 'text', (col) => col.notNull().defaultTo('x')): NOT NULL only when the callback says so.
      return push({
        ...table,
        kind: 'add_column',
        ...column(c.args[0]),
        ...(c.args.length > 2 && said(/\.notNull\s*\(/) ? { notNull: true } : {}),
        ...(c.args.length > 2 && said(/\.defaultTo\s*\(/) ? { hasDefault: true } : {}),
      });
    case 'dropColumn':
      return push({ ...table, kind: 'drop_column', ...column(c.args[0]) });
    case 'renameColumn': {
      const to = str(c.args[1], ctx);
      return push({ ...table, kind: 'rename_column', ...column(c.args[0]), ...(to ? { newName: to } : {}) });
    }
    case 'renameTo': {
      const to = str(c.args[0], ctx);
      return push({ ...table, kind: 'rename_table', ...(to ? { newName: qualified(to).table } : {}) });
    }
    case 'alterColumn': {
      const col = { ...table, ...column(c.args[0]) };
      if (said(/\.setDataType\s*\(/)) push({ ...col, kind: 'alter_column_type' });
      if (said(/\.setNotNull\s*\(/)) push({ ...col, kind: 'set_not_null' });
      if (said(/\.dropNotNull\s*\(/)) push({ ...col, kind: 'drop_not_null' });
      if (said(/\.setDefault\s*\(/)) push({ ...col, kind: 'set_default' });
      return;
    }
    case 'addForeignKeyConstraint':
    case 'addUniqueConstraint':
    case 'addCheckConstraint':
    case 'addPrimaryKeyConstraint':
      return push({
        ...table,
        kind: 'add_constraint',
        constraint: CONSTRAINT[c.method] as ConstraintType,
        lock: {
          mode: c.method === 'addForeignKeyConstraint' ? 'ShareRowExclusiveLock' : 'AccessExclusiveLock',
        },
      });
    case 'dropConstraint':
      return push({ ...table, kind: 'drop_constraint', lock: { mode: 'AccessExclusiveLock' } });
  }
  if (EXECUTE.test(c.method) || c.method === 'ifExists' || c.method === 'cascade') return;
  pushUnfollowed(ctx, c.node, `alterTable's ${c.method}, which Slipway does not map`);
}

/** `db.deleteFrom('t').where(...).execute()`, `db.updateTable('t').set(...)...`: rows, with or without WHERE. */
function queryChain(first: string, calls: readonly Call[], end: SyntaxNode, ctx: WalkCtx): void {
  const table = qualified(str(calls[0]?.args[0], ctx));
  const hasWhere = calls.some((c) => /^where/.test(c.method) || c.method === 'limit');
  if (first === 'deleteFrom' || first === 'updateTable') {
    const bound = hasWhere ? kyselyNotNullBound(calls, ctx) : undefined;
    pushOp(ctx, end, {
      kind: first === 'deleteFrom' ? 'delete' : 'update',
      ...table,
      hasWhere,
      ...(bound ? { notNullBound: bound } : {}),
    });
  } else if (['insertInto', 'replaceInto', 'selectFrom', 'mergeInto', 'with'].includes(first))
    pushOp(ctx, end, { kind: 'other', ...table, dataOnly: true });
  else pushUnfollowed(ctx, calls[0]?.node ?? end, `db.${first}, which Slipway does not map`);
}
