import { findingOf } from '../../rule.js';
import type { Finding } from '../../finding.js';
import { type SchemaOp, type SchemaOpKind, tableKey } from '../../migrations/schema-op.js';
import { type MigFileRule, namedColumn, namedTable, opFile, quote } from './facts/mig-facts.js';
import { columnKey } from './facts/op-rule.js';
import { undoneLater } from './facts/undone-in-upgrade.js';
import { finalColumnNames } from '../../migrations/final-column-names.js';
import { opsByFunction } from '../../migrations/ops-by-function.js';
import { bySuffix } from '../../migrations/dispatch.js';
import { tableLifecycles } from '../../migrations/table-rebuilds.js';
import { migrationExample } from './facts/examples.js';
import { namedAfterUp, namedBeforeDown } from './facts/renamed-tables.js';
import { suppressDocs } from './facts/lock-docs.js';

/** Each kind that downgrade() must undo, the kind that undoes it, and what to call. */
const INVERSE: Partial<Record<SchemaOpKind, { kind: SchemaOpKind; call: string }>> = {
  create_table: { kind: 'drop_table', call: 'op.drop_table' },
  drop_table: { kind: 'create_table', call: 'op.create_table' },
  add_column: { kind: 'drop_column', call: 'op.drop_column' },
  drop_column: { kind: 'add_column', call: 'op.add_column' },
  create_index: { kind: 'drop_index', call: 'op.drop_index' },
  drop_index: { kind: 'create_index', call: 'op.create_index' },
};

const VERB: Record<string, string> = { create: 'creates', drop: 'drops', add: 'adds' };

const lc = (s: string | undefined) => s?.toLowerCase();

/**
 * What an op makes or removes, named as it ends up: a column added and then renamed later in the
 * same function (`add json_value`, ..., `rename json_value to value`) is the column `value`.
 */
function keysOf(ops: readonly SchemaOp[]): (string | undefined)[] {
  const finals = finalColumnNames(ops);
  return ops.map((op, at) => {
    if (op.kind.endsWith('_table')) return tableKey(op);
    if (op.kind.endsWith('_column')) {
      if (!op.table || !op.column) return undefined;
      const name = op.kind === 'add_column' ? finals.get(at) : lc(op.column);
      // Renamed to a name that is not a literal: a key no other op has.
      return columnKey(op, name ?? '');
    }
    return lc(op.index);
  });
}

function what(op: SchemaOp): string {
  if (op.kind.endsWith('_table')) return namedTable(op.table);
  if (op.kind.endsWith('_column')) return `${namedColumn(op.column)} of ${quote(op.table)}`;
  return `index "${op.index}"`;
}

/** MIG111: a non-empty downgrade() that does not undo what upgrade() did. */
export const downgradeNotInverse: MigFileRule = {
  id: 'MIG111',
  name: 'downgrade-not-inverse',
  family: 'MIG',
  facts: 'migration-file',
  defaultSeverity: 'warning',
  title: 'downgrade does not invert upgrade',
  docs: {
    what:
      'A non-empty downgrade() that does not undo what upgrade() did. Judged by effect: an index ' +
      'goes with a column downgrade() drops, an index upgrade() drops and builds again needs no ' +
      'undoing, a column added then renamed is the column of its final name, a table renamed in ' +
      'either is named as upgrade() leaves it, and a table rebuilt ' +
      "in place (SQLite's create, copy, drop, rename) is the same table.",
    why:
      '`downgrade()` has operations but does not undo one that `upgrade()` performs (create/drop ' +
      'table, add/drop column, create/drop index): after `alembic downgrade` the schema differs from ' +
      'what the previous revision expects.',
    fix:
      'Add the inverse operation. Dropping a table also undoes columns and indexes added to it; what ' +
      '`upgrade()` itself undoes later (a scratch table) needs no inverse.',
    suppress: suppressDocs('MIG111'),
    examples: [
      migrationExample(
        'flagged',
        'downgrade_misses_column',
        'op.create_table("tags", sa.Column("id", sa.Integer()))\nop.add_column("users", sa.Column("tag_id", sa.Integer()))',
        'op.drop_table("tags")',
      ),
      migrationExample(
        'fine',
        'downgrade_inverse',
        'op.create_table("tags", sa.Column("id", sa.Integer()))\nop.add_column("users", sa.Column("tag_id", sa.Integer()))',
        'op.drop_column("users", "tag_id")\nop.drop_table("tags")',
      ),
    ],
  },
  check(file): Finding[] {
    if (file.kind !== 'module') return [];
    const m = file.module;
    const out: Finding[] = [];
    if (m.downgrade?.shape !== 'ops' || !m.upgrade) return out;
    const upFns = m.upgrade.dispatched;
    const downFns = m.downgrade.dispatched;
    if (!upFns || !downFns) {
      compare(
        m.path,
        m.upgrade.ops,
        m.downgrade.ops,
        m.js ? ['up', 'down'] : ['upgrade()', 'downgrade()'],
        out,
      );
      return out;
    }
    // The multidb template: each database's upgrade_<x> is undone by its own downgrade_<x>;
    // an empty or missing one is MIG110's.
    const upOps = opsByFunction(m.upgrade.ops);
    const downOps = opsByFunction(m.downgrade.ops);
    const downBySuffix = bySuffix(downFns);
    for (const up of upFns) {
      const down = downBySuffix.get(up.suffix);
      if (down?.shape !== 'ops') continue;
      const ups = upOps.get(up.name) ?? [];
      const downs = downOps.get(down.name) ?? [];
      compare(m.path, ups, downs, [`${up.name}()`, `${down.name}()`], out);
    }
    return out;
  },
};

