/**
 * What a statement means for PostgreSQL's locks: the facts the lock-hazard rules (and `slipway
 * trace`'s comparison of guess and measurement) read, whether the statement was written as SQL
 * or as an Alembic `op.*` call. The op's `kind` says what it does; these say only how it locks.
 */

/** A table lock mode, spelled as `pg_locks.mode` spells it. */
export type LockMode =
  | 'AccessShareLock'
  | 'RowShareLock'
  | 'RowExclusiveLock'
  | 'ShareUpdateExclusiveLock'
  | 'ShareLock'
  | 'ShareRowExclusiveLock'
  | 'ExclusiveLock'
  | 'AccessExclusiveLock';

/** Weakest first: the order PostgreSQL's documentation lists them in. */
export const LOCK_STRENGTH: readonly LockMode[] = [
  'AccessShareLock',
  'RowShareLock',
  'RowExclusiveLock',
  'ShareUpdateExclusiveLock',
  'ShareLock',
  'ShareRowExclusiveLock',
  'ExclusiveLock',
  'AccessExclusiveLock',
];

/**
 * SHARE and stronger: the modes that conflict with ROW EXCLUSIVE, the lock every INSERT, UPDATE
 * and DELETE takes, so while one is held (or queued) no one writes to the table.
 * @internal
 */
export const BLOCKS_WRITES: readonly LockMode[] = LOCK_STRENGTH.slice(LOCK_STRENGTH.indexOf('ShareLock'));

/**
 * What each lock mode stops other sessions from doing while it is held (or queued).
 * @internal
 */
export function lockBlocks(mode: LockMode): string {
  switch (mode) {
    case 'AccessExclusiveLock':
      return 'every read and write of the table';
    case 'ExclusiveLock':
    case 'ShareRowExclusiveLock':
    case 'ShareLock':
      return 'every write to the table (INSERT, UPDATE, DELETE)';
    default:
      return 'other schema changes and VACUUM';
  }
}

/**
 * How one step locks: the mode it takes and the tables it takes it on. What the step does (add
 * a constraint, reindex, set lock_timeout) is its `SchemaOp.kind` and the op's own fields, never
 * said here: the lock-hazard rules match kinds, and MIG037 and `slipway trace` read modes.
 */
export interface LockFacts {
  /** The strongest lock the statement takes on the table it names, when known. */
  mode?: LockMode;
  /** A second table it locks (a foreign key's referenced table), with the same mode. */
  otherTable?: string;
}
