import { BLOCKS_WRITES } from '../../migrations/lock-facts.js';
import { lockModeOf } from '../../migrations/lock-mode.js';
import type { SchemaOp } from '../../migrations/schema-op.js';
import type { MigFileRule } from './facts/mig-facts.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs } from './facts/lock-docs.js';
import { codeWork, rowWork } from './facts/row-work.js';
import {
  type Existed,
  lockThatMatters,
  workUnderLock,
  workUnderLockFinding,
} from './facts/work-under-lock.js';

/** MIG047: a backfill or validation while the transaction holds a lock that blocks writes. */
export const workUnderWriteLock: MigFileRule = {
  id: 'MIG047',
  name: 'work-under-write-lock',
  family: 'MIG',
  dialects: ['postgresql'],
  facts: 'migration-file',
  defaultSeverity: 'warning',
  trace: 'not-a-lock',
  title: 'rows worked while the transaction holds a lock that blocks writes',
  docs: {
    what:
      'A statement that writes or scans the rows of an existing table without blocking writes itself ' +
      '(UPDATE, DELETE, a copy of a whole table with INSERT ... SELECT, VALIDATE CONSTRAINT, a Django ' +
      'RunPython, whose code is not read and is counted as a data migration) later in the ' +
      'same transaction as a schema change that took a lock blocking writes on a table that existed ' +
      'before the migration: SHARE (CREATE INDEX), SHARE ROW EXCLUSIVE (a foreign key, NOT VALID ' +
      'included, on both its tables; CREATE TABLE ... REFERENCES an existing table; CREATE TRIGGER) or ' +
      "EXCLUSIVE. A transaction that also holds an ACCESS EXCLUSIVE lock is MIG044's. Not reported: a " +
      'statement that blocks writes itself (an index build, a constraint checked while added, a ' +
      'rewrite: their own rules judge them), work on tables the migration created, and the VALIDATE ' +
      'of a constraint added NOT VALID in the same transaction (MIG027). Which statements share a ' +
      'transaction is read as for MIG044. Reported once per transaction, on the first such statement.',
    why:
      'PostgreSQL holds every lock until the transaction ends. A foreign key added NOT VALID or an index ' +
      'built on a small table takes a moment, but the backfill or validation that follows it can run ' +
      'for minutes, and every INSERT, UPDATE and DELETE on the locked table waits for all of it: the ' +
      'application cannot write while reads still succeed, which is often noticed only as timeouts.',
    fix:
      'Give the later statement a transaction of its own: a separate migration (Alembic: the next revision; ' +
      'Django: the next migration), a COMMIT between them in a .sql migration, or ' +
      '`with op.get_context().autocommit_block():` in Alembic. Backfill in batches, each in its own ' +
      'transaction, after the schema change has committed.',
    suppress: suppressDocs('MIG047'),
    examples: [
      migrationExample(
        'flagged',
        'foreign_key_then_backfill',
        'op.create_foreign_key("fk_orders_customer", "orders", "customers", ["customer_id"], ["id"], postgresql_not_valid=True)\n' +
          'op.execute("UPDATE orders SET region = \'eu\'")',
      ),
      migrationExample(
        'fine',
        'foreign_key_only',
        'op.create_foreign_key("fk_orders_customer", "orders", "customers", ["customer_id"], ["id"], postgresql_not_valid=True)',
      ),
      sqlExample(
        'flagged',
        'index_then_backfill',
        "SET lock_timeout = '5s';\nBEGIN;\nCREATE INDEX ix_orders_region ON orders (region);\n" +
          "UPDATE invoices SET currency = 'EUR';\nCOMMIT;",
      ),
      sqlExample(
        'fine',
        'two_transactions',
        "SET lock_timeout = '5s';\nBEGIN;\nCREATE INDEX ix_orders_region ON orders (region);\nCOMMIT;\n" +
          "UPDATE invoices SET currency = 'EUR';",
      ),
    ],
  },
  check(file) {
    const path = file.kind === 'module' ? file.module.path : file.file.path;
    return workUnderLock(file, {
      holds: (mode) => BLOCKS_WRITES.includes(mode),
      work: (op, held, existed) => {
        // Under an ACCESS EXCLUSIVE lock every statement is MIG044's to judge.
        if (held.modes.has('AccessExclusiveLock')) return undefined;
        const why = workThatLetsWritersWait(op, existed);
        // The lock on the table it works, when the transaction holds one: its writers wait for this work.
        return why === undefined ? undefined : { why, held: lockThatMatters(held, op, false) ?? held.first };
      },
    }).map((found) => workUnderLockFinding(this, path, found, 'every INSERT, UPDATE and DELETE on'));
  },
};

/**
 * What `op` does to the rows of an existing table (the op's own, or the one an INSERT ... SELECT
 * copies) when it does not block writes itself: a statement that does (an index build, a rewrite)
 * is reported by its own rule, and writers wait for it whatever the transaction held before.
 */
function workThatLetsWritersWait(op: SchemaOp, existed: Existed): string | undefined {
  const code = codeWork(op);
  if (code !== undefined) return code;
  const source = op.copiedFrom ?? op;
  if (!existed(source.table, source.schema)) return undefined;
  const own = lockModeOf(op);
  if (own !== undefined && BLOCKS_WRITES.includes(own)) return undefined;
  // A CONCURRENTLY build runs in no transaction (MIG021 reports one that does): it holds nothing.
  if ((op.kind === 'create_index' || op.kind === 'reindex') && op.concurrently) return undefined;
  return rowWork(op);
}
