import { allowHint, quote } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs, TRACE_NOTE } from './facts/lock-docs.js';

/** MIG040: DETACH PARTITION without CONCURRENTLY. */
export const detachPartitionWithoutConcurrently = opRule(
  {
    id: 'MIG040',
    name: 'detach-partition-without-concurrently',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'warning',
    trace: 'blocks-writes',
    title: 'DETACH PARTITION without CONCURRENTLY',
    docs: {
      what: '`ALTER TABLE ... DETACH PARTITION` without `CONCURRENTLY`, in SQL or `op.execute`.',
      why:
        'A plain detach takes an ACCESS EXCLUSIVE lock on the partitioned table: every query on any ' +
        'partition waits. ' +
        TRACE_NOTE,
      fix:
        '`DETACH PARTITION ... CONCURRENTLY` (PostgreSQL 14 and later), outside a transaction block; in ' +
        'Alembic inside `with op.get_context().autocommit_block():`.',
      suppress: suppressDocs('MIG040'),
      examples: [
        migrationExample(
          'flagged',
          'detach',
          'op.execute("ALTER TABLE events DETACH PARTITION events_2020")',
        ),
        migrationExample(
          'fine',
          'detach_concurrently',
          'with op.get_context().autocommit_block():\n    op.execute("ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY")',
        ),
        sqlExample('flagged', 'detach', 'ALTER TABLE events DETACH PARTITION events_2020;'),
        sqlExample(
          'fine',
          'detach_concurrently',
          'ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;',
        ),
      ],
    },
  },
  {
    exemptNewTables: true,
    matches: (op) => op.kind === 'detach_partition' && op.concurrently !== true,
    message: (op, file) =>
      `a partition of ${quote(op.table)} is detached without CONCURRENTLY, locking the whole partitioned table ACCESS EXCLUSIVE; write DETACH PARTITION ... CONCURRENTLY outside a transaction block (or ${allowHint(file, 'MIG040')}).`,
  },
);
