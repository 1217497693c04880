import type { RelatedLocation } from '../../../finding.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import type { MigrationFile } from './mig-facts.js';
import { opFile } from './mig-facts.js';
import { transactionWalk, txOf } from './transactions.js';

/** A timeout setting a migration's SETs change: lock_timeout (MIG037) or statement_timeout (MIG046). */
export type TimeoutSetting = 'set_lock_timeout' | 'set_statement_timeout';

/** The timeout in force at a point of a migration, and what set it. */
export interface InForce {
  on: boolean;
  /** Its value in milliseconds, when a literal time. */
  ms?: number;
  /** Where it was set (a SET earlier in the file, env.py, a settings module). */
  at?: RelatedLocation;
  /** A SET LOCAL that ran outside any transaction, which PostgreSQL ignores (with a warning). */
  ignoredLocal?: SchemaOp;
  /** A SET LOCAL whose transaction has ended, and its timeout with it. */
  endedLocal?: SchemaOp;
}

/**
 * Each statement of a migration with the timeout `setting` in force when it runs, starting from
 * what every connection gets (`start`: env.py, Django's settings). A SET lasts for the session; a
 * SET LOCAL (or `set_config(..., true)`) only until its transaction ends, and outside one it does
 * nothing (https://www.postgresql.org/docs/current/sql-set.html). Transactions are the ones
 * transactions.ts walks: Alembic's around `upgrade()`, a Django migration's unless `atomic =
 * False`, BEGIN ... COMMIT, a runner's around a .sql file.
 */
export function timeoutAtEach(
  file: MigrationFile,
  setting: TimeoutSetting,
  start: InForce,
  path: string,
): { op: SchemaOp; timeout: InForce }[] {
  let session = start;
  let local: { tx: number; timeout: InForce; op: SchemaOp } | undefined;
  const out: { op: SchemaOp; timeout: InForce }[] = [];
  for (const step of transactionWalk(file).steps) {
    const { op } = step;
    const tx = txOf(step);
    if (local && local.tx !== tx) {
      session = { ...session, endedLocal: local.op };
      local = undefined;
    }
    if (op.kind === setting) {
      const set: InForce = {
        on: op.timeoutOn === true,
        ...(op.timeoutMs !== undefined ? { ms: op.timeoutMs } : {}),
        at: {
          file: opFile(op, path),
          range: op.range,
          message: `${setting === 'set_lock_timeout' ? 'lock_timeout' : 'statement_timeout'} set here: ${op.label}`,
        },
      };
      if (!op.local) {
        session = set;
        local = undefined;
      } else if (tx !== undefined) local = { tx, timeout: set, op };
      else session = { ...session, ignoredLocal: op };
      continue;
    }
    out.push({ op, timeout: local?.timeout ?? session });
  }
  return out;
}
