import { changesSchema, type SchemaOp, tableKey } from './schema-op.js';

/**
 * Which columns each table has, replayed op by op over a migration history in the order it runs:
 * what a table rebuild's copy must keep (MIG043). A table's columns are known only from a
 * creation that writes every one (`SchemaOp.madeColumns`) and the column steps after it; a table
 * made elsewhere (before the migrations, `LIKE`, a helper Slipway cannot read) is unknown, with
 * the reason, and stays so. One pass over the ops, each step O(1) but a rename's copy of one set.
 */
export type Columns = { known: Set<string> } | { unknown: string };

export class TableColumns {
  private readonly tables = new Map<string, Columns>();
  /** Set once a statement could not be read: whatever it did to a table is not known. */
  private clouded: string | undefined;

  /** The columns of `key` (tableKey) now; `table` names it in the reason. */
  of(key: string, table: string): Columns {
    const state = this.tables.get(key);
    if (state && 'known' in state && this.clouded === undefined) return state;
    if (state && 'unknown' in state) return state;
    return {
      unknown:
        this.clouded ??
        `no migration Slipway reads creates "${table}" (it was made before them, or outside them)`,
    };
  }

  apply(op: SchemaOp): void {
    if (op.back) return;
    // SQL not read that may have changed a table: DDL another dialect writes (`ddlVerb`), a file
    // refused or not followed. A PRAGMA or a statement of rows changes no columns.
    if (
      op.kind === 'unread_sql' &&
      op.table === undefined &&
      (changesSchema(op) || op.refused || op.unfollowed !== undefined || op.load !== undefined)
    ) {
      this.clouded ??= `a statement before it could not be read (${op.label.slice(0, 60)})`;
      return;
    }
    const key = tableKey(op);
    if (key === undefined) return;
    const state = this.tables.get(key);
    const known = state && 'known' in state ? state.known : undefined;
    switch (op.kind) {
      case 'create_table':
        this.tables.set(
          key,
          op.madeColumns
            ? { known: new Set(op.madeColumns) }
            : {
                unknown: `"${op.table}" is created with columns Slipway cannot list (${op.label.slice(0, 60)})`,
              },
        );
        return;
      case 'drop_table':
        this.tables.delete(key);
        return;
      case 'rename_table': {
        this.tables.delete(key);
        const to = op.newName === undefined ? undefined : tableKey({ table: op.newName, schema: op.schema });
        // A table renamed away takes what is known of it, or what is not, under its new name.
        if (to !== undefined) this.tables.set(to, state ?? this.of(key, op.table as string));
        return;
      }
      case 'add_column':
        if (known && op.column !== undefined) known.add(op.column.toLowerCase());
        else if (known)
          this.tables.set(key, {
            unknown: `a column of "${op.table}" is added by a name that is not a literal`,
          });
        return;
      case 'drop_column':
        if (known && op.column !== undefined) known.delete(op.column.toLowerCase());
        else if (known)
          this.tables.set(key, {
            unknown: `a column of "${op.table}" is dropped by a name that is not a literal`,
          });
        return;
      case 'rename_column':
        if (known && op.column !== undefined && op.newName !== undefined) {
          known.delete(op.column.toLowerCase());
          known.add(op.newName.toLowerCase());
        } else if (known)
          this.tables.set(key, {
            unknown: `a column of "${op.table}" is renamed by a name that is not a literal`,
          });
        return;
      default:
    }
  }
}
