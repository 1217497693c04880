import { findingOf } from '../../rule.js';
import { allowHint, type MigFileRule } from './facts/mig-facts.js';
import { sqlExample, suppressDocs } from './facts/lock-docs.js';
import { transactionWalk } from './facts/transactions.js';

/** MIG036: a .sql migration that ends inside a BEGIN block. */
export const transactionLeftOpen: MigFileRule = {
  id: 'MIG036',
  name: 'transaction-left-open',
  family: 'MIG',
  facts: 'migration-file',
  defaultSeverity: 'error',
  trace: 'not-a-lock',
  title: 'transaction left open at the end of a .sql migration',
  docs: {
    what: 'A .sql migration with a `BEGIN` (or START TRANSACTION) and no COMMIT, ROLLBACK or END after it.',
    why:
      'The file ends inside a transaction: depending on the runner its changes are rolled back when the ' +
      'connection closes, or stay uncommitted while every lock they took is held, blocking the tables ' +
      'they touched until someone notices.',
    fix: 'End the block with `COMMIT;`.',
    suppress: suppressDocs('MIG036'),
    examples: [
      sqlExample('flagged', 'no_commit', 'BEGIN;\nALTER TABLE users ADD COLUMN bio text;'),
      sqlExample('fine', 'commit', 'BEGIN;\nALTER TABLE users ADD COLUMN bio text;\nCOMMIT;'),
    ],
  },
  check(file) {
    if (file.kind !== 'sql') return [];
    const open = transactionWalk(file).leftOpen;
    if (!open) return [];
    const path = file.file.path;
    return [
      findingOf(
        this,
        path,
        open.range,
        `${open.label} opens a transaction that the file never commits: its changes and locks stay pending until the connection closes; add COMMIT; at the end (or ${allowHint(path, 'MIG036')}).`,
      ),
    ];
  },
};
