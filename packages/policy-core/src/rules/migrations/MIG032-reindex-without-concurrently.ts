import { allowHint } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs, TRACE_NOTE } from './facts/lock-docs.js';

/** MIG032: REINDEX without CONCURRENTLY. */
export const reindexWithoutConcurrently = opRule(
  {
    id: 'MIG032',
    name: 'reindex-without-concurrently',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'warning',
    trace: 'blocks-writes',
    title: 'REINDEX without CONCURRENTLY',
    docs: {
      what: '`REINDEX` of an index, table, schema or database without `CONCURRENTLY`, in SQL or `op.execute`.',
      why:
        'A plain REINDEX locks the index ACCESS EXCLUSIVE (queries that would use it wait) and blocks ' +
        'writes to the table until every index is rebuilt. ' +
        TRACE_NOTE,
      fix:
        '`REINDEX ... CONCURRENTLY` (PostgreSQL 12 and later), outside a transaction block; in Alembic ' +
        'inside `with op.get_context().autocommit_block():`. Before 12: build a replacement with CREATE ' +
        'INDEX CONCURRENTLY, then drop the old one CONCURRENTLY.',
      suppress: suppressDocs('MIG032'),
      examples: [
        migrationExample('flagged', 'reindex', 'op.execute("REINDEX INDEX ix_users_email")'),
        migrationExample(
          'fine',
          'reindex_concurrently',
          'with op.get_context().autocommit_block():\n    op.execute("REINDEX INDEX CONCURRENTLY ix_users_email")',
        ),
        sqlExample('flagged', 'reindex', 'REINDEX TABLE users;'),
        sqlExample('fine', 'reindex_concurrently', 'REINDEX TABLE CONCURRENTLY users;'),
      ],
    },
  },
  {
    exemptNewTables: true,
    matches: (op) => op.kind === 'reindex' && op.concurrently !== true,
    message: (op, file) =>
      `${op.label} rebuilds without CONCURRENTLY, blocking writes (and reads through the index) until it is done; write REINDEX ... CONCURRENTLY outside a transaction block (or ${allowHint(file, 'MIG032')}).`,
  },
);
