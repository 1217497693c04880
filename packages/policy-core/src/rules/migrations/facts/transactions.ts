import type { SchemaOp } from '../../../migrations/schema-op.js';
import { forwardOps } from '../../../migrations/sql-file.js';
import type { MigrationFile } from './mig-facts.js';

/**
 * Which transaction each statement of a migration runs in, for the rules about transaction
 * blocks (MIG027, MIG035, MIG036). Alembic runs `upgrade()` in one transaction it opens itself;
 * `autocommit_block()` and `op.execute("COMMIT")` step outside it. A `.sql` migration is judged
 * by its own BEGIN ... COMMIT blocks: outside them each statement commits on its own (psql's
 * default; how another runner wraps the file is not known).
 */
export interface TxStep {
  op: SchemaOp;
  /** The transaction it runs in; undefined when it commits on its own (autocommit). */
  tx: number | undefined;
  /** A BEGIN issued while a transaction was already open (PostgreSQL ignores it with a warning). */
  nestedBegin?: boolean;
  /** A COMMIT / ROLLBACK that ends the transaction Alembic opened for the migration. */
  endsAlembicTransaction?: boolean;
}

export interface TxWalk {
  steps: TxStep[];
  /** The BEGIN of a transaction still open at the end of a .sql file. */
  leftOpen?: SchemaOp;
}

export function transactionWalk(file: MigrationFile): TxWalk {
  return file.kind === 'module'
    ? moduleWalk(file.module.upgrade?.ops ?? [])
    : sqlWalk(forwardOps(file.file.ops));
}

function moduleWalk(ops: readonly SchemaOp[]): TxWalk {
  const steps: TxStep[] = [];
  let next = 2;
  // Alembic's own transaction; `explicit` once a BEGIN of the migration's own replaced it.
  let tx: number | undefined = 1;
  let explicit = false;
  let prevAuto = false;
  for (const op of ops) {
    const auto = op.inAutocommit === true;
    if (op.transaction === 'begin') {
      const nested = !auto;
      if (!nested) tx = next++;
      explicit = true;
      steps.push({ op, tx, ...(nested ? { nestedBegin: true } : {}) });
    } else if (op.transaction === 'end') {
      steps.push({ op, tx, ...(!auto && !explicit ? { endsAlembicTransaction: true } : {}) });
      tx = undefined;
      explicit = false;
    } else if (auto) {
      steps.push({ op, tx: undefined });
    } else {
      // Back from an autocommit block: Alembic has begun a fresh transaction.
      if (prevAuto || tx === undefined) tx = next++;
      steps.push({ op, tx });
    }
    prevAuto = auto && op.transaction === undefined;
  }
  return { steps };
}

function sqlWalk(ops: readonly SchemaOp[]): TxWalk {
  const steps: TxStep[] = [];
  let next = 1;
  let tx: number | undefined;
  let openedBy: SchemaOp | undefined;
  for (const op of ops) {
    if (op.transaction === 'begin') {
      const nested = tx !== undefined;
      if (!nested) {
        tx = next++;
        openedBy = op;
      }
      steps.push({ op, tx, ...(nested ? { nestedBegin: true } : {}) });
    } else if (op.transaction === 'end') {
      steps.push({ op, tx });
      tx = undefined;
      openedBy = undefined;
    } else steps.push({ op, tx });
  }
  return openedBy ? { steps, leftOpen: openedBy } : { steps };
}

/** The transaction a runner opens around the whole file (goose, dbmate, Drizzle ...): not a BEGIN's. */
export const RUNNER_TX = -1;

/**
 * The transaction a step runs in, counting a runner's transaction around a .sql file too: the
 * walk's own, else the runner's for a statement outside any explicit block of a file it wraps.
 */
export function txOf(step: TxStep): number | undefined {
  return step.tx ?? (step.op.wrappedBy !== undefined && !step.op.inTransaction ? RUNNER_TX : undefined);
}
