import type { SchemaOp } from '../../migrations/schema-op.js';
import { SQL_CALL } from './facts/js-tool-advice.js';
import { allowHint, quote } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs, TRACE_NOTE, validateLaterFixDoc } from './facts/lock-docs.js';

/** MIG026: a CHECK constraint added to an existing table without NOT VALID. */
export const checkWithoutNotValid = opRule(
  {
    id: 'MIG026',
    name: 'check-without-not-valid',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'warning',
    trace: 'blocks-writes',
    title: 'CHECK constraint added without NOT VALID',
    docs: {
      what:
        'A CHECK constraint added to an existing table without `NOT VALID`: `ALTER TABLE ... ADD ' +
        'CONSTRAINT ... CHECK (...)`, or `op.create_check_constraint(...)` without ' +
        '`postgresql_not_valid=True`. Tables created in the same migration are exempt.',
      why:
        'PostgreSQL takes an ACCESS EXCLUSIVE lock and checks every existing row before it commits: ' +
        'every read and write of the table waits for the whole scan. ' +
        TRACE_NOTE,
      fix:
        'Add it `NOT VALID` (a short ACCESS EXCLUSIVE lock, no scan), then `VALIDATE CONSTRAINT` in a ' +
        'separate transaction (SHARE UPDATE EXCLUSIVE: reads and writes go on). In Alembic: ' +
        '`op.create_check_constraint(..., postgresql_not_valid=True)`, then `op.execute("ALTER TABLE t ' +
        'VALIDATE CONSTRAINT ck")` in the next revision.' +
        validateLaterFixDoc(
          '`ADD CONSTRAINT ... CHECK` gets ` NOT VALID` (`op.create_check_constraint` gets `postgresql_not_valid=True`)',
        ),
      suppress: suppressDocs('MIG026'),
      examples: [
        migrationExample(
          'flagged',
          'check',
          'op.create_check_constraint("ck_price", "orders", "price >= 0")',
        ),
        migrationExample(
          'fine',
          'check_not_valid',
          'op.create_check_constraint("ck_price", "orders", "price >= 0", postgresql_not_valid=True)',
        ),
        sqlExample('flagged', 'check', 'ALTER TABLE orders ADD CONSTRAINT ck_price CHECK (price >= 0);'),
        sqlExample(
          'fine',
          'check_not_valid',
          'ALTER TABLE orders ADD CONSTRAINT ck_price CHECK (price >= 0) NOT VALID;',
        ),
      ],
    },
  },
  {
    exemptNewTables: true,
    matches: (op) => op.kind === 'add_constraint' && op.constraint === 'check' && op.notValid !== true,
    message: (op, file) =>
      `CHECK constraint ${op.constraintName ? `"${op.constraintName}" ` : ''}on ${quote(op.table)} is added without NOT VALID: PostgreSQL scans every row under an ACCESS EXCLUSIVE lock that blocks all reads and writes; ${notValidFix(op)} and VALIDATE CONSTRAINT separately (or ${allowHint(file, 'MIG026')}).`,
  },
);

/** How to add it NOT VALID in what the migration is written in. */
function notValidFix(op: SchemaOp): string {
  // The JS builders have no NOT VALID (nor Alembic's option): the constraint is SQL of the tool's running.
  if (op.js && op.source === 'op') return `add it NOT VALID in SQL (${SQL_CALL[op.js]})`;
  return op.source === 'op' ? 'pass postgresql_not_valid=True' : 'add it NOT VALID';
}
