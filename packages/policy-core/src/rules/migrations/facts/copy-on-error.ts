import { renamedToKey } from '../../../migrations/op-positions.js';
import { type SchemaOp, tableKey } from '../../../migrations/schema-op.js';

/**
 * Whether a swap's copy failing would stop its drop, in a `.sql` file `psql -f` runs
 * (`sql_runner: psql`). psql goes on after a failed statement unless ON_ERROR_STOP is on: a copy
 * that fails (a constraint of the new table, a row-security policy on it, a lock timeout) leaves
 * the new table empty, and the DROP of the old one runs all the same. Inside one BEGIN ... COMMIT
 * the failure aborts the transaction and the DROP fails with it; with `\set ON_ERROR_STOP on`
 * psql stops at the failure. Every other reader stops on an error: an exception ends an Alembic,
 * Django or JavaScript migration, and the other runners run a file in a transaction or stop; so
 * does `plain`, the runner a policy names when it does not know (a tool that wraps each file, psql
 * with `-v ON_ERROR_STOP=1` or `--single-transaction`), which is why only `psql` is judged so.
 */
export class CopyOnError {
  /** The explicit transaction open now (a number per BEGIN), or undefined outside one. */
  #tx: number | undefined;
  #next = 1;
  #stops = false;
  /** Source table key → the copy's transaction, or the copy's label when a failure goes on. */
  readonly #copies = new Map<string, { tx: number | undefined; stops: boolean; label: string }>();

  /** `goesOn`: the file is run by psql, which goes on after a failed statement by default. */
  constructor(private readonly goesOn: boolean) {}

  note(op: SchemaOp): void {
    if (!this.goesOn) return;
    if (op.stopsOnError !== undefined) this.#stops = op.stopsOnError;
    if (op.transaction === 'begin' && this.#tx === undefined) this.#tx = this.#next++;
    else if (op.transaction === 'end') this.#tx = undefined;
    const from = op.copiedFrom;
    if (from?.into) {
      const source = tableKey(from);
      if (source !== undefined)
        this.#copies.set(source, { tx: this.#tx, stops: this.#stops, label: op.label });
    }
    // The source renamed after its copy (copy from t, t to t_old, drop t_old): the same copy.
    if (op.kind === 'rename_table') {
      const key = tableKey(op);
      const copy = key === undefined ? undefined : this.#copies.get(key);
      const to = copy ? renamedToKey(op) : undefined;
      if (copy && to !== undefined) this.#copies.set(to, copy);
    }
  }

  /**
   * The copy of `source` whose failure would not stop a DROP of it run now: its label, or
   * undefined when psql would stop there (ON_ERROR_STOP on at the copy) or the copy and the drop
   * share one transaction, or the file is not psql's.
   */
  goesOnAfter(source: string): string | undefined {
    const copy = this.goesOn ? this.#copies.get(source) : undefined;
    if (copy === undefined || copy.stops) return undefined;
    return copy.tx !== undefined && copy.tx === this.#tx ? undefined : copy.label;
  }
}
