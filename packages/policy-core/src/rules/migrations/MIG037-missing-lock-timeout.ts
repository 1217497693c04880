import type { Finding } from '../../finding.js';
import { lockModeOf } from '../../migrations/lock-mode.js';
import { type SchemaOp, tableKey } from '../../migrations/schema-op.js';
import { forwardOps } from '../../migrations/sql-file.js';
import { envLockTimeout } from './facts/env-timeout.js';
import { allowHint, finding, type MigHistoryRule, quote } from './facts/mig-facts.js';
import { migrationExample } from './facts/examples.js';
import { sqlExample, suppressDocs } from './facts/lock-docs.js';

/** The table a message names: DROP INDEX names only the index, whose table the SQL does not say. */
function lockedTable(op: SchemaOp): string {
  if (op.table === undefined && op.kind === 'drop_index' && op.index !== undefined)
    return `the table of index "${op.index}"`;
  return quote(op.table);
}

/** The ACCESS EXCLUSIVE ops of a file that run with no lock_timeout in force (tables it created are exempt). */
function unguarded(ops: readonly SchemaOp[]): SchemaOp[] {
  const created = new Set<string>();
  const out: SchemaOp[] = [];
  let on = false;
  for (const op of ops) {
    if (op.lock?.action === 'set_lock_timeout') on = op.lock.timeoutOn === true;
    const key = tableKey(op);
    if (op.kind === 'create_table') {
      if (key !== undefined) created.add(key);
      continue;
    }
    if (on || lockModeOf(op) !== 'AccessExclusiveLock') continue;
    if (key !== undefined && created.has(key)) continue;
    out.push(op);
  }
  return out;
}

const ENV_FIX =
  'set it once for every migration in env.py (`connection.execute(text("SET lock_timeout = \'5s\'"))` before `context.run_migrations()`)';

/** MIG037: DDL taking ACCESS EXCLUSIVE with no lock_timeout in force. */
export const missingLockTimeout: MigHistoryRule = {
  id: 'MIG037',
  name: 'missing-lock-timeout',
  family: 'MIG',
  dialects: ['postgresql'],
  facts: 'migration-history',
  defaultSeverity: 'warning',
  title: 'ACCESS EXCLUSIVE DDL without lock_timeout',
  docs: {
    what:
      'A migration whose DDL takes an ACCESS EXCLUSIVE lock on an existing table (ALTER TABLE, DROP, ' +
      'RENAME, TRUNCATE, DROP INDEX, ...) while no `lock_timeout` is in force: not set earlier in the ' +
      "file (`SET lock_timeout = '5s'`, in SQL or `op.execute`), nor, for Alembic, in `env.py`. " +
      'Reported once per file, on the first such statement. Tables created in the same migration are exempt.',
    why:
      'The DDL queues behind any long-running query on the table, and every query that arrives after it ' +
      'queues behind the DDL, reads included: one slow report turns a millisecond ALTER into an outage. ' +
      'A lock_timeout makes the migration give up (and be retried) instead.',
    fix:
      'Alembic: set it once for all migrations in env.py, e.g. `connection.execute(text("SET ' +
      'lock_timeout = \'5s\'"))` before `context.run_migrations()`, or `connect_args={"options": "-c ' +
      'lock_timeout=5000"}`; or `op.execute("SET lock_timeout = \'5s\'")` at the top of `upgrade()`. ' +
      "SQL: `SET lock_timeout = '5s';` before the first DDL.",
    suppress: suppressDocs('MIG037'),
    examples: [
      migrationExample('flagged', 'no_timeout', 'op.add_column("users", sa.Column("bio", sa.Text()))'),
      migrationExample(
        'fine',
        'timeout',
        'op.execute("SET lock_timeout = \'5s\'")\nop.add_column("users", sa.Column("bio", sa.Text()))',
      ),
      sqlExample('flagged', 'no_timeout', 'ALTER TABLE users ADD COLUMN bio text;'),
      sqlExample('fine', 'timeout', "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN bio text;"),
    ],
  },
  check(facts) {
    const out: Finding[] = [];
    const report = (path: string, ops: SchemaOp[], extra: string) => {
      const first = ops[0];
      if (!first) return;
      const more =
        ops.length > 1 ? ` (and ${ops.length - 1} more statement${ops.length > 2 ? 's' : ''} after it)` : '';
      out.push(
        finding(
          this,
          path,
          first.range,
          `${first.label} takes an ACCESS EXCLUSIVE lock on ${lockedTable(first)}${more} with no lock_timeout in force: queued behind one slow query it blocks every read and write of the table; ${extra} (or ${allowHint(path, 'MIG037')}).`,
        ),
      );
    };
    for (const { tree, module } of facts.reportModules) {
      const env = envLockTimeout(facts, tree);
      if (env?.setAt) continue;
      const note = env?.syntaxError
        ? `${env.path} does not parse (line ${env.syntaxError.range.start.line + 1}: ${env.syntaxError.value}), so a lock_timeout set there is not known to run; fix it, or `
        : '';
      report(
        module.path,
        unguarded(module.upgrade?.ops ?? []),
        `${note}${ENV_FIX}, or op.execute("SET lock_timeout = '5s'") first in upgrade()`,
      );
    }
    for (const file of facts.reportSqlFiles)
      report(file.path, unguarded(forwardOps(file.ops)), "add SET lock_timeout = '5s'; before it");
    return out;
  },
};
