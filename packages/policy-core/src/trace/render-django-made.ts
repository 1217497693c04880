import type { DjangoState } from '../migrations/django-state.js';
import type { StandInColumn } from './stand-in-type.js';

/**
 * What one Django operation runs, as the renderer's operations (render-django-*-ops.ts) hand it to
 * the migration's walk (render-django.ts), and what the trace remembers of an app between them.
 */

/**
 * A statement Django keeps for the end of the migration (`schema_editor.deferred_sql`: a new
 * table's unique_together, foreign keys and indexes, an added field's indexes), kept as what it
 * makes rather than as text: Django's deferred statements follow a later RenameField or
 * AlterModelTable in the same migration (`rename_column_references`, `rename_table_references`,
 * which rename the names made from them too), and a RemoveField or DeleteModel drops them unrun.
 * Their names are remembered (DjangoMade) only once they run, as Django finds them in the database.
 */
export interface Deferred {
  kind: 'index' | 'like' | 'fk' | 'together' | 'meta';
  table: string;
  columns: string[];
  /** `like`: the pattern opclass (varchar_pattern_ops, text_pattern_ops). */
  opclass?: string;
  /** `fk`: what it references. */
  to?: { table: string; column: string; hidden: boolean };
  /** `meta`: a Meta index or constraint with a name of its own, on the table as it is then. */
  render?: (table: string) => string;
  /** The operation's lines, which the statement is reported at. */
  line?: number;
  endLine?: number;
}

/** One operation's SQL. */
export interface DjangoOpOutput {
  /** Run at the operation, in order. */
  now: string[];
  later: Deferred[];
  standIns: StandInColumn[];
  /** Parts Django runs that are not rendered (a ManyToManyField's join table), each with its reason. */
  notRendered: { reason: string; cause: string }[];
}

export const emptyOutput = (): DjangoOpOutput => ({ now: [], later: [], standIns: [], notRendered: [] });

/** A foreign key the rendering made: RenameModel makes those that point at the model again. */
export interface ForeignKey {
  name: string;
  toTable: string;
  toColumn: string;
  /** `related_name="+"`: Django's RenameModel leaves it alone (no reverse relation to follow). */
  hidden: boolean;
}

/**
 * The names of what the trace's rendering made in an app, which Django would find by asking the
 * database (`_constraint_names`): its foreign keys, unique constraints and indexes by table and
 * column, and the constraints it built as unique indexes, by name. Renames move them.
 */
export class DjangoMade {
  readonly foreignKeys = new Map<string, ForeignKey>();
  readonly uniques = new Map<string, string>();
  readonly indexes = new Map<string, string>();
  readonly likeIndexes = new Map<string, string>();
  /** unique_together's constraints, by table and the columns joined. */
  readonly together = new Map<string, string>();
  readonly uniqueIndexes = new Set<string>();
  /** The ManyToManyField join tables it made (render-django-m2m.ts). */
  readonly joinTables = new Set<string>();
  /** The migration's deferred statements so far (render-django-deferred.ts), run at its end. */
  deferred: Deferred[] = [];

  /** The app's models before the operation rendered; SeparateDatabaseAndState swaps in a copy. */
  constructor(
    readonly app: string,
    public state: DjangoState,
  ) {}

  static key(table: string, column: string): string {
    return `${table}\u0000${column}`;
  }

  private maps(): Map<string, unknown>[] {
    return [this.foreignKeys, this.uniques, this.indexes, this.likeIndexes, this.together];
  }

  /** A table renamed (RenameModel, AlterModelTable): its constraints keep their names. */
  renameTable(from: string, to: string): void {
    for (const fk of this.foreignKeys.values()) if (fk.toTable === from) fk.toTable = to;
    for (const d of this.deferred) {
      if (d.table === from) d.table = to;
      if (d.to?.table === from) d.to.table = to;
    }
    for (const m of this.maps())
      for (const [k, v] of [...m])
        if (k.startsWith(`${from}\u0000`)) {
          m.delete(k);
          m.set(`${to}${k.slice(from.length)}`, v);
        }
  }

  /** A column renamed (RenameField, AlterField's db_column). */
  renameColumn(table: string, from: string, to: string): void {
    for (const d of this.deferred)
      if (d.table === table) d.columns = d.columns.map((c) => (c === from ? to : c));
    for (const m of this.maps()) {
      const v = m.get(DjangoMade.key(table, from));
      if (v === undefined) continue;
      m.delete(DjangoMade.key(table, from));
      m.set(DjangoMade.key(table, to), v);
    }
  }

  /** A table or column removed: Django drops the deferred statements on it unrun. */
  forget(table: string, column?: string): void {
    this.deferred = this.deferred.filter(
      (d) => d.table !== table || (column !== undefined && !d.columns.includes(column)),
    );
  }

  /**
   * A table dropped (DROP TABLE … CASCADE): its constraints and indexes go, and so do the foreign
   * keys of other tables that reference it, which Django would no longer find.
   */
  dropTable(table: string): void {
    this.joinTables.delete(table);
    for (const m of this.maps())
      for (const k of [...m.keys()]) if (k.startsWith(`${table}\u0000`)) m.delete(k);
    for (const [k, fk] of [...this.foreignKeys]) if (fk.toTable === table) this.foreignKeys.delete(k);
    this.forget(table);
  }

  /** A column dropped (… CASCADE): what is on it goes, a unique_together that names it too. */
  dropColumn(table: string, column: string): void {
    for (const m of this.maps())
      for (const k of [...m.keys()])
        if (
          k.startsWith(`${table}\u0000`) &&
          k
            .slice(table.length + 1)
            .split('\u0000')
            .includes(column)
        )
          m.delete(k);
    this.forget(table, column);
  }
}
