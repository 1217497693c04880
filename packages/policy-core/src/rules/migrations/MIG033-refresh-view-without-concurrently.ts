import { allowHint, quote } from './facts/mig-facts.js';
import { opRule } from './facts/op-rule.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs, TRACE_NOTE } from './facts/lock-docs.js';

/** MIG033: REFRESH MATERIALIZED VIEW without CONCURRENTLY. */
export const refreshViewWithoutConcurrently = opRule(
  {
    id: 'MIG033',
    name: 'refresh-view-without-concurrently',
    family: 'MIG',
    dialects: ['postgresql'],
    facts: 'migration-file',
    defaultSeverity: 'warning',
    trace: 'blocks-writes',
    title: 'REFRESH MATERIALIZED VIEW without CONCURRENTLY',
    docs: {
      what:
        '`REFRESH MATERIALIZED VIEW` without `CONCURRENTLY`, in SQL or `op.execute`. A view created in the ' +
        'same migration is exempt.',
      why:
        'A plain refresh holds an ACCESS EXCLUSIVE lock on the view while its query runs: every read of ' +
        'the view waits. ' +
        TRACE_NOTE,
      fix:
        '`REFRESH MATERIALIZED VIEW CONCURRENTLY` (needs a unique index on the view); it takes an ' +
        'EXCLUSIVE lock, which lets reads go on.',
      suppress: suppressDocs('MIG033'),
      examples: [
        migrationExample('flagged', 'refresh', 'op.execute("REFRESH MATERIALIZED VIEW daily_totals")'),
        migrationExample(
          'fine',
          'refresh_concurrently',
          'op.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals")',
        ),
        sqlExample('flagged', 'refresh', 'REFRESH MATERIALIZED VIEW daily_totals;'),
        sqlExample('fine', 'refresh_concurrently', 'REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;'),
      ],
    },
  },
  {
    exemptNewTables: true,
    matches: (op) => op.kind === 'refresh_view' && op.concurrently !== true,
    message: (op, file) =>
      `materialized view ${quote(op.table)} is refreshed without CONCURRENTLY, blocking every read of it until the query finishes; write REFRESH MATERIALIZED VIEW CONCURRENTLY (or ${allowHint(file, 'MIG033')}).`,
  },
);
