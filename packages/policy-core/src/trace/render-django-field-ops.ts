import { djangoColumn } from '../migrations/django-field.js';
import { ident, NotRendered } from './render-column.js';
import { alterField } from './render-django-alter.js';
import {
  type DjangoOpContext,
  fieldIndexes,
  knownType,
  fieldNode,
  foreignKeyTarget,
  madeForeignKey,
  M2M,
  modelOf,
  stateAfter,
} from './render-django-context.js';
import { columnDefinition, columnType, effectiveDefault } from './render-django-field.js';
import { DjangoMade, type DjangoOpOutput, emptyOutput } from './render-django-made.js';
import { joinTable, madeJoinTable } from './render-django-m2m.js';
import { STAND_IN_TYPE } from './stand-in-type.js';

/**
 * AddField, RemoveField, AlterField and RenameField as Django's schema editor runs them
 * (base/schema.py `add_field`, `remove_field`, `alter_field`; postgresql/schema.py).
 */

export function addField(c: DjangoOpContext): DjangoOpOutput {
  const out = emptyOutput();
  const table = modelOf(c).table;
  const f = c.op.def;
  if (table === undefined) return out;
  if (!f || c.op.field === undefined) throw new NotRendered('a field that is not a call with a literal name');
  const node = fieldNode(c);
  const scope = { ...c.scope, state: stateAfter(c) };
  if (f.relation === 'many_to_many') {
    // `add_field` of a ManyToManyField creates its join table (`create_model` of the through model).
    joinTable({ model: c.op.model ?? '', table, field: c.op.field }, f, node, scope, c.made, out);
    return out;
  }
  const column = djangoColumn(c.op.field, f);
  const type = columnType(f, node, scope);
  if (type.standInFor) out.standIns.push({ table, column, type: type.standInFor, ranAs: STAND_IN_TYPE });
  const def = effectiveDefault(f, node, type.sql, c.scope.src);
  let sql = `ALTER TABLE ${ident(table)} ADD COLUMN ${ident(column)} ${columnDefinition(f, column, type.sql, def)}`;
  const to = foreignKeyTarget(column, f, node, scope, out);
  // PostgreSQL's schema editor adds the key inline and checks it at once (`sql_create_column_inline_fk`).
  if (to) {
    const name = ident(madeForeignKey(c.made, table, column, to));
    sql += ` CONSTRAINT ${name} REFERENCES ${ident(to.table)}(${ident(to.column)}) DEFERRABLE INITIALLY DEFERRED; SET CONSTRAINTS ${name} IMMEDIATE`;
  }
  out.now.push(sql);
  // Django fills the rows through the default, then drops it: the column keeps no default in the database.
  if (def !== undefined)
    out.now.push(`ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(column)} DROP DEFAULT`);
  out.later.push(...fieldIndexes(table, column, f, knownType(type), c.made));
  return out;
}

export function removeField(c: DjangoOpContext): DjangoOpOutput {
  const out = emptyOutput();
  const m = modelOf(c);
  const name = c.op.field ?? '';
  if (m.table === undefined) return out;
  if (!m.fields.has(name))
    throw new NotRendered(`RemoveField of ${name}, which the app's migrations before it do not add`);
  const f = m.fields.get(name);
  const t = ident(m.table);
  if (f?.relation === 'many_to_many') {
    // `remove_field` drops its join table; one the rendering never made (`through=`, not rendered) has nothing to drop.
    const join = madeJoinTable(c.made, m.table, name, f);
    if (join === undefined) return { ...out, notRendered: [M2M] };
    c.made.dropTable(join);
    return { ...out, now: [`DROP TABLE ${ident(join)} CASCADE`] };
  }
  const column = djangoColumn(name, f);
  const key = DjangoMade.key(m.table, column);
  const fk = c.made.foreignKeys.get(key);
  // Django drops the foreign keys it finds on the column first, checking deferred rows at once.
  if (fk)
    out.now.push(
      `SET CONSTRAINTS ${ident(fk.name)} IMMEDIATE; ALTER TABLE ${t} DROP CONSTRAINT ${ident(fk.name)}`,
    );
  out.now.push(`ALTER TABLE ${t} DROP COLUMN ${ident(column)} CASCADE`);
  c.made.dropColumn(m.table, column);
  return out;
}

/** AlterField: the field before (the state) to the one it writes. */
export function alterFieldOp(c: DjangoOpContext): DjangoOpOutput {
  const m = modelOf(c);
  const name = c.op.field ?? '';
  const before = m.fields.get(name);
  const after = c.op.def;
  if (m.table === undefined) return emptyOutput();
  if (!before || !after)
    throw new NotRendered(`AlterField of ${name}: the field before it or after it is not known`);
  if (before.relation === 'many_to_many' || after.relation === 'many_to_many')
    return { ...emptyOutput(), notRendered: [M2M] };
  // Which field is the key, or an auto field's type (its sequence or identity goes with it): not rendered.
  const autoChanged = (before.serial || after.serial) && JSON.stringify(before) !== JSON.stringify(after);
  if (before.primaryKey !== after.primaryKey || autoChanged)
    throw new NotRendered(
      `AlterField of ${name}: a primary key made or removed, or an auto field changed, is not rendered`,
      'an AlterField of a primary key or an auto field: trace does not render it',
    );
  return alterField(
    c,
    m.table,
    before,
    after,
    djangoColumn(name, before),
    djangoColumn(name, after),
    fieldNode(c),
  );
}

/** RenameField: Django alters the field to one with the new name (`alter_field`). */
export function renameField(c: DjangoOpContext): DjangoOpOutput {
  const m = modelOf(c);
  const f = m.fields.get(c.op.field ?? '');
  if (m.table === undefined || f?.relation === 'many_to_many') return emptyOutput();
  if (!f || c.op.newName === undefined)
    throw new NotRendered(`RenameField of ${c.op.field}, which the app's migrations before it do not add`);
  const from = djangoColumn(c.op.field ?? '', f);
  const to = djangoColumn(c.op.newName, f);
  if (from === to) return emptyOutput();
  return alterField(c, m.table, f, f, from, to, undefined);
}
