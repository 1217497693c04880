import { type DjangoField, djangoColumn } from './django-field.js';
import type { StepFacts } from './schema-op.js';

type Fields = readonly [string, DjangoField | undefined][];

/**
 * The create_table step of a CreateModel of `table`: the tables its foreign keys reference
 * (`relatedTable` turns a field's `to` into one) and the columns it makes NOT NULL.
 */
export function createModelStep(
  table: string,
  fields: Fields,
  relatedTable: (to: string | undefined) => string | undefined,
): StepFacts {
  const references = [
    ...new Set(
      fields.flatMap(([, f]) =>
        f?.relation === 'foreign_key' ? [relatedTable(f.to)].filter((x) => x !== undefined) : [],
      ),
    ),
  ] as string[];
  const notNullColumns = djangoNotNullColumns(fields);
  return {
    kind: 'create_table',
    table,
    ...(references.length ? { references } : {}),
    ...(notNullColumns.length ? { notNullColumns } : {}),
  };
}

/**
 * The columns a CreateModel makes NOT NULL, lower-cased: every field without `null=True` (Django's
 * default is NOT NULL) and the primary key, each by its column (`author_id` for a foreign key,
 * `db_column`). A field not read, a many-to-many one (a table of its own, no column) and a
 * GeneratedField (whose NULL-ness Slipway does not model) are left out. What MIG006 reads a later
 * `WHERE col IS NOT NULL` by (not-null-columns.ts).
 */
function djangoNotNullColumns(fields: Fields): string[] {
  const out: string[] = [];
  for (const [name, f] of fields) {
    if (f === undefined || f.relation === 'many_to_many' || f.class === 'GeneratedField') continue;
    if (!f.null || f.primaryKey) out.push(djangoColumn(name, f).toLowerCase());
  }
  return out;
}
