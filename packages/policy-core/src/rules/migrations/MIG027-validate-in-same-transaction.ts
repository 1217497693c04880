import { findingOf } from '../../rule.js';
import type { Finding } from '../../finding.js';
import { allowHint, type MigFileRule, opFile, loadRelated } from './facts/mig-facts.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs } from './facts/lock-docs.js';
import { transactionWalk } from './facts/transactions.js';

/** MIG027: VALIDATE CONSTRAINT in the same transaction that added it NOT VALID. */
export const validateInSameTransaction: MigFileRule = {
  id: 'MIG027',
  name: 'validate-in-same-transaction',
  family: 'MIG',
  dialects: ['postgresql'],
  facts: 'migration-file',
  defaultSeverity: 'warning',
  trace: 'not-a-lock',
  title: 'VALIDATE in the transaction that added the constraint NOT VALID',
  docs: {
    what:
      '`VALIDATE CONSTRAINT` of a constraint added `NOT VALID` earlier in the same transaction: the same ' +
      '`upgrade()` (Alembic runs it in one transaction, unless an `autocommit_block()` or COMMIT ' +
      'separates them) or the same BEGIN ... COMMIT block of a .sql migration.',
    why:
      'The NOT VALID add holds its lock (ACCESS EXCLUSIVE for CHECK, SHARE ROW EXCLUSIVE for a foreign ' +
      'key) until the transaction ends, so the validation scan runs under it: NOT VALID buys nothing.',
    fix:
      'Validate in a later migration (Alembic: the next revision), or after a COMMIT (a .sql migration) ' +
      'or inside `with op.get_context().autocommit_block():`.',
    suppress: suppressDocs('MIG027'),
    examples: [
      migrationExample(
        'flagged',
        'validate_same_revision',
        'op.create_check_constraint("ck_price", "orders", "price >= 0", postgresql_not_valid=True)\n' +
          'op.execute("ALTER TABLE orders VALIDATE CONSTRAINT ck_price")',
      ),
      migrationExample(
        'fine',
        'validate_after_commit',
        'op.create_check_constraint("ck_price", "orders", "price >= 0", postgresql_not_valid=True)\n' +
          'with op.get_context().autocommit_block():\n' +
          '    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT ck_price")',
      ),
      sqlExample(
        'flagged',
        'validate_same_block',
        'BEGIN;\nALTER TABLE orders ADD CONSTRAINT ck_price CHECK (price >= 0) NOT VALID;\n' +
          'ALTER TABLE orders VALIDATE CONSTRAINT ck_price;\nCOMMIT;',
      ),
      sqlExample(
        'fine',
        'validate_next_block',
        'BEGIN;\nALTER TABLE orders ADD CONSTRAINT ck_price CHECK (price >= 0) NOT VALID;\nCOMMIT;\n' +
          'ALTER TABLE orders VALIDATE CONSTRAINT ck_price;',
      ),
    ],
  },
  check(file) {
    const out: Finding[] = [];
    const path = file.kind === 'module' ? file.module.path : file.file.path;
    // Constraint name → the transaction that added it NOT VALID.
    const addedIn = new Map<string, number>();
    for (const { op, tx } of transactionWalk(file).steps) {
      const name = op.constraintName?.toLowerCase();
      if (name === undefined || tx === undefined) continue;
      if (op.kind === 'add_constraint' && op.notValid) addedIn.set(name, tx);
      else if (op.kind === 'validate_constraint' && addedIn.get(name) === tx)
        out.push(
          findingOf(
            this,
            opFile(op, path),
            op.range,
            `constraint "${op.constraintName}" is validated in the same transaction that added it NOT VALID, so the scan runs under the add's lock; validate it in a later migration or after a COMMIT (or ${allowHint(opFile(op, path), 'MIG027')}).`,
            loadRelated(op),
          ),
        );
    }
    return out;
  },
};
