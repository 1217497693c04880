import type { SyntaxNode } from '@lezer/common';
import type { DjangoField } from '../migrations/django-field.js';
import { ident } from './render-column.js';
import { columnType, effectiveDefault, likeOpclass } from './render-django-field.js';
import {
  type DjangoOpContext,
  foreignKeyTarget,
  madeForeignKey,
  stateAfter,
} from './render-django-context.js';
import {
  addReferencing,
  dropReferencing,
  referencing,
  retypeReferencing,
} from './render-django-key-change.js';
import { DjangoMade, type DjangoOpOutput, emptyOutput } from './render-django-made.js';
import { djangoIndexName } from './render-django-names.js';
import { STAND_IN_TYPE } from './stand-in-type.js';

/**
 * A field changed in place, in the order Django's `_alter_field` runs the steps (base/schema.py,
 * wrapped by postgresql/schema.py): the old foreign key, unique constraint and index dropped;
 * the column renamed; its type changed (with a USING cast when the data type differs, not only
 * its length); NULL changed (with the four-way default dance when a NOT NULL column gets a
 * default: SET DEFAULT, UPDATE the NULL rows, SET NOT NULL, DROP DEFAULT); then the new unique
 * constraint, index, foreign key and `_like` index. What Django would find in the database
 * (`_constraint_names`) is what this rendering made before (DjangoMade).
 */

/** Django's data type without its length: `varchar(200)` and `varchar(300)` need no USING cast. */
const family = (type: string) => type.replace(/\(.*\)$/, '');

const STRINGS = /^(varchar|text|citext)/;

export function alterField(
  c: DjangoOpContext,
  table: string,
  before: DjangoField,
  after: DjangoField,
  oldColumn: string,
  column: string,
  node: SyntaxNode | undefined,
): DjangoOpOutput {
  const out = emptyOutput();
  // Only what a column holds: a change of help_text or on_delete alone sends nothing.
  if (oldColumn === column && JSON.stringify(before) === JSON.stringify(after)) return out;
  const { made } = c;
  const t = ident(table);
  const col = ident(column);
  const scope = { ...c.scope, state: stateAfter(c) };
  const oldType = columnType(before, undefined, c.scope).sql;
  const type = columnType(after, node, scope);
  if (type.standInFor) out.standIns.push({ table, column, type: type.standInFor, ranAs: STAND_IN_TYPE });
  const oldKey = DjangoMade.key(table, oldColumn);
  const drop = (map: Map<string, string>, sql: (name: string) => string) => {
    const name = map.get(oldKey);
    if (name !== undefined) out.now.push(sql(name));
    map.delete(oldKey);
  };
  const dropIndex = (name: string) => `DROP INDEX IF EXISTS ${ident(name)}`;
  // postgresql/schema.py: the `_like` index goes when the column stops being a string.
  const typeLeavesStrings = STRINGS.test(oldType) && family(oldType) !== family(type.sql);
  if ((before.indexed || before.unique) && typeLeavesStrings) drop(made.likeIndexes, dropIndex);
  const fk = made.foreignKeys.get(oldKey);
  if (before.relation === 'foreign_key' && fk) {
    out.now.push(
      `SET CONSTRAINTS ${ident(fk.name)} IMMEDIATE; ALTER TABLE ${t} DROP CONSTRAINT ${ident(fk.name)}`,
    );
    made.foreignKeys.delete(oldKey);
  }
  if (before.unique && !after.unique)
    drop(made.uniques, (n) => `ALTER TABLE ${t} DROP CONSTRAINT ${ident(n)}`);
  // A key whose type changes: the foreign keys to it are dropped, retyped and made again.
  const keyRetyped =
    ((before.primaryKey && after.primaryKey) || (before.unique && after.unique)) && oldType !== type.sql;
  const refs = keyRetyped ? referencing(made, table, oldColumn) : [];
  dropReferencing(refs, made, out);
  // Django drops every plain index it finds on the column (`_constraint_names(index=True)`): the `_like` one too.
  if (before.indexed && !before.unique && (!after.indexed || after.unique)) {
    drop(made.indexes, dropIndex);
    drop(made.likeIndexes, dropIndex);
  }
  if (oldColumn !== column) {
    out.now.push(`ALTER TABLE ${t} RENAME COLUMN ${ident(oldColumn)} TO ${col}`);
    made.renameColumn(table, oldColumn, column);
  }
  const typeChange =
    oldType === type.sql
      ? []
      : [
          `ALTER COLUMN ${col} TYPE ${type.sql}${family(oldType) === family(type.sql) ? '' : ` USING ${col}::${type.sql}`}`,
        ];
  const dropDefault = nullChange(
    typeChange,
    out,
    t,
    col,
    before,
    after,
    effectiveDefault(after, node, type.sql, c.scope.src),
  );
  const key = DjangoMade.key(table, column);
  if (!before.unique && after.unique && !after.primaryKey) {
    const name = djangoIndexName(table, [column], '_uniq');
    made.uniques.set(key, name);
    out.now.push(`ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} UNIQUE (${col})`);
  }
  if ((!before.indexed || before.unique) && after.indexed && !after.unique) {
    const name = djangoIndexName(table, [column]);
    made.indexes.set(key, name);
    out.now.push(`CREATE INDEX ${ident(name)} ON ${t} (${col})`);
  }
  retypeReferencing(refs, type.sql, out);
  if (after.relation === 'foreign_key' && (fk || before.relation !== 'foreign_key')) {
    const to = foreignKeyTarget(column, after, node, scope, out);
    if (to)
      out.now.push(
        `ALTER TABLE ${t} ADD CONSTRAINT ${ident(madeForeignKey(made, table, column, to))} FOREIGN KEY (${col}) REFERENCES ${ident(to.table)} (${ident(to.column)}) DEFERRABLE INITIALLY DEFERRED`,
      );
  }
  addReferencing(refs, made, table, column, out);
  // The default set for the NOT NULL change is dropped last of the base steps, as Django does.
  if (dropDefault) out.now.push(dropDefault);
  // postgresql/schema.py, after the base steps: a `_like` index for a string column newly indexed.
  const opclass = likeOpclass(after, type.sql);
  if (
    opclass &&
    ((!(before.indexed || before.unique) && after.indexed) || (!before.unique && after.unique))
  ) {
    const name = djangoIndexName(table, [column], '_like');
    made.likeIndexes.set(key, name);
    out.now.push(`CREATE INDEX ${ident(name)} ON ${t} (${col} ${opclass})`);
  }
  if (before.unique && !(after.indexed || after.unique)) drop(made.likeIndexes, dropIndex);
  return out;
}

