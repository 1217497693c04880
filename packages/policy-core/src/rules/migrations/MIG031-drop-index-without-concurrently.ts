import type { SchemaOp } from '../../migrations/schema-op.js';
import { allowHint, quote } from './facts/mig-facts.js';
import { tableKey } from '../../migrations/schema-op.js';
import { opRule, tableCreatedEarlier } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { outsideTransaction } from './facts/js-tool-advice.js';
import { sqlExample, suppressDocs, TRACE_NOTE } from './facts/lock-docs.js';

/** The way out of the lock in the form the migration is written in. */
function instead(op: SchemaOp): string {
  if (op.django && op.source === 'op')
    return (
      'use RemoveIndexConcurrently (django.contrib.postgres.operations) in a migration with `atomic = False`; ' +
      'for the index an AlterField drops (db_index turned off), put the AlterField in ' +
      "SeparateDatabaseAndState's state_operations and RunSQL('DROP INDEX CONCURRENTLY ...') in its database_operations"
    );
  if (op.django) return 'write DROP INDEX CONCURRENTLY in a migration with `atomic = False`';
  if (op.js === 'sequelize' && op.source === 'op')
    return 'pass `concurrently: true` to removeIndex, without a `transaction` (sequelize-cli runs each call on its own)';
  if (op.js) return outsideTransaction(op.js, 'DROP INDEX CONCURRENTLY');
  return op.source === 'op'
    ? 'pass postgresql_concurrently=True inside `with op.get_context().autocommit_block():`'
    : 'write DROP INDEX CONCURRENTLY outside a transaction block';
}

/** MIG031: DROP INDEX without CONCURRENTLY. */
export const dropIndexWithoutConcurrently = opRule(
  {
    id: 'MIG031',
    name: 'drop-index-without-concurrently',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'warning',
    trace: 'blocks-writes',
    title: 'drop index without CONCURRENTLY',
    docs: {
      what:
        '`DROP INDEX` without `CONCURRENTLY`, or `op.drop_index(...)` without ' +
        '`postgresql_concurrently=True`; in Django, `RemoveIndex`, `AlterIndexTogether` removing a set, and ' +
        'an `AlterField` that drops the index Django made for the field (`db_index` turned off, a foreign ' +
        'key or a SlugField given `db_index=False`, or the index replaced by `unique=True`). Exempt: an index created earlier in the same migration, or on a ' +
        'table created there; one the migration builds again later on a table it created (a schema ' +
        'file that drops and re-creates its tables); and one whose table the migration drops later.',
      why:
        "A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: it waits behind every " +
        'running query on the table, and every query that arrives after it waits behind it. ' +
        TRACE_NOTE,
      fix:
        '`DROP INDEX CONCURRENTLY` outside a transaction block; in Alembic `op.drop_index(..., ' +
        'postgresql_concurrently=True)` inside `with op.get_context().autocommit_block():`.',
      suppress: suppressDocs('MIG031'),
      examples: [
        migrationExample('flagged', 'drop_index', 'op.drop_index("ix_users_email", table_name="users")'),
        migrationExample(
          'fine',
          'drop_index_concurrently',
          'with op.get_context().autocommit_block():\n' +
            '    op.drop_index("ix_users_email", table_name="users", postgresql_concurrently=True)',
        ),
        sqlExample('flagged', 'drop_index', 'DROP INDEX ix_users_email;'),
        sqlExample('fine', 'drop_index_concurrently', 'DROP INDEX CONCURRENTLY ix_users_email;'),
      ],
    },
  },
  {
    exemptNewTables: true,
    exempt: (op, earlier, later) => {
      const name = op.index?.toLowerCase();
      if (name === undefined) return false;
      if (earlier.indexes.has(name)) return true;
      // The same index built again later on a table this revision created (a schema file that
      // drops and re-creates its tables): the index, if any, went with the old table.
      const rebuilt = later.firstOnIndex('create_index', name);
      if (rebuilt && tableCreatedEarlier(rebuilt, earlier)) return true;
      // Its table dropped later in the revision: that drop takes the same lock (MIG001 reports it).
      const table = tableKey(op);
      return later.onTable('drop_table', table);
    },
    matches: (op) => op.kind === 'drop_index' && op.concurrently !== true,
    message: (op, file) =>
      `index ${op.index ? `"${op.index}" ` : op.columns?.length ? `on ${quote(op.table)} (${op.columns.join(', ')}) ` : ''}is dropped without CONCURRENTLY, taking an ACCESS EXCLUSIVE lock on its table; ${instead(op)} (or ${allowHint(file, 'MIG031')}).`,
  },
);
