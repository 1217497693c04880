import { type SchemaOp, tableKey } from '../../../migrations/schema-op.js';
import type { MigFileRule } from './mig-facts.js';

/**
 * What is known of a table a CREATE TABLE IF NOT EXISTS made earlier in the same migration
 * (guarded-table-history.ts works it out from the history): it `existed` before (an earlier
 * migration made or used it: the CREATE made nothing), or it is not known, and why.
 */
export type GuardedVerdict = { existed: { file: string; op: SchemaOp } } | { unknown: string };

/** Said when nothing before the migration was read (the file judged alone). */
export const NOT_READ: GuardedVerdict = { unknown: 'the migrations before this one were not read' };

/**
 * The tables a migration made with CREATE TABLE IF NOT EXISTS so far, fed one op at a time in
 * file order. Such a table may be new (empty, nobody reads it yet) or an old one the CREATE left
 * alone, which the file alone does not say; one dropped earlier in the same migration is new.
 */
export class GuardedTables {
  private readonly made = new Map<string, { op: SchemaOp; afterDrop: boolean }>();
  private readonly dropped = new Set<string>();

  note(op: SchemaOp): void {
    if (op.kind !== 'drop_table' && !op.createdIfMissing) return;
    const key = tableKey(op);
    if (key === undefined) return;
    if (op.kind === 'drop_table') {
      this.dropped.add(key);
      this.made.delete(key);
    } else if (!this.made.has(key)) this.made.set(key, { op, afterDrop: this.dropped.has(key) });
  }

  /** The IF NOT EXISTS that made `op`'s table earlier in the migration, if one did. */
  creationOf(op: SchemaOp): { op: SchemaOp; afterDrop: boolean } | undefined {
    if (this.made.size === 0) return undefined;
    const key = tableKey(op);
    return key === undefined ? undefined : this.made.get(key);
  }
}

/**
 * A per-file rule that exempts the tables a migration creates, judged again where the history
 * says a table made IF NOT EXISTS is new (new-guarded-tables.ts).
 */
export interface NewTableExemptRule extends MigFileRule {
  exemptsNewTables: true;
}

/** A per-file op rule that says what it knows of tables made IF NOT EXISTS (OpRuleSpec.onGuardedTable). */
export interface GuardedOpRule extends MigFileRule {
  guarded: {
    matches(op: SchemaOp): boolean;
    onGuardedTable(op: SchemaOp, file: string, was: GuardedVerdict): string;
  };
}
