import { allowHint, runner, quote, namedColumn } from './facts/mig-facts.js';
import { opRule, tableCreatedEarlier } from './facts/op-rule.js';

/** MIG011: rename column. */
export const renameColumn = opRule(
  {
    id: 'MIG011',
    family: 'MIG',
    defaultSeverity: 'error',
    title: 'rename column',
    description:
      'Renaming a column breaks running code that reads or writes the old name. Add the new column, write both, ' +
      'backfill, move readers, then drop the old column in a later migration. Checked in `upgrade()` ' +
      '(alter_column(new_column_name=...), RENAME COLUMN) and in .sql migrations.',
  },
  {
    exempt: tableCreatedEarlier,
    matches: (op) => op.kind === 'rename_column',
    message: (op, file) =>
      `${runner(file)} renames ${namedColumn(op.column)} of ${quote(op.table)}${op.newName ? ` to "${op.newName}"` : ''}, breaking code that uses the old name; add the new column and migrate in steps, or add ${allowHint(file, 'MIG011')}.`,
  },
);
