import type { SchemaOp } from '../../migrations/schema-op.js';
import { SQL_CALL } from './facts/js-tool-advice.js';
import { allowHint, quote } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs, TRACE_NOTE, validateLaterFixDoc } from './facts/lock-docs.js';

/** MIG025: a foreign key added to an existing table without NOT VALID. */
export const foreignKeyWithoutNotValid = opRule(
  {
    id: 'MIG025',
    name: 'foreign-key-without-not-valid',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'warning',
    trace: 'blocks-writes',
    title: 'foreign key added without NOT VALID',
    docs: {
      what:
        'A foreign key added to an existing table without `NOT VALID`: `ALTER TABLE ... ADD CONSTRAINT ' +
        '... FOREIGN KEY`, `ADD COLUMN ... REFERENCES`, `op.create_foreign_key(...)` without ' +
        '`postgresql_not_valid=True`, or `op.add_column` with an `sa.ForeignKey`. Tables created in the ' +
        'same migration are exempt: they have no rows to check and nobody else uses them yet.',
      why:
        'PostgreSQL checks every existing row against the referenced table while it holds a SHARE ROW ' +
        'EXCLUSIVE lock on both tables: writes to either table wait for the whole scan. ' +
        TRACE_NOTE,
      fix:
        'Add the constraint `NOT VALID` (new rows are checked at once, old ones are not), then ' +
        '`VALIDATE CONSTRAINT` in a later migration (or after a COMMIT): validation takes only SHARE ' +
        'UPDATE EXCLUSIVE, which lets reads and writes go on. In Alembic: `op.create_foreign_key(..., ' +
        'postgresql_not_valid=True)`, then `op.execute("ALTER TABLE t VALIDATE CONSTRAINT fk")` in the ' +
        'next revision.' +
        validateLaterFixDoc(
          '`ADD CONSTRAINT ... FOREIGN KEY` gets ` NOT VALID` (`op.create_foreign_key` gets `postgresql_not_valid=True`)',
        ),
      suppress: suppressDocs('MIG025'),
      examples: [
        migrationExample(
          'flagged',
          'foreign_key',
          'op.create_foreign_key("fk_orders_user", "orders", "users", ["user_id"], ["id"])',
        ),
        migrationExample(
          'fine',
          'foreign_key_not_valid',
          'op.create_foreign_key("fk_orders_user", "orders", "users", ["user_id"], ["id"], postgresql_not_valid=True)',
        ),
        sqlExample(
          'flagged',
          'foreign_key',
          'ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id);',
        ),
        sqlExample(
          'fine',
          'foreign_key_not_valid',
          'ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;',
        ),
      ],
    },
  },
  {
    exemptNewTables: true,
    matches: (op) =>
      (op.kind === 'add_constraint' && op.constraint === 'foreign_key' && op.notValid !== true) ||
      (op.kind === 'add_column' && op.columnConstraints?.includes('foreign_key') === true),
    message: (op, file) =>
      op.kind === 'add_column'
        ? `column ${op.column ? `"${op.column}" ` : ''}is added to ${quote(op.table)} with a foreign key, which checks every row while writes to ${quote(op.table)}${op.lock?.otherTable ? ` and "${op.lock.otherTable}"` : ''} wait; add the column, then the constraint NOT VALID, then VALIDATE it separately (or ${allowHint(file, 'MIG025')}).`
        : `foreign key ${op.constraintName ? `"${op.constraintName}" ` : ''}on ${quote(op.table)} is added without NOT VALID: PostgreSQL checks every row under a SHARE ROW EXCLUSIVE lock that blocks writes to both tables; ${notValidFix(op, file)} (or ${allowHint(file, 'MIG025')}).`,
  },
);

function notValidFix(op: SchemaOp, file: string): string {
  // The JS builders have no NOT VALID: the constraint is SQL of the tool's own running.
  if (op.js)
    return `add it NOT VALID in SQL (${SQL_CALL[op.js]}) and VALIDATE CONSTRAINT in a later migration`;
  if (op.source === 'op' && !op.django)
    return 'pass postgresql_not_valid=True and VALIDATE CONSTRAINT in a later revision';
  return file.endsWith('.sql')
    ? 'add it NOT VALID and VALIDATE CONSTRAINT in a separate transaction'
    : 'add it NOT VALID and VALIDATE CONSTRAINT in a later revision';
}
