import { allowHint, quote, namedColumn } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';

/** MIG024: change a column's type. */
export const columnTypeChange = opRule(
  {
    id: 'MIG024',
    family: 'MIG',
    defaultSeverity: 'warning',
    title: 'column type change',
    description:
      'Changing a column type usually rewrites the table under an ACCESS EXCLUSIVE lock and can break code that ' +
      'reads the column. Add a new column of the new type, backfill, switch readers, then drop the old one. ' +
      'Tables created in the same revision are exempt.',
  },
  {
    exemptNewTables: true,
    matches: (op) => op.kind === 'alter_column_type',
    message: (op, file) =>
      `the type of ${namedColumn(op.column)} of ${quote(op.table)} changes, which may rewrite the table under an exclusive lock; add a new column and backfill instead, or add ${allowHint(file, 'MIG024')}.`,
  },
);
