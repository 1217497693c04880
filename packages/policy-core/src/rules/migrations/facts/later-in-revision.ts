import { anyAfter, countUpTo, firstAfter, type OpPositions } from '../../../migrations/op-positions.js';
import { type SchemaOp, type SchemaOpKind, tableKey } from '../../../migrations/schema-op.js';
import { earliestSourceCreation } from './rename-source-creation.js';

/**
 * What the same revision (or .sql file) does after an op, answered from an index of the whole
 * list built once (`opPositions`), never by scanning the rest of the list per op.
 */
export class LaterInRevision {
  constructor(
    private readonly ops: readonly SchemaOp[],
    private readonly positions: OpPositions,
    /** The judged op's position. */
    private readonly at: number,
  ) {}

  /** An op of `kind` on the table `key` comes later. */
  onTable(kind: SchemaOpKind, key: string | undefined): boolean {
    return anyAfter(this.positions.onTable(kind, key), this.at);
  }

  /** The first later op of `kind` naming the index `name`. */
  firstOnIndex(kind: SchemaOpKind, name: string | undefined): SchemaOp | undefined {
    const j = firstAfter(this.positions.onIndex(kind, name), this.at);
    return j === -1 ? undefined : this.ops[j];
  }

  /**
   * A later `rename_table` gives the name `key` to a table created before the judged op (the
   * second half of a swap). Answered from the suffix minimum of each rename's source table's
   * creation, so many renames to one name cost a binary search, not a scan.
   */
  renamesCreatedTableTo(key: string | undefined): boolean {
    const renames = this.positions.renamedTo(key);
    if (!anyAfter(renames, this.at)) return false;
    const created = earliestSourceCreation(this.ops, this.positions, renames);
    return (created[countUpTo(renames, this.at)] as number) < this.at;
  }

  /** As renamesCreatedTableTo, and some later rename to `key` is of one of `holders`. */
  renamesHolderTo(key: string, holders: ReadonlySet<string>): boolean {
    return this.renamesCreatedTableTo(key) && this.holderRenamedTo(key, holders) !== undefined;
  }

  /** The first later rename to `key` of one of `holders`: its position and the holder. */
  holderRenamedTo(key: string, holders: ReadonlySet<string>): { at: number; holder: string } | undefined {
    const renames = this.positions.renamedTo(key);
    for (let k = countUpTo(renames, this.at); k < renames.length; k++) {
      const at = renames[k] as number;
      const source = tableKey(this.ops[at] as SchemaOp);
      if (source !== undefined && holders.has(source)) return { at, holder: source };
    }
    return undefined;
  }

  /** The ops after the judged one and before position `end`. */
  before(end: number): readonly SchemaOp[] {
    return this.ops.slice(this.at + 1, end);
  }
}
