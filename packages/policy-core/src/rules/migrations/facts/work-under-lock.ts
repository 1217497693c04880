import type { Finding } from '../../../finding.js';
import type { LockMode } from '../../../migrations/lock-facts.js';
import { lockModeOf, lockModeSql } from '../../../migrations/lock-mode.js';
import { type SchemaOp, tableKey } from '../../../migrations/schema-op.js';
import { CreatedTables } from './created-tables.js';
import { type AnyRule, findingOf } from '../../../rule.js';
import { allowHint, type MigrationFile, loadRelated, opFile, quote } from './mig-facts.js';
import { transactionWalk, txOf } from './transactions.js';

/** A lock a transaction holds (PostgreSQL keeps it until commit) on a table the migration did not create. */
export interface HeldLock {
  op: SchemaOp;
  table: string;
  key: string;
  mode: LockMode;
}

/** The first statement of a transaction that works through rows while it holds a lock that counts. */
export interface WorkUnderLock {
  op: SchemaOp;
  /** What it does to rows: rowWork's phrase. */
  why: string;
  /** The lock it keeps held. */
  held: HeldLock;
}

/** The table `table` (in `schema`) existed before the migration: nobody else waits on one it created. */
export type Existed = (table: string | undefined, schema?: string) => table is string;

/**
 * What a transaction holds so far, of the locks that count: the first taken, each table's first,
 * the first two on distinct tables (and of those, the two whose statement does not drop the
 * table), and every mode among them. No list to look through: a migration of 100,000 DROP TABLEs
 * in one transaction must not make each statement read the locks before it.
 */
export interface HeldLocks {
  first: HeldLock;
  modes: ReadonlySet<LockMode>;
  byTable: ReadonlyMap<string, HeldLock>;
  /** The first two locks on distinct tables, in the order taken. */
  firsts: readonly HeldLock[];
  /** The same, of the tables that stay: a dropped table's callers fail once it commits anyway. */
  kept: readonly HeldLock[];
}

/**
 * The held lock a finding on `op`'s work names: the one on the table it works (its readers and
 * writers wait for the work itself), unless `ownIsMoot` (a statement that takes ACCESS EXCLUSIVE
 * on its table blocks it anyway); else the first on another table that stays, else the first on
 * another table. Seen on thedevs-network/kutt and DashHub-ai/DashHub: an index build named the
 * lock of a table the transaction had dropped, not the one taken on the table it indexed.
 */
export function lockThatMatters(held: HeldLocks, op: SchemaOp, ownIsMoot: boolean): HeldLock | undefined {
  const worked = tableKey(op.copiedFrom ?? op);
  const own = worked === undefined ? undefined : held.byTable.get(worked);
  if (own && !ownIsMoot) return own;
  const other = (l: HeldLock) => l.key !== worked;
  return held.kept.find(other) ?? held.firsts.find(other);
}

/** What a rule asks of the walk: which locks count, and what work under them it reports. */
export interface LockWorkQuestion {
  holds(mode: LockMode): boolean;
  /** Given what its transaction holds so far, what `op` does under it. */
  work(op: SchemaOp, held: HeldLocks, existed: Existed): Omit<WorkUnderLock, 'op'> | undefined;
}

/**
 * One walk for MIG044 and MIG047: each transaction of a migration (transactions.ts), the locks it
 * takes on existing tables, and its first statement that `question.work` says works under them.
 * Left to other rules: the VALIDATE of a constraint added NOT VALID in the same transaction
 * (MIG027), statements outside a transaction (autocommit holds nothing past the statement), and
 * downgrade steps.
 */
