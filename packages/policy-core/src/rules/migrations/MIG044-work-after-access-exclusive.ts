import { lockModeOf } from '../../migrations/lock-mode.js';
import type { SchemaOp } from '../../migrations/schema-op.js';
import type { BatchLockRule } from './facts/mikro-orm-batch.js';
import type { NewTableExemptRule } from './facts/guarded-tables.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs } from './facts/lock-docs.js';
import {
  type Existed,
  lockThatMatters,
  workUnderLock,
  workUnderLockFinding,
} from './facts/work-under-lock.js';
import { codeWork, rowWork } from './facts/row-work.js';

/** MIG044: work done after an ACCESS EXCLUSIVE lock, in the transaction that holds it. */
export const workAfterAccessExclusive: BatchLockRule & NewTableExemptRule = {
  id: 'MIG044',
  name: 'work-after-access-exclusive',
  family: 'MIG',
  dialects: ['postgresql'],
  facts: 'migration-file',
  defaultSeverity: 'warning',
  trace: 'not-a-lock',
  title: 'rows worked while the transaction holds an ACCESS EXCLUSIVE lock',
  docs: {
    what:
      'A statement that works through the rows of an existing table (UPDATE, DELETE, a copy of a whole ' +
      'table with INSERT ... SELECT, CREATE INDEX without CONCURRENTLY, VALIDATE CONSTRAINT, SET NOT NULL, ' +
      'a constraint added without NOT VALID, a rewrite, REINDEX, REFRESH MATERIALIZED VIEW, a Django RunPython, ' +
      'whose code is not read and is counted as a data migration) later in the ' +
      'same transaction as one taking an ACCESS EXCLUSIVE lock on a table that existed before the ' +
      'migration (ALTER TABLE, DROP, RENAME, TRUNCATE, DROP INDEX, ...). The transaction ' +
      'is what the migration runs in: `upgrade()` (Alembic) or a Django migration unless it says ' +
      '`atomic = False`, a Knex/TypeORM/Sequelize/Kysely/MikroORM migration unless told otherwise, an explicit ' +
      'BEGIN ... COMMIT block, or a .sql file its runner wraps (`migrations.sql_runner`). Catalog-only ' +
      'statements after the lock are fine: one that locks another table may queue for it, but ' +
      '`lock_timeout` bounds that wait (MIG037 asks for it). So are work on tables the migration ' +
      'created (one made with CREATE TABLE IF NOT EXISTS too, when no migration before it made or used the table: then the CREATE makes it; one that existed, or whose past is not known, is judged as existing), a rewrite of the locked table itself (its own rule judges it: it blocks the table ' +
      'anyway), and the VALIDATE of a constraint added NOT VALID in the same transaction (MIG027). ' +
      'An `INSERT ... SELECT` that filters its rows is not read as a copy. MikroORM runs every pending ' +
      "migration of a folder in one transaction (the Migrator's `allOrNothing`, on by default; read from a " +
      '`mikro-orm.config.*` where it is a literal, else said in the scope notes): there a lock one pending ' +
      'migration takes is held through the pending migrations after it, whose first such statement is ' +
      'reported too, as is a statement of a migration run outside a transaction (`isTransactional()` false: ' +
      "on a connection of its own, outside the batch's) on a table the batch holds so locked, which waits " +
      'for a lock held until it is done: the run hangs. Reported once per ' +
      'transaction, on the first such statement, naming the lock held on the table it works when ' +
      'there is one (its readers wait for the work), else one on another table, a table the ' +
      'transaction keeps before one it drops.',
    why:
      'PostgreSQL holds every lock until the transaction ends. While the later statement scans, builds or ' +
      'writes rows, every read and write of the locked table waits: a millisecond ALTER becomes an ' +
      'outage as long as the backfill or index build that follows it, and no lock_timeout shortens it.',
    fix:
      'Give the later statement a transaction of its own: a separate migration (Alembic: the next revision; ' +
      'Django: the next migration), a COMMIT between them in a .sql migration, or ' +
      '`with op.get_context().autocommit_block():` in Alembic. Put the ACCESS EXCLUSIVE change last in ' +
      'its transaction, and backfills in batches outside it.',
    suppress: suppressDocs('MIG044'),
    examples: [
      migrationExample(
        'flagged',
        'add_then_backfill',
        'op.add_column("orders", sa.Column("region", sa.Text()))\n' +
          'op.execute("UPDATE orders SET region = \'eu\'")',
      ),
      migrationExample(
        'fine',
        'add_column_only',
        'op.add_column("orders", sa.Column("region", sa.Text()))\n' +
          'op.alter_column("orders", "region", server_default="eu")',
      ),
      sqlExample(
        'flagged',
        'index_in_block',
        "SET lock_timeout = '5s';\nBEGIN;\nALTER TABLE orders ADD COLUMN region text;\n" +
          'CREATE INDEX ix_invoices_region ON invoices (region);\nCOMMIT;',
      ),
      sqlExample(
        'fine',
        'two_blocks',
        "SET lock_timeout = '5s';\nBEGIN;\nALTER TABLE orders ADD COLUMN region text;\nCOMMIT;\n" +
          'CREATE INDEX CONCURRENTLY ix_invoices_region ON invoices (region);',
      ),
    ],
  },
  // Judged again where the history says a table made IF NOT EXISTS is new (new-guarded-tables.ts).
  exemptsNewTables: true,
  check(file) {
    const path = file.kind === 'module' ? file.module.path : file.file.path;
    return workUnderLock(file, {
      holds: (mode) => mode === 'AccessExclusiveLock',
      work: (op, held, existed) => {
        const why = rowWorkUnder(op, existed);
        // A rewrite takes ACCESS EXCLUSIVE on its own table: that table is blocked by it anyway.
        const lock = why && lockThatMatters(held, op, lockModeOf(op) === 'AccessExclusiveLock');
        return lock ? { why, held: lock } : undefined;
      },
    }).map((found) => workUnderLockFinding(this, path, found, 'every read and write of'));
  },
  // A MikroORM batch (facts/mikro-orm-batch.ts): the same test, across the pending migrations.
  batch: { work: (op, existed) => rowWorkUnder(op, existed) },
};

/**
 * What `op` does to rows that keeps a held lock held: work on an existing table (the op's own, or
 * the one an INSERT ... SELECT copies). A statement that only locks another table may queue for
 * it, but lock_timeout bounds that wait (MIG037 asks for it); it bounds no scan, rewrite or
 * backfill. Which held lock it keeps that matters is lockThatMatters's to say.
 */
function rowWorkUnder(op: SchemaOp, existed: Existed): string | undefined {
  const code = codeWork(op);
  if (code !== undefined) return code;
  const source = op.copiedFrom ?? op;
  // A CONCURRENTLY build runs in no transaction (MIG021 reports one that does): it holds nothing.
  const concurrent = op.kind === 'create_index' && op.concurrently;
  return existed(source.table, source.schema) && !concurrent ? rowWork(op) : undefined;
}
