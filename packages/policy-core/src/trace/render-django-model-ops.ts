import type { SyntaxNode } from '@lezer/common';
import { type DjangoField, djangoColumn } from '../migrations/django-field.js';
import { arg, callArgs, collectionItems, str } from '../migrations/python-syntax.js';
import { ident, NotRendered } from './render-column.js';
import { columnDefinition, columnType, refuseUnrendered } from './render-django-field.js';
import {
  type DjangoOpContext,
  fieldIndexes,
  knownType,
  foreignKeyTarget,
  M2M,
  modelOf,
  stateAfter,
} from './render-django-context.js';
import { renderConstraint, renderIndex } from './render-django-index.js';
import { joinTable, madeJoinTable } from './render-django-m2m.js';
import { type Deferred, DjangoMade, type DjangoOpOutput, emptyOutput } from './render-django-made.js';
import { djangoForeignKeyName, djangoIndexName } from './render-django-names.js';
import { STAND_IN_TYPE } from './stand-in-type.js';

/**
 * CreateModel, DeleteModel, RenameModel and AlterModelTable, and AlterUniqueTogether /
 * AlterIndexTogether, as Django's schema editor runs them (base/schema.py `create_model`,
 * `table_sql`, `delete_model`, `alter_db_table`, `alter_unique_together`).
 */

/** `options={"indexes": [...], "constraints": [...]}` of a CreateModel. */
function optionList(node: SyntaxNode | undefined, key: string, src: string): SyntaxNode[] {
  if (node?.name !== 'DictionaryExpression') return [];
  const items = collectionItems(node).filter((c) => c.name !== ':');
  for (let i = 0; i + 1 < items.length; i += 2)
    if (str(items[i], src) === key) {
      const value = items[i + 1] as SyntaxNode;
      // `set()`: none.
      return value.name === 'CallExpression' ? [] : collectionItems(value);
    }
  return [];
}

/** `fields=[("name", models.X(...)), ...]`: each field's call, by name. */
function fieldNodes(node: SyntaxNode | undefined, src: string): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  const list = node ? arg(callArgs(node, src), 1, 'fields') : undefined;
  for (const pair of list ? collectionItems(list) : []) {
    const [k, v] = collectionItems(pair);
    const name = k ? str(k, src) : undefined;
    if (name !== undefined && v) out.set(name, v);
  }
  return out;
}

/**
 * CREATE TABLE with its columns and Meta constraints; deferred to the end of the migration, as
 * `table_sql` and `create_model` defer them: unique_together, the foreign keys, each field's
 * indexes, then Meta indexes.
 */
export function createModel(c: DjangoOpContext): DjangoOpOutput {
  const out = emptyOutput();
  const { op, scope } = c;
  if (op.noTable || op.model === undefined) return out;
  const table = op.dbTable ?? `${scope.app}_${op.model.toLowerCase()}`;
  const after = { ...scope, state: stateAfter(c) };
  const nodes = fieldNodes(c.node, scope.src);
  const fields = after.state.modelOf(op.model)?.fields ?? new Map();
  const columns: string[] = [];
  const joins: [string, DjangoField][] = [];
  const foreignKeys: Deferred[] = [];
  const indexes: Deferred[] = [];
  for (const [name, f] of op.fields ?? []) {
    if (!f) throw new NotRendered(`field ${name} is not a call Slipway reads`);
    if (f.relation === 'many_to_many') {
      joins.push([name, f]);
      continue;
    }
    refuseUnrendered(nodes.get(name), scope.src);
    const column = djangoColumn(name, f);
    const type = columnType(f, nodes.get(name), after);
    if (type.standInFor) out.standIns.push({ table, column, type: type.standInFor, ranAs: STAND_IN_TYPE });
    columns.push(`${ident(column)} ${columnDefinition(f, column, type.sql)}`);
    const to = foreignKeyTarget(column, f, nodes.get(name), after, out);
    if (to) foreignKeys.push({ kind: 'fk', table, columns: [column], to });
    indexes.push(...fieldIndexes(table, column, f, knownType(type), c.made));
  }
  const options = c.node ? arg(callArgs(c.node, scope.src), 2, 'options') : undefined;
  const inline: string[] = [];
  for (const n of optionList(options, 'constraints', scope.src)) {
    const r = renderConstraint(n, table, fields, scope.src);
    if (r.asIndex) c.made.uniqueIndexes.add(r.name);
    if (r.inline) inline.push(r.inline);
    else
      indexes.push({
        kind: 'meta',
        table,
        columns: [],
        render: (on) => renderConstraint(n, on, fields, scope.src).add,
      });
  }
  const optionText = options ? scope.src.slice(options.from, options.to) : '';
  for (const option of ['index_together', 'db_table_comment'])
    if (new RegExp(`["']${option}["']\\s*:\\s*(?!set\\(\\s*\\))\\S`).test(optionText))
      out.notRendered.push({
        reason: `${option} in its options: trace does not render it`,
        cause: `${option} in CreateModel options: trace does not render it`,
      });
  for (const n of optionList(options, 'indexes', scope.src)) {
    renderIndex(n, table, fields, scope.src, false);
    indexes.push({
      kind: 'meta',
      table,
      columns: [],
      render: (on) => renderIndex(n, on, fields, scope.src, false).sql,
    });
  }
  out.now.push(`CREATE TABLE ${ident(table)} (${[...columns, ...inline].join(', ')})`);
  const together = (op.together ?? []).map(
    (t): Deferred => ({ kind: 'together', table, columns: t.map((n) => djangoColumn(n, fields.get(n))) }),
  );
  out.later.push(...together, ...foreignKeys, ...indexes);
  // `create_model` makes the join tables of the new model's ManyToManyFields after it.
  for (const [name, f] of joins)
    try {
      joinTable({ model: op.model, table, field: name }, f, nodes.get(name), after, c.made, out);
    } catch (error) {
      // The table itself is rendered: only the join table is not.
      if (!(error instanceof NotRendered)) throw error;
      out.notRendered.push({ reason: error.message, cause: error.general });
    }
  return out;
}