export function workUnderLock(file: MigrationFile, question: LockWorkQuestion): WorkUnderLock[] {
  const out: WorkUnderLock[] = [];
  const created = new CreatedTables();
  const existed: Existed = (table, schema): table is string =>
    table !== undefined && created.existed(table, schema);
  const held = new Map<number, MutableHeld>();
  const reported = new Set<number>();
  // Constraints added NOT VALID, by the transaction that added them.
  const addedNotValid = new Map<string, number>();
  for (const step of transactionWalk(file).steps) {
    const { op } = step;
    const tx = txOf(step);
    created.note(op);
    if (tx === undefined || op.back || op.transaction !== undefined) continue;
    const constraint = op.constraintName?.toLowerCase();
    if (op.kind === 'add_constraint' && op.notValid && constraint !== undefined)
      addedNotValid.set(constraint, tx);
    const mig027 =
      op.kind === 'validate_constraint' && constraint !== undefined && addedNotValid.get(constraint) === tx;
    const locks = held.get(tx);
    // Asked before the op's own locks are added: a statement does not work under its own lock.
    if (locks && !reported.has(tx) && !mig027) {
      const found = question.work(op, locks, existed);
      if (found !== undefined) {
        reported.add(tx);
        out.push({ op, ...found });
      }
    }
    for (const lock of locksTaken(op, existed, created)) {
      if (!question.holds(lock.mode)) continue;
      const known = held.get(tx);
      if (known) note(known, lock);
      else
        held.set(tx, note({ first: lock, modes: new Set(), byTable: new Map(), firsts: [], kept: [] }, lock));
    }
  }
  return out;
}

interface MutableHeld extends HeldLocks {
  modes: Set<LockMode>;
  byTable: Map<string, HeldLock>;
  firsts: HeldLock[];
  kept: HeldLock[];
}

/** Adds `lock` to what a transaction holds (HeldLocks), keeping each part bounded. */
function note(held: MutableHeld, lock: HeldLock): MutableHeld {
  held.modes.add(lock.mode);
  if (held.byTable.has(lock.key)) return held;
  held.byTable.set(lock.key, lock);
  if (held.firsts.length < 2) held.firsts.push(lock);
  const dropped = lock.op.kind === 'drop_table' && tableKey(lock.op) === lock.key;
  if (!dropped && held.kept.length < 2) held.kept.push(lock);
  return held;
}

/**
 * The locks `op` takes on tables that existed before the migration: its own, a foreign key's
 * target, and the tables a new table REFERENCES (SHARE ROW EXCLUSIVE, as ADD FOREIGN KEY takes).
 */
function locksTaken(op: SchemaOp, existed: Existed, created: CreatedTables): HeldLock[] {
  const byName = (table: string, mode: LockMode): HeldLock => ({
    op,
    table,
    key: tableKey({ table }) as string,
    mode,
  });
  if (op.kind === 'create_table')
    return (op.references ?? [])
      .filter((t) => created.nameExisted(t))
      .map((t) => byName(t, 'ShareRowExclusiveLock'));
  const mode = lockModeOf(op);
  if (mode === undefined) return [];
  const out: HeldLock[] = [];
  if (existed(op.table, op.schema)) out.push({ op, table: op.table, key: tableKey(op) as string, mode });
  const other = op.lock?.otherTable;
  if (other !== undefined && created.nameExisted(other)) out.push(byName(other, mode));
  return out;
}

/**
 * The finding both rules give, in the same words: the work, the lock it keeps held (its mode, the
 * statement that took it, its line), what waits for it (`waits`: "every read and write of"), and
 * the way out. Related: where the lock was taken.
 */
export function workUnderLockFinding(
  rule: Pick<AnyRule, 'id' | 'defaultSeverity'>,
  path: string,
  { op, why, held }: WorkUnderLock,
  waits: string,
): Finding {
  const at = opFile(op, path);
  const mode = lockModeSql(held.mode);
  const table = quote(held.table);
  return findingOf(
    rule,
    at,
    op.range,
    `${op.label} ${why} while the transaction still holds the ${mode} lock ${held.op.label} took on ${table} (line ${held.op.range.start.line + 1}): ${waits} ${table} waits until it commits; give this statement a transaction of its own (a separate migration, or a COMMIT between them) (or ${allowHint(at, rule.id)}).`,
    [
      ...(loadRelated(op) ?? []),
      { file: opFile(held.op, path), range: held.op.range, message: `the ${mode} lock on ${table}` },
    ],
  );
}
