import { allowHint } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs, TRACE_NOTE } from './facts/lock-docs.js';

/** MIG034: VACUUM FULL or CLUSTER in a migration. */
export const vacuumFullOrCluster = opRule(
  {
    id: 'MIG034',
    name: 'vacuum-full-or-cluster',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'warning',
    trace: 'rewrites-table',
    title: 'VACUUM FULL or CLUSTER in a migration',
    docs: {
      what: '`VACUUM FULL` or `CLUSTER` in a migration (SQL or `op.execute`). Tables created in the same migration are exempt.',
      why:
        'Both rewrite the whole table into new storage under an ACCESS EXCLUSIVE lock: no read or write ' +
        'of the table until the copy and every index rebuild finish. ' +
        TRACE_NOTE,
      fix:
        'Run them outside deploys, in a maintenance window, or use an online tool that rewrites without ' +
        'the long lock (pg_repack, or `REPACK ... CONCURRENTLY` where the server has it). A plain VACUUM ' +
        'takes only SHARE UPDATE EXCLUSIVE.',
      suppress: suppressDocs('MIG034'),
      examples: [
        migrationExample('flagged', 'vacuum_full', 'op.execute("VACUUM FULL events")'),
        migrationExample('fine', 'vacuum', 'op.execute("ANALYZE events")'),
        sqlExample('flagged', 'cluster', 'CLUSTER events USING events_created_at_idx;'),
        sqlExample('fine', 'analyze', 'ANALYZE events;'),
      ],
    },
  },
  {
    exemptNewTables: true,
    matches: (op) => op.kind === 'vacuum_full' || op.kind === 'cluster',
    message: (op, file) =>
      `${op.label} rewrites the whole table under an ACCESS EXCLUSIVE lock that blocks every read and write; run it outside the migration (pg_repack, a maintenance window) or add ${allowHint(file, 'MIG034')}.`,
  },
);
