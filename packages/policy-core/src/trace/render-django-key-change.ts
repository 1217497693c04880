import { ident } from './render-column.js';
import { DjangoMade, type DjangoOpOutput, type ForeignKey } from './render-django-made.js';
import { djangoIndexName } from './render-django-names.js';

/**
 * A key's type changed (a primary key, or a unique column a `to_field` points at): Django's
 * `_alter_field` drops the foreign keys that reference it, changes their columns' type with it
 * (`rels_to_update`, each with a USING cast: their types differ by length too), then makes them
 * again, named with a bare `_fk` suffix this time; a `related_name="+"` one is not made again
 * (it is not among the model's `related_objects`), as Django leaves it.
 */

interface Referencing {
  key: string;
  table: string;
  column: string;
  fk: ForeignKey;
}

/** The foreign keys the rendering made that point at `table.column`. */
export function referencing(made: DjangoMade, table: string, column: string): Referencing[] {
  return [...made.foreignKeys]
    .filter(([, fk]) => fk.toTable === table && fk.toColumn === column)
    .map(([key, fk]) => {
      const [t, c] = key.split('\u0000') as [string, string];
      return { key, table: t, column: c, fk };
    });
}

export function dropReferencing(refs: readonly Referencing[], made: DjangoMade, out: DjangoOpOutput): void {
  for (const r of refs) {
    out.now.push(
      `SET CONSTRAINTS ${ident(r.fk.name)} IMMEDIATE; ALTER TABLE ${ident(r.table)} DROP CONSTRAINT ${ident(r.fk.name)}`,
    );
    made.foreignKeys.delete(r.key);
  }
}

export function retypeReferencing(refs: readonly Referencing[], type: string, out: DjangoOpOutput): void {
  for (const r of refs)
    out.now.push(
      `ALTER TABLE ${ident(r.table)} ALTER COLUMN ${ident(r.column)} TYPE ${type} USING ${ident(r.column)}::${type}`,
    );
}

export function addReferencing(
  refs: readonly Referencing[],
  made: DjangoMade,
  table: string,
  column: string,
  out: DjangoOpOutput,
): void {
  for (const r of refs) {
    if (r.fk.hidden) continue;
    const name = djangoIndexName(r.table, [r.column], '_fk');
    made.foreignKeys.set(DjangoMade.key(r.table, r.column), {
      ...r.fk,
      name,
      toTable: table,
      toColumn: column,
    });
    out.now.push(
      `ALTER TABLE ${ident(r.table)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${ident(r.column)}) REFERENCES ${ident(table)} (${ident(column)}) DEFERRABLE INITIALLY DEFERRED`,
    );
  }
}