function compare(
  path: string,
  ups: readonly SchemaOp[],
  downs: readonly SchemaOp[],
  [upName, downName]: [string, string],
  out: Finding[],
): void {
  // SQL that cannot be read may well be the inverse: do not guess (MIG030 reports it).
  if (downs.some((op) => op.kind === 'unread_sql')) return;
  const down = new Set<string>();
  const droppedTables = new Set<string>();
  const droppedColumns = new Set<string>();
  const downKeys = keysOf(downs);
  for (let i = 0; i < downs.length; i++) {
    const op = downs[i] as SchemaOp;
    const k = downKeys[i];
    if (k !== undefined) down.add(`${op.kind}:${k}`);
    const t = op.kind === 'drop_table' ? tableKey(op) : undefined;
    if (t !== undefined) droppedTables.add(t);
    if (op.kind === 'drop_column' && k !== undefined) droppedColumns.add(k);
  }
  // The same steps with their tables named as up leaves them, on both sides (renames in either).
  const downAsRenamed = new Set<string>();
  const renamedDowns = namedBeforeDown(downs);
  keysOf(renamedDowns).forEach((k, i) => {
    if (k !== undefined) downAsRenamed.add(`${(renamedDowns[i] as SchemaOp).kind}:${k}`);
  });
  const upAsRenamedKeys = keysOf(namedAfterUp(ups));
  const upKeys = keysOf(ups);
  const up = new Set<string>();
  for (let i = 0; i < ups.length; i++)
    if (upKeys[i] !== undefined) up.add(`${(ups[i] as SchemaOp).kind}:${upKeys[i]}`);
  // A table rebuilt in place (SQLite's create, copy, drop, rename) is still there: nothing to undo.
  const tables = tableLifecycles(ups);
  for (let i = 0; i < ups.length; i++) {
    const op = ups[i] as SchemaOp;
    const inverse = INVERSE[op.kind];
    const k = upKeys[i];
    if (!inverse || k === undefined) continue;
    if (down.has(`${inverse.kind}:${k}`)) continue;
    if (upAsRenamedKeys[i] !== undefined && downAsRenamed.has(`${inverse.kind}:${upAsRenamedKeys[i]}`))
      continue;
    if (
      (op.kind === 'create_table' || op.kind === 'drop_table') &&
      (tables.rebuilt.has(k) || tables.gone.has(k))
    )
      continue;
    // Made and unmade within upgrade() itself (a scratch table, a temporary column, a column
    // of a table upgrade() then drops): nothing to revert. A drop undoes an earlier creation,
    // and is itself undone by a later creation of the same thing (an index rebuilt as it was).
    if (op.kind.startsWith('drop_')) {
      if (up.has(`${inverse.kind}:${k}`)) continue;
    } else if (undoneLater(ups, i)) continue;
    const onTable = tableKey(op);
    if ((op.kind === 'add_column' || op.kind === 'create_index') && onTable && droppedTables.has(onTable))
      continue;
    // PostgreSQL drops an index with any column it covers: downgrade() dropping the column undoes it.
    if (op.kind === 'create_index' && op.columns?.some((c) => droppedColumns.has(columnKey(op, c) ?? '')))
      continue;
    out.push(
      findingOf(
        downgradeNotInverse,
        opFile(op, path),
        op.range,
        `${upName} ${VERB[op.kind.split('_')[0] as string] ?? 'changes'} ${what(op)} but ${downName} does not undo it; add ${op.js ? 'the inverse step' : `${inverse.call}(...)`} for it to ${downName}.`,
      ),
    );
  }
}
