import { allowHint, runner } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

/** MIG003: DROP SCHEMA or DROP DATABASE. */
export const dropSchemaOrDatabase = opRule(
  {
    id: 'MIG003',
    name: 'drop-schema-or-database',
    family: 'MIG',
    facts: 'migration-file',
    defaultSeverity: 'error',
    destructive: ['drop_schema', 'drop_database'],
    title: 'DROP SCHEMA or DROP DATABASE in a migration',
    docs: {
      what:
        'DROP SCHEMA or DROP DATABASE in `upgrade()` SQL or in a .sql migration; DROP OWNED BY a role too, ' +
        'which drops every object the role owns in the database, tables and their data with them.',
      why: 'Dropping a schema or a database removes every table in it.',
      fix:
        'No migration that runs on deploy should do this; do it by hand, reviewed, outside the ' +
        'migration history.',
      suppress: suppressDocs('MIG003'),
      examples: [
        migrationExample('flagged', 'drop_schema', 'op.execute("DROP SCHEMA reporting CASCADE")'),
        migrationExample(
          'fine',
          'create_schema',
          'op.execute("CREATE SCHEMA reporting")',
          'op.execute("DROP SCHEMA reporting")',
        ),
      ],
    },
  },
  {
    matches: (op) => op.kind === 'drop_schema' || op.kind === 'drop_database',
    message: (op, file) =>
      `${runner(file, op)} runs ${op.label}, removing everything ${/^DROP\s+OWNED\b/i.test(op.label ?? '') ? 'those roles own' : 'in it'}; remove it from the migration or add ${allowHint(file, 'MIG003')}.`,
  },
);
