import { renamedToKey } from '../../../migrations/op-positions.js';
import { type SchemaOp, tableKey } from '../../../migrations/schema-op.js';
import { losesCopiedData } from './copy-changed.js';
import { RowSecurityState } from './row-security-state.js';

/**
 * Where a revision's copied rows are, as its ops run: which tables hold every row of which
 * (`INSERT INTO t_new SELECT * FROM t`), and which hold the only rows left of a table the revision
 * then dropped or emptied (heirs). A swap drops its old table only because the new one is its
 * heir; dropping, truncating or emptying the heir after that loses the data as surely as the
 * first drop would have, though the heir was "created in this revision".
 *
 * A copy does not count into a TEMPORARY table (gone with the session), nor across a ROLLBACK
 * (undone), nor into a table given a rule or a trigger first (`DO INSTEAD NOTHING`, a BEFORE
 * trigger returning NULL: the INSERT writes no row, and the old table was dropped all the same);
 * a table dropped or emptied stops holding the rows it was given.
 */
/** A statement that deleted or overwrote copied rows in the table holding them. */
export interface CopyLoss {
  /**
   * `changed`: the statement deleted or overwrote copied rows; `filtered`: it let the copy read
   * only some; `unread`: SQL Slipway cannot read ran after the copy and may have done either.
   */
  why: 'changed' | 'filtered' | 'unread';
  holder: string;
  statement: string;
}

export class CopyLedger {
  /** Source table key → keys of the tables holding every row of it. */
  readonly #into = new Map<string, Set<string>>();
  readonly #heirs = new Set<string>();
  readonly #temporary = new Set<string>();
  /** Tables given a rule or a trigger in this revision, which a rename carries along. */
  readonly #intercepted = new Set<string>();
  /** Holder key → the columns its copies filled (undefined: a copy with no column list). */
  readonly #filled = new Map<string, Set<string> | undefined>();
  /** Tables whose reads a policy may filter (row-security.ts), by key, with the statement. */
  readonly #rowSecurity = new RowSecurityState<string>();
  /** Source key → what its copy lost (the statement, the holder). */
  readonly #lost = new Map<string, CopyLoss>();

  /** Whether any copy is on record (most revisions have none). */
  get empty(): boolean {
    return this.#into.size === 0;
  }

  /** The tables holding every row of `source` now. */
  holdersOf(source: string): ReadonlySet<string> {
    return this.#into.get(source) ?? new Set();
  }

  /**
   * Why a copy of `source` made in this revision holds its rows no more: a statement that deleted
   * or overwrote some of them in the copy (copy-changed.ts). Undefined when none did.
   */
  lossOf(source: string): CopyLoss | undefined {
    return this.#lost.get(source);
  }

  /** The columns copies filled in `holder` (undefined: every column may hold copied values). */
  filledOf(holder: string): ReadonlySet<string> | undefined {
    return this.#filled.get(holder);
  }

  /** `key` holds the only rows left of a table this revision dropped or emptied. */
  isHeir(key: string): boolean {
    return this.#heirs.has(key);
  }

  /** What `op` changes, recorded after it is judged (an op never exempts itself). */
  note(op: SchemaOp): void {
    if (op.rollsBack) {
      this.#into.clear();
      this.#lost.clear();
      return;
    }
    const hooked = op.intercepts && tableKey(op.intercepts);
    if (hooked) this.#intercepted.add(hooked);
    this.#rowSecurity.note(op, (o) => o.label);
    if (op.copiedFrom) this.#copy(op);
    if (this.#into.size > 0) this.#changed(op);
    const empties =
      op.kind === 'drop_table' || op.kind === 'truncate' || (op.kind === 'delete' && op.hasWhere === false);
    if (!empties && op.kind !== 'create_table' && op.kind !== 'rename_table') return;
    const key = tableKey(op);
    if (key === undefined) return;
    if (op.kind === 'create_table') {
      if (op.temporary) this.#temporary.add(key);
      else this.#temporary.delete(key);
    } else if (op.kind === 'rename_table') this.#rename(key, renamedToKey(op));
    else this.#emptied(key, op.kind === 'drop_table');
  }

  #copy(op: SchemaOp): void {
    const from = op.copiedFrom;
    const into = from?.into;
    if (!from || !into) return;
    const source = tableKey(from) as string;
    const dest = tableKey(into) as string;
    if (this.#temporary.has(dest) || this.#intercepted.has(dest) || dest === source) return;
    const policy = this.#rowSecurity.get(source);
    if (policy !== undefined) {
      this.#lost.set(source, { why: 'filtered', holder: into.table, statement: policy });
      return;
    }
    const holders = this.#into.get(source) ?? new Set<string>();
    holders.add(dest);
    this.#into.set(source, holders);
    this.#lost.delete(source);
    // The columns copies filled: a column list adds its columns; none, every column.
    const had = this.#filled.has(dest) ? this.#filled.get(dest) : new Set<string>();
    this.#filled.set(dest, had && from.intoColumns ? new Set([...had, ...from.intoColumns]) : undefined);
  }

  /**
   * A copy's rows deleted or its copied values overwritten before its source is dropped: it
   * holds the source's rows no more, and the drop is reported with the reason (MIG001).
   */
  #changed(op: SchemaOp): void {
    // SQL not read (a statement built at run time) may delete or overwrite any copy's rows.
    if (op.kind === 'unread_sql') {
      for (const [source, holders] of this.#into)
        for (const holder of holders)
          this.#lost.set(source, { why: 'unread', holder: nameOf(holder), statement: op.label });
      for (const holders of this.#into.values()) holders.clear();
      return;
    }
    const key = tableKey(op);
    if (key === undefined || !this.#filled.has(key) || !losesCopiedData(op, this.#filled.get(key))) return;
    for (const [source, holders] of this.#into)
      if (holders.delete(key))
        this.#lost.set(source, { why: 'changed', holder: op.table as string, statement: op.label });
  }

  /** `key`'s rows are gone: those who hold them are its heirs; what it held of others is gone. */
  #emptied(key: string, dropped: boolean): void {
    for (const holder of this.#into.get(key) ?? []) this.#heirs.add(holder);
    this.#into.delete(key);
    for (const holders of this.#into.values()) holders.delete(key);
    if (dropped) {
      this.#filled.delete(key);
      this.#heirs.delete(key);
      this.#temporary.delete(key);
      this.#intercepted.delete(key);
    }
  }

  #rename(from: string, to: string | undefined): void {
    if (to === undefined) return;
    const moved = (set: Set<string>) => {
      if (set.delete(from)) set.add(to);
    };
    moved(this.#heirs);
    moved(this.#temporary);
    moved(this.#intercepted);
    for (const holders of this.#into.values()) moved(holders);
    const own = this.#into.get(from);
    if (own) {
      this.#into.delete(from);
      this.#into.set(to, own);
    }
    if (this.#filled.has(from)) {
      this.#filled.set(to, this.#filled.get(from));
      this.#filled.delete(from);
    }
    const lost = this.#lost.get(from);
    if (lost !== undefined) {
      this.#lost.delete(from);
      this.#lost.set(to, lost);
    }
  }
}

/** A table key's name (tableKey: the schema, a NUL, the name), for a message. */
function nameOf(key: string): string {
  return key.slice(key.indexOf('\u0000') + 1);
}
