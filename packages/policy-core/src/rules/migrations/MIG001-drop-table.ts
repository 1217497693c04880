import { allowHint, namedTable, runner } from './facts/mig-facts.js';
import { type EarlierInRevision, opRule, swappedOut, tableCreatedEarlier } from './facts/op-rule.js';
import type { LaterInRevision } from './facts/later-in-revision.js';
import { lossBeforeRename } from './facts/loss-before-rename.js';
import { type SchemaOp, tableKey } from '../../migrations/schema-op.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

/**
 * Why the swap's copy does not keep the dropped table's data, when a statement after it lost
 * some: before the drop (the ledger's), or after it and before the copy took the old name.
 */
function copyLost(
  op: SchemaOp,
  earlier: EarlierInRevision | undefined,
  later: LaterInRevision | undefined,
): string {
  // A swap that would keep every row, but for psql going on after its copy fails: that is the
  // reason even when another copy lost rows (the one that takes the name keeps them all).
  const goesOn = failureGoesOn(op, earlier, later);
  if (goesOn !== undefined)
    return `: its rows were copied first (${goesOn}), but psql goes on after a failed statement, so if the copy fails (a constraint or a policy of the new table, a lock timeout) this drop still runs and the rows are gone; put the copy and the drop in one BEGIN ... COMMIT, or \\set ON_ERROR_STOP on before the copy`;
  const table = tableKey(op);
  const lost =
    table === undefined || earlier === undefined
      ? undefined
      : (earlier.copies.lossOf(table) ?? (later && lossBeforeRename(table, earlier.copies, later)));
  if (lost === undefined) return '';
  const copied = `its rows were copied into "${lost.holder}"`;
  switch (lost.why) {
    case 'changed':
      return `: ${copied}, but ${lost.statement} then deleted or overwrote some of them there, so the copy does not keep them all`;
    case 'unread':
      return `: ${copied}, but SQL Slipway cannot read ran after that (${lost.statement}) and may have deleted or overwritten them, so the copy proves nothing`;
    case 'filtered':
      return `: its copy into "${lost.holder}" read it after ${lost.statement}, and under row security the role running the migration reads only the rows a policy lets through, so the copy may not keep them all`;
  }
}

/**
 * The copy of a swap's old table whose failure psql would not stop at (copy-on-error.ts): its
 * statement, when the drop is otherwise a swap's. Undefined for every other reader and runner.
 */
function failureGoesOn(
  op: SchemaOp,
  earlier: EarlierInRevision | undefined,
  later: LaterInRevision | undefined,
): string | undefined {
  const table = tableKey(op);
  if (table === undefined || earlier === undefined || later === undefined) return undefined;
  const goesOn = earlier.copyOnError.goesOnAfter(table);
  return goesOn !== undefined && swappedOut(op, earlier, later) ? goesOn : undefined;
}

/** MIG001: `upgrade()` drops a table (`op.drop_table` or `DROP TABLE` in SQL). */
export const dropTable = opRule(
  {
    id: 'MIG001',
    name: 'drop-table',
    family: 'MIG',
    facts: 'migration-file',
    defaultSeverity: 'error',
    destructive: ['drop_table'],
    title: 'drop table in a migration',
    docs: {
      what:
        '`upgrade()` drops a table: `op.drop_table`, or DROP TABLE in op.execute SQL or in a .sql ' +
        'migration. A `downgrade()` dropping what its upgrade created is the expected inverse, and so ' +
        'is dropping a (scratch) table created earlier in the same revision, or the old table of a ' +
        'swap once its rows are copied (rename `t` to `t_old`, create `t`, `INSERT INTO t ... SELECT ' +
        '... FROM t_old`, drop `t_old`; or create `t_new`, copy from `t`, drop `t`, rename `t_new` to ' +
        '`t`). The copy counts only when it provably keeps every row: a plain SELECT of the one old ' +
        'table, with no WHERE, LIMIT, OFFSET, DISTINCT, GROUP BY, join, UNION, `FROM ONLY`, WITH or ' +
        'ON CONFLICT, into the very table that has or takes the old name, not a TEMPORARY one, not ' +
        'one given a rule or a trigger first (which may turn the rows away), and not undone by a ' +
        'ROLLBACK, nor one read after the same revision, or a migration before it in the series, gave the old table a policy or enabled or forced its row ' +
        'security (its owner then reads only the rows a policy lets through; a table made in the series, or given DISABLE ROW LEVEL SECURITY, applies none until ENABLE), and only while the copy keeps them: a DELETE on the new table, an UPDATE, DROP COLUMN or ' +
        'ALTER COLUMN TYPE … USING of a column the copy filled, before the old table is dropped, loses ' +
        'rows or values, as may SQL Slipway cannot read in between, and the drop is reported with that reason; so do the same statements after the drop and before the new table takes the old name. Once it has the name it holds the only rows: ' +
        'dropping, truncating or emptying it later in the revision is reported like any other. Under ' +
        '`sql_runner: psql` (`psql -f`, which goes on after a failed statement) a copy counts only when its failure ' +
        'would stop the drop: `\\set ON_ERROR_STOP on` before it, or the copy and the drop in one BEGIN … COMMIT.',
      why:
        'Dropping a table deletes its data for good, and a deploy that runs `alembic upgrade head` does ' +
        'it without asking.',
      fix:
        'Stop using the table, archive it, and drop it in a later, reviewed migration with a ' +
        'suppression comment that says why.',
      suppress: suppressDocs('MIG001'),
      examples: [
        migrationExample(
          'flagged',
          'drop_sessions',
          'op.drop_table("sessions")',
          'raise NotImplementedError("irreversible: data deleted")',
        ),
        migrationExample(
          'fine',
          'scratch_table',
          'op.create_table("import_tmp", sa.Column("id", sa.Integer()))\nop.execute("INSERT INTO users SELECT * FROM import_tmp")\nop.drop_table("import_tmp")',
        ),
      ],
    },
  },
  {
    exempt: (op, earlier, later) =>
      tableCreatedEarlier(op, earlier) ||
      (swappedOut(op, earlier, later) && failureGoesOn(op, earlier, later) === undefined),
    matches: (op) => op.kind === 'drop_table',
    message: (op, file, earlier, later) =>
      `${runner(file, op)} drops ${namedTable(op.table)} (${op.label}), deleting its data${copyLost(op, earlier, later)}; keep the table or, if intended, add ${allowHint(file, 'MIG001')}.`,
  },
);
