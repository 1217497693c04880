import { allowHint, runner } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';

/** MIG003: DROP SCHEMA or DROP DATABASE. */
export const dropSchemaOrDatabase = opRule(
  {
    id: 'MIG003',
    family: 'MIG',
    defaultSeverity: 'error',
    title: 'DROP SCHEMA or DROP DATABASE in a migration',
    description:
      'Dropping a schema or a database removes every table in it. No migration that runs on deploy should do this; ' +
      'do it by hand, reviewed, outside the migration history. Checked in `upgrade()` SQL and in .sql migrations.',
  },
  {
    matches: (op) => op.kind === 'drop_schema' || op.kind === 'drop_database',
    message: (op, file) =>
      `${runner(file)} runs ${op.label}, removing everything in it; remove it from the migration or add ${allowHint(file, 'MIG003')}.`,
  },
);
