import { allowHint, runner, quote, namedColumn } from './facts/mig-facts.js';
import { opRule, tableCreatedEarlier, columnKey } from './facts/op-rule.js';

/** MIG002: `upgrade()` drops a column (op / batch_op.drop_column or ALTER TABLE ... DROP COLUMN). */
export const dropColumn = opRule(
  {
    id: 'MIG002',
    family: 'MIG',
    defaultSeverity: 'error',
    title: 'drop column in a migration',
    description:
      'Dropping a column deletes its data, and application code still reading it breaks during the deploy. ' +
      'Checked in `upgrade()` (op.drop_column, batch_op.drop_column, ALTER TABLE ... DROP COLUMN) and in .sql ' +
      'migrations. Instead, stop reading and writing the column first (expand/contract), then drop it in a later ' +
      'migration with `# slipway: allow MIG002 -- reason` on or above the line.',
  },
  {
    exempt: (op, earlier) =>
      tableCreatedEarlier(op, earlier) ||
      (op.column !== undefined && earlier.columns.has(columnKey(op, op.column) ?? '')),
    matches: (op) => op.kind === 'drop_column',
    message: (op, file) =>
      `${runner(file)} drops ${namedColumn(op.column)} of ${quote(op.table)} (${op.label}), deleting its data; stop using it first, then drop it with ${allowHint(file, 'MIG002')}.`,
  },
);
