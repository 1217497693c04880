import type { Finding } from '../../finding.js';
import type { SchemaOp, SchemaOpKind } from '../../migrations/schema-op.js';
import type { MigrationModule } from '../../migrations/alembic-module.js';
import { finding, type MigRule, quote } from './mig-facts.js';

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

function key(op: SchemaOp): string | undefined {
  if (op.kind.endsWith('_table')) return lc(op.table);
  if (op.kind.endsWith('_column'))
    return op.table && op.column ? `${lc(op.table)}.${lc(op.column)}` : undefined;
  return lc(op.index);
}

function what(op: SchemaOp): string {
  if (op.kind.endsWith('_table')) return `table ${quote(op.table)}`;
  if (op.kind.endsWith('_column')) return `column "${op.column}" of ${quote(op.table)}`;
  return `index "${op.index}"`;
}

/** MIG111: a non-empty downgrade() that does not undo what upgrade() did. */
export const downgradeNotInverse: MigRule = {
  meta: {
    id: 'MIG111',
    family: 'MIG',
    defaultSeverity: 'warning',
    title: 'downgrade does not invert upgrade',
    description:
      '`downgrade()` has operations but does not undo one that `upgrade()` performs (create/drop table, add/drop ' +
      'column, create/drop index): after `alembic downgrade` the schema differs from what the previous revision ' +
      'expects. Add the inverse operation. Dropping a table also undoes columns and indexes added to it; what ' +
      '`upgrade()` itself undoes later (a scratch table) needs no inverse.',
  },
  checkModule(m: MigrationModule): Finding[] {
    const out: Finding[] = [];
    {
      if (m.downgrade?.shape !== 'ops' || !m.upgrade) return out;
      // SQL that cannot be read may well be the inverse: do not guess (MIG030 reports it).
      if (m.downgrade.ops.some((op) => op.kind === 'unread_sql')) return out;
      const down = new Set<string>();
      const droppedTables = new Set<string>();
      for (const op of m.downgrade.ops) {
        const k = key(op);
        if (k !== undefined) down.add(`${op.kind}:${k}`);
        if (op.kind === 'drop_table' && op.table) droppedTables.add(op.table.toLowerCase());
      }
      const ups = m.upgrade.ops;
      for (let i = 0; i < ups.length; i++) {
        const op = ups[i] as SchemaOp;
        const inverse = INVERSE[op.kind];
        const k = key(op);
        if (!inverse || k === undefined) continue;
        if (down.has(`${inverse.kind}:${k}`)) continue;
        // Made and unmade within upgrade() itself (a scratch table, a temporary column): nothing to
        // revert. A creation is undone by a later drop; a drop undoes an earlier creation.
        const creates = !op.kind.startsWith('drop_');
        if (ups.some((o, j) => (creates ? j > i : j < i) && o.kind === inverse.kind && key(o) === k))
          continue;
        const onTable = op.table?.toLowerCase();
        if ((op.kind === 'add_column' || op.kind === 'create_index') && onTable && droppedTables.has(onTable))
          continue;
        out.push(
          finding(
            downgradeNotInverse.meta,
            m.path,
            op.range,
            `upgrade() ${VERB[op.kind.split('_')[0] as string] ?? 'changes'} ${what(op)} but downgrade() does not undo it; add ${inverse.call}(...) for it to downgrade().`,
          ),
        );
      }
    }
    return out;
  },
};
