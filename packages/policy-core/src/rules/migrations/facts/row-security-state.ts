import { renamedToKey } from '../../../migrations/op-positions.js';
import { type SchemaOp, tableKey } from '../../../migrations/schema-op.js';

/**
 * Which tables a policy may filter the reads of, as a series or a revision runs (row-security.ts):
 * by table key, with what the caller keeps of the statement that put it there (`V`). PostgreSQL
 * applies a table's policies only while its row security is enabled ("policies can exist for a
 * table even if row-level security is disabled; in this case, the policies will not be applied":
 * ALTER TABLE's docs), so a table known to have it off — made by CREATE TABLE, which leaves it off,
 * or after DISABLE ROW LEVEL SECURITY — is filtered again only by ENABLE; a policy made on it, or
 * FORCE, filters nothing until then. A table whose state is not known (made before the series
 * Slipway reads, IF NOT EXISTS) is taken as filtered from its first such statement. Renames carry
 * both; a dropped table has neither.
 */
export class RowSecurityState<V> {
  readonly #filtered = new Map<string, V>();
  /** Tables whose row security is known off. */
  readonly #off = new Set<string>();

  /** The statement that put `key` under row security, when it is. */
  get(key: string): V | undefined {
    return this.#filtered.get(key);
  }

  /** What `op` does to row security; `value(op)` what to keep of a statement that turns it on. */
  note(op: SchemaOp, value: (op: SchemaOp) => V): void {
    const off = op.rowSecurityOff && tableKey(op.rowSecurityOff);
    if (off !== undefined) {
      this.#filtered.delete(off);
      this.#off.add(off);
    }
    const on = op.filtersReads && tableKey(op.filtersReads);
    if (on !== undefined) {
      if (op.rowSecurityOn) this.#off.delete(on);
      if (!this.#off.has(on)) this.#filtered.set(on, value(op));
    }
    if (op.kind !== 'create_table' && op.kind !== 'drop_table' && op.kind !== 'rename_table') return;
    const table = tableKey(op);
    if (table === undefined) return;
    const was = this.#filtered.get(table);
    const wasOff = this.#off.has(table);
    this.#filtered.delete(table);
    this.#off.delete(table);
    if (op.kind === 'create_table') this.#off.add(table);
    const to = op.kind === 'rename_table' ? renamedToKey(op) : undefined;
    if (to === undefined) return;
    this.#filtered.delete(to);
    this.#off.delete(to);
    if (was !== undefined) this.#filtered.set(to, was);
    if (wasOff) this.#off.add(to);
  }
}