/** unique_together's constraint, made at once (AlterUniqueTogether). */
function addTogether(made: DjangoMade, table: string, columns: string[]): string {
  const name = djangoIndexName(table, columns, '_uniq');
  made.together.set(DjangoMade.key(table, columns.join('\u0000')), name);
  return `ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(name)} UNIQUE (${columns.map(ident).join(', ')})`;
}

/** A model's ManyToManyFields: their join tables are not rendered, so what Django does to them is listed. */
const joinTables = (c: DjangoOpContext) =>
  [...modelOf(c).fields.values()].some((f) => f?.relation === 'many_to_many') ? [M2M] : [];

export function deleteModel(c: DjangoOpContext): DjangoOpOutput {
  const table = modelOf(c).table;
  if (table === undefined) return emptyOutput();
  // `delete_model` drops the model's join tables first.
  const joins = [...modelOf(c).fields]
    .flatMap(([name, f]) => (f?.relation === 'many_to_many' ? [madeJoinTable(c.made, table, name, f)] : []))
    .filter((t): t is string => t !== undefined);
  for (const t of joins) c.made.dropTable(t);
  c.made.dropTable(table);
  return { ...emptyOutput(), now: [...joins, table].map((t) => `DROP TABLE ${ident(t)} CASCADE`) };
}

/**
 * RenameModel / AlterModelTable: the table renamed (none when `db_table` keeps it). RenameModel
 * then alters the foreign keys that point at the model (not a `related_name="+"` one, which has
 * no reverse relation Django follows): each dropped and added again, named for the new table.
 */
export function renameModel(c: DjangoOpContext): DjangoOpOutput {
  const out = emptyOutput();
  const from = modelOf(c).table;
  const model = c.op.name === 'RenameModel' ? c.op.newName : c.op.model;
  const to = stateAfter(c).modelOf(model)?.table;
  if (from === undefined || to === undefined || from === to) return out;
  out.now.push(`ALTER TABLE ${ident(from)} RENAME TO ${ident(to)}`);
  out.notRendered.push(...joinTables(c));
  c.made.renameTable(from, to);
  if (c.op.name !== 'RenameModel') return out;
  for (const [key, fk] of c.made.foreignKeys) {
    if (fk.toTable !== to || fk.hidden) continue;
    const [table, column] = key.split('\u0000') as [string, string];
    const name = djangoForeignKeyName(table, column, to, fk.toColumn);
    out.now.push(
      `SET CONSTRAINTS ${ident(fk.name)} IMMEDIATE; ALTER TABLE ${ident(table)} DROP CONSTRAINT ${ident(fk.name)}`,
      `ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${ident(column)}) REFERENCES ${ident(to)} (${ident(fk.toColumn)}) DEFERRABLE INITIALLY DEFERRED`,
    );
    fk.name = name;
  }
  return out;
}

/** AlterUniqueTogether / AlterIndexTogether: the sets removed are dropped, then the new ones made. */
export function alterTogether(c: DjangoOpContext): DjangoOpOutput {
  const out = emptyOutput();
  const m = modelOf(c);
  if (m.table === undefined) return out;
  if (c.op.together === undefined)
    throw new NotRendered('a unique_together / index_together that is not literal');
  const table = m.table;
  const unique = c.op.name === 'AlterUniqueTogether';
  const cols = (t: string[]) => t.map((n) => djangoColumn(n, m.fields.get(n)));
  const id = (t: string[]) => cols(t).join('\u0000');
  const before = unique ? m.together : m.indexTogether;
  const now = new Set(c.op.together.map(id));
  const had = new Set(before.map(id));
  for (const t of before) {
    if (now.has(id(t))) continue;
    const key = DjangoMade.key(table, id(t));
    const name = c.made.together.get(key) ?? djangoIndexName(table, cols(t), unique ? '_uniq' : '_idx');
    c.made.together.delete(key);
    out.now.push(
      unique
        ? `ALTER TABLE ${ident(table)} DROP CONSTRAINT ${ident(name)}`
        : `DROP INDEX IF EXISTS ${ident(name)}`,
    );
  }
  for (const t of c.op.together) {
    if (had.has(id(t))) continue;
    if (unique) out.now.push(addTogether(c.made, table, cols(t)));
    else {
      const name = djangoIndexName(table, cols(t), '_idx');
      c.made.together.set(DjangoMade.key(table, id(t)), name);
      out.now.push(`CREATE INDEX ${ident(name)} ON ${ident(table)} (${cols(t).map(ident).join(', ')})`);
    }
  }
  return out;
}
