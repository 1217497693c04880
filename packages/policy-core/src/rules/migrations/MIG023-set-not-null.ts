import { allowHint, quote, namedColumn } from './facts/mig-facts.js';
import { hasColumn, opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs, validateLaterFixDoc } from './facts/lock-docs.js';

/** MIG023: SET NOT NULL on an existing column. */
export const setNotNull = opRule(
  {
    id: 'MIG023',
    name: 'set-not-null',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'warning',
    trace: 'blocks-writes',
    title: 'set NOT NULL on an existing column',
    docs: {
      what:
        'SET NOT NULL on an existing column. Exempt: tables created in the same revision, and a column ' +
        'that a `CHECK (col IS NOT NULL)` constraint, added valid or validated earlier in the same ' +
        'migration, already proves (PostgreSQL 12 and later then skip the scan).',
      why:
        'ALTER COLUMN ... SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock, and fails ' +
        'if any row is NULL.',
      fix:
        'On large tables add a `CHECK (col IS NOT NULL) NOT VALID` constraint, VALIDATE it, then set ' +
        'NOT NULL.' +
        validateLaterFixDoc(
          'on PostgreSQL 12 and later (`postgres_version`), `ALTER COLUMN c SET NOT NULL` (or ' +
            '`op.alter_column(..., nullable=False)` with only `existing_*` arguments) becomes `ADD CONSTRAINT ' +
            '<table>_<column>_not_null CHECK (c IS NOT NULL) NOT VALID`; the new migration validates it, sets NOT ' +
            'NULL (PostgreSQL uses the validated check and scans nothing; a `slipway: allow MIG023` comment above ' +
            'says so, as the rule judges one file alone) and drops the check, and its way back drops NOT NULL',
        ),
      suppress: suppressDocs('MIG023'),
      examples: [
        migrationExample(
          'flagged',
          'set_not_null',
          'op.alter_column("users", "email", nullable=False, existing_type=sa.String())',
        ),
        migrationExample(
          'fine',
          'new_table_not_null',
          'op.create_table("plans", sa.Column("name", sa.String()))\nop.alter_column("plans", "name", nullable=False, existing_type=sa.String())',
          'op.drop_table("plans")',
        ),
      ],
    },
  },
  {
    exemptNewTables: true,
    // The recipe the message gives, followed: a validated CHECK (col IS NOT NULL) spares the scan.
    exempt: (op, earlier) => hasColumn(earlier.provenNotNull, op),
    matches: (op) => op.kind === 'set_not_null',
    message: (op, file) =>
      op.valueNotRead === undefined
        ? `${namedColumn(op.column)} of ${quote(op.table)} is set NOT NULL, scanning the table under an exclusive lock; validate a NOT VALID check constraint first, or add ${allowHint(file, 'MIG023')}.`
        : `${namedColumn(op.column)} of ${quote(op.table)} may be set NOT NULL (\`${op.valueNotRead}\` is not known before the migration runs), scanning the table under an exclusive lock if it is False; validate a NOT VALID check constraint first, or add ${allowHint(file, 'MIG023')} saying what the value is.`,
  },
);
