import { allowHint, namedTable, runner } from './facts/mig-facts.js';
import { opRule, tableCreatedEarlier } from './facts/op-rule.js';

/** MIG001: `upgrade()` drops a table (`op.drop_table` or `DROP TABLE` in SQL). */
export const dropTable = opRule(
  {
    id: 'MIG001',
    family: 'MIG',
    defaultSeverity: 'error',
    title: 'drop table in a migration',
    description:
      'Dropping a table deletes its data for good, and a deploy that runs `alembic upgrade head` does it without ' +
      'asking. Checked in `upgrade()` (op.drop_table and DROP TABLE in op.execute SQL) and in .sql migrations; a ' +
      '`downgrade()` dropping what its upgrade created is the expected inverse, and so is dropping a (scratch) table ' +
      'created earlier in the same revision. Instead, stop using the table, ' +
      'archive it, and drop it in a later, reviewed migration with `# slipway: allow MIG001 -- reason` on or above the line.',
  },
  {
    exempt: tableCreatedEarlier,
    matches: (op) => op.kind === 'drop_table',
    message: (op, file) =>
      `${runner(file)} drops ${namedTable(op.table)} (${op.label}), deleting its data; keep the table or, if intended, add ${allowHint(file, 'MIG001')}.`,
  },
);
