import { allowHint, runner, quote } from './facts/mig-facts.js';
import type { SchemaOp } from '../../migrations/schema-op.js';
import { columnKey, type EarlierInRevision, opRule, tableCreatedEarlier } from './facts/op-rule.js';

/**
 * A backfill: an UPDATE that only sets columns this revision added (nullable, then filled, then
 * made NOT NULL). Every row gets a value where it had none; nothing is overwritten.
 */
function backfillsNewColumns(op: SchemaOp, earlier: EarlierInRevision): boolean {
  return (
    op.kind === 'update' &&
    op.columns !== undefined &&
    op.columns.length > 0 &&
    op.columns.every((c) => {
      const key = columnKey(op, c);
      return key !== undefined && earlier.columns.has(key);
    })
  );
}

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
      'and in .sql migrations. Not reported for tables created earlier in the same revision, nor for an UPDATE that ' +
      'only sets columns the same revision added (a backfill, in SQL or as `table.update().values(...)`). Add a WHERE clause, or suppress with ' +
      '`# slipway: allow MIG006 -- reason` on or above the line.',
  },
  {
    exempt: (op, earlier) => tableCreatedEarlier(op, earlier) || backfillsNewColumns(op, earlier),
    matches: (op) => (op.kind === 'delete' || op.kind === 'update') && op.hasWhere === false,
    message: (op, file) =>
      `${runner(file)} runs ${op.kind.toUpperCase()} on ${quote(op.table)} without WHERE (${op.label}), touching every row; add a WHERE clause or ${allowHint(file, 'MIG006')}.`,
  },
);
