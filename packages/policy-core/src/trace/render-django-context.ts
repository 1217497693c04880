import type { SyntaxNode } from '@lezer/common';
import type { DjangoField } from '../migrations/django-field.js';
import type { DjangoOperation } from '../migrations/django-operation.js';
import type { DjangoState, ModelState } from '../migrations/django-state.js';
import { arg, callArgs, str } from '../migrations/python-syntax.js';
import { NotRendered } from './render-column.js';
import { type DjangoScope, hasDbConstraint, likeOpclass, relationTarget } from './render-django-field.js';
import { type Deferred, DjangoMade, type DjangoOpOutput } from './render-django-made.js';
import { djangoForeignKeyName } from './render-django-names.js';

/**
 * What every Django operation's rendering shares (render-django-*-ops.ts): the context it is
 * rendered in, the model it names, the models after it, and a field's foreign key and indexes.
 */

/** One operation being rendered: the app, the models before it, what was made, and its call. */
export interface DjangoOpContext {
  scope: DjangoScope;
  made: DjangoMade;
  op: DjangoOperation;
  node: SyntaxNode | undefined;
  atomic: boolean;
}

/** What Django does to a join table here (alter, rename, one made with `through=`) is not rendered. */
export const M2M = {
  reason: "a ManyToManyField's join table: what Django does to it here is not rendered",
  cause: "a ManyToManyField's join table changed: trace does not render it",
};

/** The model the operation names, as the history left it; its table undefined when Django makes none. */
export function modelOf(c: DjangoOpContext): Readonly<ModelState> {
  const m = c.scope.state.modelOf(c.op.model);
  if (!m)
    throw new NotRendered(
      `${c.op.name} on model ${c.op.model ?? '(not a literal)'}, which no earlier migration of the app creates`,
      'an operation on a model no earlier migration of the app creates',
    );
  return m;
}

/** The models after the operation: a relation to the model it creates (or to itself) resolves. */
export function stateAfter(c: DjangoOpContext): DjangoState {
  const after = c.scope.state.clone();
  after.steps([c.op], c.atomic);
  return after;
}

/** The `field=` argument of AddField / AlterField, which the field's own options are read from. */
export const fieldNode = (c: DjangoOpContext): SyntaxNode | undefined =>
  c.node ? arg(callArgs(c.node, c.scope.src), 2, 'field') : undefined;

/** A foreign key's target, noted as not rendered when it is in another app. */
export function foreignKeyTarget(
  column: string,
  field: DjangoField,
  node: SyntaxNode | undefined,
  scope: DjangoScope,
  out: DjangoOpOutput,
): NonNullable<Deferred['to']> | undefined {
  if (field.relation !== 'foreign_key' || !hasDbConstraint(node, scope.src)) return undefined;
  const target = relationTarget(field, node, scope);
  if (!target) {
    out.notRendered.push({
      reason: `the foreign key of ${column} to ${field.to ?? 'a swappable model'}: its table is another app's, which trace does not build`,
      cause: "a foreign key to another app's model: trace builds one app's history",
    });
    return undefined;
  }
  const args = node?.name === 'CallExpression' ? callArgs(node, scope.src) : undefined;
  const hidden = str(args?.keywords.get('related_name'), scope.src)?.endsWith('+') === true;
  return { table: target.table, column: target.column, hidden };
}

/** A foreign key made at once (AddField's inline one, AlterField's): named and remembered. */
export function madeForeignKey(
  made: DjangoMade,
  table: string,
  column: string,
  to: NonNullable<Deferred['to']>,
): string {
  const name = djangoForeignKeyName(table, column, to.table, to.column);
  made.foreignKeys.set(DjangoMade.key(table, column), {
    name,
    toTable: to.table,
    toColumn: to.column,
    hidden: to.hidden,
  });
  return name;
}

/** The column's type when known: a stand-in's is not, and gets no `_like` index. */
export const knownType = (type: { sql: string; standInFor?: string }): string =>
  type.standInFor === undefined ? type.sql : '';

/**
 * The indexes Django defers for a field (`_field_indexes_sql`): db_index, then the `_like` one.
 * An inline UNIQUE runs at once, named by PostgreSQL (`<table>_<column>_key`): remembered here.
 */
export function fieldIndexes(
  table: string,
  column: string,
  f: DjangoField,
  type: string,
  made: DjangoMade,
): Deferred[] {
  const out: Deferred[] = [];
  if (f.indexed && !f.unique && !f.primaryKey) out.push({ kind: 'index', table, columns: [column] });
  const opclass = likeOpclass(f, type);
  if (opclass) out.push({ kind: 'like', table, columns: [column], opclass });
  if (f.unique && !f.primaryKey)
    made.uniques.set(DjangoMade.key(table, column), `${table}_${column}_key`.slice(0, 63));
  return out;
}
