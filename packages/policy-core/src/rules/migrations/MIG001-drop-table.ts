import { allowHint, namedTable, runner } from './facts/mig-facts.js';
import { opRule, swappedOut, tableCreatedEarlier } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

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
        'ROLLBACK. Once the old table is gone the new one holds its only rows: ' +
        'dropping, truncating or emptying it later in the revision is reported like any other.',
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
    exempt: (op, earlier, later) => tableCreatedEarlier(op, earlier) || swappedOut(op, earlier, later),
    matches: (op) => op.kind === 'drop_table',
    message: (op, file) =>
      `${runner(file, op)} drops ${namedTable(op.table)} (${op.label}), deleting its data; keep the table or, if intended, add ${allowHint(file, 'MIG001')}.`,
  },
);