/**
 * The column's own changes, as `_alter_field` sends them: PostgreSQL takes several in one ALTER
 * TABLE (`supports_combined_alters`), so the type change, the default set for a NOT NULL change
 * and the NULL change go together; with a `default=` of the field going NOT NULL
 * (`four_way_default_alteration`) the NULL rows are filled between the default and SET NOT NULL.
 * The default set is dropped at the end (returned: the caller runs it last). The old field's
 * default is taken as none (a NULL column's usual case): the state keeps no default values.
 */
function nullChange(
  actions: string[],
  out: DjangoOpOutput,
  t: string,
  col: string,
  before: DjangoField,
  after: DjangoField,
  def: string | undefined,
): string | undefined {
  const nullSql =
    before.null === after.null
      ? []
      : [`ALTER COLUMN ${col} ${after.null ? 'DROP NOT NULL' : 'SET NOT NULL'}`];
  const needsDefault = before.null && !after.null && def !== undefined;
  if (needsDefault) actions.push(`ALTER COLUMN ${col} SET DEFAULT ${def}`);
  const fourWay = needsDefault && after.hasDefault;
  if (!fourWay) actions.push(...nullSql);
  if (actions.length > 0) out.now.push(`ALTER TABLE ${t} ${actions.join(', ')}`);
  if (fourWay)
    out.now.push(
      `UPDATE ${t} SET ${col} = ${def} WHERE ${col} IS NULL`,
      ...nullSql.map((a) => `ALTER TABLE ${t} ${a}`),
    );
  return needsDefault ? `ALTER TABLE ${t} ALTER COLUMN ${col} DROP DEFAULT` : undefined;
}
