import { allowHint, runner, quote } from './facts/mig-facts.js';
import { opRule, tableCreatedEarlier } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

/** MIG005: TRUNCATE. */
export const truncateTable = opRule(
  {
    id: 'MIG005',
    name: 'truncate-table',
    family: 'MIG',
    facts: 'migration-file',
    defaultSeverity: 'error',
    destructive: ['truncate'],
    title: 'TRUNCATE in a migration',
    docs: {
      what: 'TRUNCATE in `upgrade()` SQL or in a .sql migration.',
      why: 'TRUNCATE deletes every row of a table, on production as on a developer database.',
      fix: 'Delete the rows you mean with a WHERE clause, or suppress the finding with a reason.',
      suppress: suppressDocs('MIG005'),
      examples: [
        migrationExample('flagged', 'truncate', 'op.execute("TRUNCATE audit_events")'),
        migrationExample(
          'fine',
          'delete_old',
          'op.execute("DELETE FROM audit_events WHERE created_at < now() - interval \'90 days\'")',
        ),
      ],
    },
  },
  {
    exempt: tableCreatedEarlier,
    matches: (op) => op.kind === 'truncate',
    message: (op, file) =>
      `${runner(file, op)} truncates ${quote(op.table)} (${op.label}), deleting every row; delete only the rows you mean with a WHERE clause or add ${allowHint(file, 'MIG005')}.`,
  },
);
