import { ident } from './render-column.js';
import { type Deferred, DjangoMade } from './render-django-made.js';
import { djangoForeignKeyName, djangoIndexName } from './render-django-names.js';

/**
 * A deferred statement (Deferred, render-django-made.ts) as it runs at the end of the migration,
 * named for the table and columns it is on by then; its name is remembered from here on.
 */
export function deferredStatement(d: Deferred, made: DjangoMade): string {
  const t = ident(d.table);
  const key = DjangoMade.key(d.table, d.columns.join('\u0000'));
  const cols = d.columns.map(ident).join(', ');
  switch (d.kind) {
    case 'index': {
      const name = djangoIndexName(d.table, d.columns);
      made.indexes.set(key, name);
      return `CREATE INDEX ${ident(name)} ON ${t} (${cols})`;
    }
    case 'like': {
      const name = djangoIndexName(d.table, d.columns, '_like');
      made.likeIndexes.set(key, name);
      return `CREATE INDEX ${ident(name)} ON ${t} (${cols} ${d.opclass})`;
    }
    case 'fk': {
      const to = d.to as NonNullable<Deferred['to']>;
      const name = djangoForeignKeyName(d.table, d.columns[0] as string, to.table, to.column);
      made.foreignKeys.set(key, { name, toTable: to.table, toColumn: to.column, hidden: to.hidden });
      return `ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${cols}) REFERENCES ${ident(to.table)} (${ident(to.column)}) DEFERRABLE INITIALLY DEFERRED`;
    }
    case 'together': {
      const name = djangoIndexName(d.table, d.columns, '_uniq');
      made.together.set(key, name);
      return `ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} UNIQUE (${cols})`;
    }
    default:
      return d.render?.(d.table) ?? '';
  }
}
