import { type SchemaOp, tableKey } from '../../../migrations/schema-op.js';
import { losesCopiedData } from './copy-changed.js';
import type { CopyLedger, CopyLoss } from './copy-ledger.js';
import type { LaterInRevision } from './later-in-revision.js';

/**
 * What a swap's copy lost after its old table `table` was dropped and before it took the old
 * name (create `t_new`, copy, DROP TABLE `t`, …, rename `t_new` to `t`): a DELETE or TRUNCATE of
 * it, an UPDATE, DROP COLUMN or ALTER COLUMN TYPE … USING of a column the copy filled
 * (copy-changed.ts), or SQL Slipway cannot read. The drop is exempt only as the first half of a
 * lossless swap, and the rows the copy loses in that window are the old table's, as surely as
 * if the statement came before the drop (measured on PGlite: swap-copy-losses-on-pglite.test.ts).
 * Once the copy has the name, work on it is work on the table, judged by the other rules.
 */
export function lossBeforeRename(
  table: string,
  copies: CopyLedger,
  later: LaterInRevision,
): CopyLoss | undefined {
  const holders = copies.holdersOf(table);
  const rename = holders.size === 0 ? undefined : later.holderRenamedTo(table, holders);
  if (rename === undefined) return undefined;
  const filled = copies.filledOf(rename.holder);
  const holder = rename.holder.slice(rename.holder.indexOf('\u0000') + 1);
  // Columns added to the copy in the window: they hold no copied value.
  const added = new Set<string>();
  for (const op of later.before(rename.at)) {
    if (op.kind === 'unread_sql') return { why: 'unread', holder, statement: op.label };
    if (tableKey(op) !== rename.holder) continue;
    if (op.kind === 'add_column' && op.column !== undefined) added.add(op.column.toLowerCase());
    else if (loses(op, filled, added)) return { why: 'changed', holder, statement: op.label };
  }
  return undefined;
}

function loses(op: SchemaOp, filled: ReadonlySet<string> | undefined, added: ReadonlySet<string>): boolean {
  if (op.kind === 'truncate') return true;
  const columns = op.kind === 'update' ? op.columns : op.kind === 'drop_column' ? [op.column] : undefined;
  if (columns?.length && columns.every((c) => c !== undefined && added.has(c.toLowerCase()))) return false;
  return losesCopiedData(op, filled);
}
