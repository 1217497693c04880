import { allowHint, runner, quote, namedColumn } from './facts/mig-facts.js';
import { hasColumn, opRule, tableCreatedEarlier } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { expandContractFixDoc, suppressDocs } from './facts/lock-docs.js';

/** MIG011: rename column. */
export const renameColumn = opRule(
  {
    id: 'MIG011',
    name: 'rename-column',
    family: 'MIG',
    facts: 'migration-file',
    defaultSeverity: 'error',
    trace: 'not-a-lock',
    title: 'rename column',
    docs: {
      what:
        '`upgrade()` renames a column (alter_column(new_column_name=...), RENAME COLUMN), or a .sql ' +
        'migration does; not a column of a table created, or a column added, earlier in the same ' +
        'revision (nothing reads it yet).',
      why: 'Renaming a column breaks running code that reads or writes the old name.',
      fix:
        'Add the new column, write both, backfill, move readers, then drop the old column in a later ' +
        'migration.' +
        expandContractFixDoc(
          "the new column, of the old one's type as the series itself made it (no fix when the series does not say)",
          "`op.alter_column(..., new_column_name=...)` with `existing_type=` (the new column's type) and `existing_nullable=True`, as autogenerate writes them",
        ),
      suppress: suppressDocs('MIG011'),
      examples: [
        migrationExample(
          'flagged',
          'rename_column',
          'op.alter_column("users", "mail", new_column_name="email")',
          'op.alter_column("users", "email", new_column_name="mail")',
        ),
        migrationExample(
          'fine',
          'add_column',
          'op.add_column("users", sa.Column("email", sa.String()))',
          'op.drop_column("users", "email")',
        ),
      ],
    },
  },
  {
    // A column added earlier in this revision has no readers yet.
    exempt: (op, earlier) => tableCreatedEarlier(op, earlier) || hasColumn(earlier.columns, op),
    matches: (op) => op.kind === 'rename_column',
    message: (op, file) =>
      `${runner(file, op)} renames ${namedColumn(op.column)} of ${quote(op.table)}${op.newName ? ` to "${op.newName}"` : ''}, breaking code that uses the old name; add the new column and migrate in steps, or add ${allowHint(file, 'MIG011')}.`,
  },
);
