import { type SchemaOp, tableKey } from '../../../migrations/schema-op.js';

/**
 * The tables a migration has created so far, fed one op at a time in file order. Locking and
 * long-statement rules exempt them: nobody else reads a table until the migration that created it
 * commits, and it is empty. MIG037, MIG044 and MIG046 walk a file once each and ask it at every
 * statement, so it is a running set, not a precomputed one (a table dropped and recreated is new
 * only from its CREATE on).
 */
export class CreatedTables {
  private readonly keys = new Set<string>();
  // A foreign key's target is named without its schema: matched by name alone.
  private readonly names = new Set<string>();

  /** Record `op` if it creates a table; true when it did. */
  note(op: SchemaOp): boolean {
    if (op.kind !== 'create_table') return false;
    const key = tableKey(op);
    if (key !== undefined) this.keys.add(key);
    if (op.table !== undefined) this.names.add(op.table.toLowerCase());
    return true;
  }

  /** The table existed before the migration (an unnamed table counts as existing: not exempt). */
  existed(table: string | undefined, schema?: string): boolean {
    return (
      table === undefined || !this.keys.has(tableKey({ table, ...(schema ? { schema } : {}) }) as string)
    );
  }

  /** A table named without its schema (a foreign key's target) existed before the migration. */
  nameExisted(table: string): boolean {
    return !this.names.has(table.toLowerCase());
  }
}
