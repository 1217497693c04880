import { allowHint, namedTable, runner } from './facts/mig-facts.js';
import { tableKey } from '../../migrations/schema-op.js';
import { opRule, tableMadeEarlier } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

/** MIG010: rename table. */
export const renameTable = opRule(
  {
    id: 'MIG010',
    name: 'rename-table',
    family: 'MIG',
    facts: 'migration-file',
    defaultSeverity: 'error',
    trace: 'not-a-lock',
    title: 'rename table',
    docs: {
      what:
        '`upgrade()` renames a table (op.rename_table, ALTER TABLE ... RENAME TO), or a .sql migration ' +
        'does. Not reported: a table created earlier in the same revision (nothing reads it yet), and ' +
        'the first step of a swap, where a new table takes the old name later in the same revision.',
      why:
        'Renaming a table breaks every running instance that still uses the old name, from the moment ' +
        'the migration runs until the new code is everywhere.',
      fix:
        'Create the new table (or a view under the old name), move readers and writers, then remove the ' +
        'old one.',
      suppress: suppressDocs('MIG010'),
      examples: [
        migrationExample(
          'flagged',
          'rename_table',
          'op.rename_table("customers", "clients")',
          'op.rename_table("clients", "customers")',
        ),
        migrationExample(
          'fine',
          'create_view',
          'op.create_table("clients", sa.Column("id", sa.Integer()))',
          'op.drop_table("clients")',
        ),
      ],
    },
  },
  {
    // A table created in this revision has no readers yet, though it holds a swap's rows; one
    // whose old name a new table takes again later in the revision (a swap: rename aside,
    // create, copy, drop) keeps its readers.
    exempt: (op, earlier, later) =>
      tableMadeEarlier(op, earlier) !== undefined || later.onTable('create_table', tableKey(op)),
    matches: (op) => op.kind === 'rename_table',
    message: (op, file) =>
      `${runner(file, op)} renames ${namedTable(op.table)}${op.newName ? ` to "${op.newName}"` : ''}, breaking code that still uses the old name; add the new table or a view alongside, move readers, then remove the old one, or add ${allowHint(file, 'MIG010')}.`,
  },
);
