import { type DjangoField, djangoColumn } from './django-field.js';
import type { StepFacts } from './schema-op.js';
import { changesWithoutRewrite, sqlTypeText } from './sqlalchemy-type.js';

/**
 * What an AlterField does to the column, told from the field before it (the app's state,
 * django-state.ts) and the field it writes: a rename (db_column), a type change (in place when
 * PostgreSQL keeps the rows: a varchar widened), NOT NULL set or dropped, a foreign key, a unique
 * constraint or an index added, an index dropped. Without the field before, nothing can be told: `other`.
 */
export function fieldChangeSteps(
  before: DjangoField | undefined,
  after: DjangoField | undefined,
  table: string | undefined,
  field: string,
): StepFacts[] {
  const column = djangoColumn(field, after);
  if (!before || !after) return [{ kind: 'other', table, column }];
  const out: StepFacts[] = [];
  const oldColumn = djangoColumn(field, before);
  if (oldColumn !== column) out.push({ kind: 'rename_column', table, column: oldColumn, newName: column });
  const typeChanged =
    before.type && after.type
      ? sqlTypeText(before.type) !== sqlTypeText(after.type)
      : before.class !== after.class && !(before.type === undefined && after.type === undefined);
  if (typeChanged) {
    const inPlace = before.type && after.type ? changesWithoutRewrite(before.type, after.type) : false;
    out.push({ kind: 'alter_column_type', table, column, ...(inPlace ? { inPlace } : {}) });
  }
  if (before.null && !after.null) out.push({ kind: 'set_not_null', table, column });
  if (!before.null && after.null)
    out.push({ kind: 'drop_not_null', table, column, lock: { mode: 'AccessExclusiveLock' } });
  if (after.relation === 'foreign_key' && before.relation !== 'foreign_key')
    out.push({ kind: 'add_constraint', table, constraint: 'foreign_key' });
  if (after.unique && !before.unique && !after.primaryKey)
    out.push({ kind: 'add_constraint', table, constraint: 'unique' });
  else if (after.indexed && !before.indexed && !after.unique)
    out.push({ kind: 'create_index', table, columns: [column] });
  // Django's own test (schema.py, `_alter_field`): an index the field had, not a unique one, goes
  // when db_index is turned off or a unique constraint takes its place. A plain DROP INDEX.
  // Django's `field.unique` is true for a primary key too: its index is the key's, never dropped here.
  const unique = (f: DjangoField) => f.unique || f.primaryKey;
  if (before.indexed && !unique(before) && (!after.indexed || unique(after)))
    out.push({ kind: 'drop_index', table, columns: [oldColumn] });
  return out.length ? out : [{ kind: 'other', table, column }];
}
