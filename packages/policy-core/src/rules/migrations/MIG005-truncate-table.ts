import { allowHint, runner, quote } from './facts/mig-facts.js';
import { opRule, tableCreatedEarlier } from './facts/op-rule.js';

/** MIG005: TRUNCATE. */
export const truncateTable = opRule(
  {
    id: 'MIG005',
    family: 'MIG',
    defaultSeverity: 'error',
    title: 'TRUNCATE in a migration',
    description:
      'TRUNCATE deletes every row of a table, on production as on a developer database. Checked in `upgrade()` SQL ' +
      'and in .sql migrations. Delete the rows you mean with a WHERE clause, or suppress with ' +
      '`# slipway: allow MIG005 -- reason` on or above the line.',
  },
  {
    exempt: tableCreatedEarlier,
    matches: (op) => op.kind === 'truncate',
    message: (op, file) =>
      `${runner(file)} truncates ${quote(op.table)} (${op.label}), deleting every row; delete only the rows you mean with a WHERE clause or add ${allowHint(file, 'MIG005')}.`,
  },
);
