import type { SchemaOp } from '../../migrations/schema-op.js';
import { allowHint, quote } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs, TRACE_NOTE } from './facts/lock-docs.js';

const INDEXED = new Set(['unique', 'primary_key']);

function kindOf(op: SchemaOp): string {
  const c = op.constraint ?? op.columnConstraints?.find((x) => INDEXED.has(x)) ?? 'unique';
  return c === 'primary_key' ? 'PRIMARY KEY' : 'UNIQUE';
}

/** MIG029: UNIQUE or PRIMARY KEY added to an existing table, building its index under lock. */
export const constraintIndexUnderLock = opRule(
  {
    id: 'MIG029',
    name: 'constraint-index-under-lock',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'warning',
    trace: 'blocks-writes',
    title: 'UNIQUE or PRIMARY KEY built under lock',
    docs: {
      what:
        'A UNIQUE or PRIMARY KEY constraint added to an existing table without `USING INDEX`: ' +
        '`ALTER TABLE ... ADD CONSTRAINT ... UNIQUE (...)`, `ADD PRIMARY KEY`, `ADD COLUMN ... UNIQUE`, ' +
        '`op.create_unique_constraint`, `op.create_primary_key`, or `op.add_column` of a column with ' +
        '`unique=True` / `primary_key=True`. Tables created in the same migration are exempt.',
      why:
        "PostgreSQL builds the constraint's index while it holds an ACCESS EXCLUSIVE lock on the table: " +
        'every read and write waits until the index over all rows is built. ' +
        TRACE_NOTE,
      fix:
        'Build the index first with `CREATE UNIQUE INDEX CONCURRENTLY` (outside a transaction block; in ' +
        'Alembic `op.create_index(..., unique=True, postgresql_concurrently=True)` inside ' +
        '`with op.get_context().autocommit_block():`), then attach it: `ALTER TABLE t ADD CONSTRAINT c ' +
        'UNIQUE USING INDEX ix` (or `PRIMARY KEY USING INDEX`), which only takes a brief lock. A PRIMARY KEY ' +
        'also makes its columns NOT NULL: on a column that is not NOT NULL yet, PostgreSQL scans the whole ' +
        'table for nulls under that ACCESS EXCLUSIVE lock, so make the columns NOT NULL the safe way first ' +
        '(MIG023: a validated `CHECK (col IS NOT NULL)`, then SET NOT NULL).',
      suppress: suppressDocs('MIG029'),
      examples: [
        migrationExample(
          'flagged',
          'unique',
          'op.create_unique_constraint("uq_users_email", "users", ["email"])',
        ),
        migrationExample(
          'fine',
          'unique_using_index',
          'with op.get_context().autocommit_block():\n' +
            '    op.create_index("uq_users_email", "users", ["email"], unique=True, postgresql_concurrently=True)\n' +
            'op.execute("ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE USING INDEX uq_users_email")',
        ),
        sqlExample('flagged', 'primary_key', 'ALTER TABLE events ADD PRIMARY KEY (id);'),
        sqlExample(
          'fine',
          'primary_key_using_index',
          'CREATE UNIQUE INDEX CONCURRENTLY events_pkey ON events (id);\n' +
            'ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;',
        ),
      ],
    },
  },
  {
    exemptNewTables: true,
    matches: (op) =>
      (op.kind === 'add_constraint' && INDEXED.has(op.constraint ?? '') && op.usingIndex !== true) ||
      (op.kind === 'add_column' && (op.columnConstraints ?? []).some((c) => INDEXED.has(c))),
    message: (op, file) =>
      `${kindOf(op)} on ${quote(op.table)} builds its index under an ACCESS EXCLUSIVE lock that blocks every read and write; build the index CONCURRENTLY first, then ADD CONSTRAINT ... ${kindOf(op)} USING INDEX${kindOf(op) === 'PRIMARY KEY' ? ', with its columns made NOT NULL beforehand (else the attach scans the table under the same lock)' : ''} (or ${allowHint(file, 'MIG029')}).`,
  },
);
