import { allowHint, runner, quote, namedColumn } from './facts/mig-facts.js';
import { opRule, tableCreatedEarlier, columnKey } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

/** MIG002: `upgrade()` drops a column (op / batch_op.drop_column or ALTER TABLE ... DROP COLUMN). */
export const dropColumn = opRule(
  {
    id: 'MIG002',
    name: 'drop-column',
    family: 'MIG',
    facts: 'migration-file',
    defaultSeverity: 'error',
    destructive: ['drop_column'],
    title: 'drop column in a migration',
    docs: {
      what:
        '`upgrade()` drops a column: op.drop_column, batch_op.drop_column, ALTER TABLE ... DROP COLUMN, ' +
        'or the same in a .sql migration.',
      why:
        'Dropping a column deletes its data, and application code still reading it breaks during the ' +
        'deploy.',
      fix:
        'Stop reading and writing the column first (expand/contract), then drop it in a later migration ' +
        'with a suppression comment that says why.',
      suppress: suppressDocs('MIG002'),
      examples: [
        migrationExample(
          'flagged',
          'drop_email',
          'op.drop_column("users", "legacy_email")',
          'op.add_column("users", sa.Column("legacy_email", sa.String()))',
        ),
        migrationExample(
          'fine',
          'add_email',
          'op.add_column("users", sa.Column("email", sa.String()))',
          'op.drop_column("users", "email")',
        ),
      ],
    },
  },
  {
    exempt: (op, earlier) =>
      tableCreatedEarlier(op, earlier) ||
      (op.column !== undefined && earlier.columns.has(columnKey(op, op.column) ?? '')),
    matches: (op) => op.kind === 'drop_column',
    message: (op, file) =>
      `${runner(file, op)} drops ${namedColumn(op.column)} of ${quote(op.table)} (${op.label}), deleting its data; stop using it first, then drop it with ${allowHint(file, 'MIG002')}.`,
  },
);
