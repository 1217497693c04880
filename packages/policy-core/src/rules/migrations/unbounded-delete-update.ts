import { allowHint, quote } from './mig-facts.js';
import { opRule } from './op-rule.js';

/** MIG006: DELETE or UPDATE without WHERE. */
export const unboundedDeleteUpdate = opRule(
  {
    id: 'MIG006',
    family: 'MIG',
    defaultSeverity: 'error',
    title: 'DELETE or UPDATE without WHERE',
    description:
      'A DELETE or UPDATE without WHERE touches every row: a mass deletion or overwrite on production. Checked in ' +
      '`upgrade()` SQL, in SQLAlchemy `delete()`/`update()` constructs passed to op.execute (without `.where(...)`), ' +
      'and in .sql migrations. Add a WHERE clause; for an intended backfill of a new column, suppress with ' +
      '`# slipway: allow MIG006 -- reason` on or above the line.',
  },
  {
    matches: (op) => (op.kind === 'delete' || op.kind === 'update') && op.hasWhere === false,
    message: (op, file) =>
      `upgrade() runs ${op.kind.toUpperCase()} on ${quote(op.table)} without WHERE (${op.label}), touching every row; add a WHERE clause or ${allowHint(file, 'MIG006')}.`,
  },
);
