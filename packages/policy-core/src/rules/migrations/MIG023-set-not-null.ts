import { allowHint, quote, namedColumn } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';

/** MIG023: SET NOT NULL on an existing column. */
export const setNotNull = opRule(
  {
    id: 'MIG023',
    family: 'MIG',
    defaultSeverity: 'warning',
    title: 'set NOT NULL on an existing column',
    description:
      'ALTER COLUMN ... SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock, and fails if any row is ' +
      'NULL. On large tables add a `CHECK (col IS NOT NULL) NOT VALID` constraint, VALIDATE it, then set NOT NULL. ' +
      'Tables created in the same revision are exempt.',
  },
  {
    exemptNewTables: true,
    matches: (op) => op.kind === 'set_not_null',
    message: (op, file) =>
      `${namedColumn(op.column)} of ${quote(op.table)} is set NOT NULL, scanning the table under an exclusive lock; validate a NOT VALID check constraint first, or add ${allowHint(file, 'MIG023')}.`,
  },
);
