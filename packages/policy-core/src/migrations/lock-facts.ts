/**
 * What a statement means for PostgreSQL's locks: the facts the lock-hazard rules (and `slipway
 * trace`'s comparison of guess and measurement) read, whether the statement was written as SQL
 * or as an Alembic `op.*` call. The op's `kind` says what it changes; these say how it locks.
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
 * How a column default behaves when it is added: PostgreSQL 11+ stores a non-volatile one without a rewrite.
 */
export type DefaultVolatility = 'constant' | 'stable' | 'volatile';

export type ConstraintType = 'foreign_key' | 'check' | 'unique' | 'primary_key' | 'exclusion' | 'not_null';

/**
 * The lock-relevant action of one op, beyond its `kind`.
 */
export type LockAction =
  | 'add_constraint'
  | 'validate_constraint'
  | 'drop_constraint'
  | 'drop_not_null'
  | 'set_default'
  | 'reindex'
  | 'refresh_view'
  | 'vacuum_full'
  | 'cluster'
  | 'detach_partition'
  | 'set_lock_timeout'
  | 'domain_constraint'
  /** Any other ALTER TABLE subcommand: the lock it takes is in `mode`. */
  | 'alter_table';

export interface LockFacts {
  action?: LockAction;
  /** add_constraint (or a column constraint of add_column): which kind. */
  constraint?: ConstraintType;
  /** add_column with REFERENCES / UNIQUE / PRIMARY KEY on the column itself. */
  columnConstraints?: ConstraintType[];
  constraintName?: string;
  /** The constraint is added NOT VALID (existing rows not checked now). */
  notValid?: boolean;
  /**
   * add_constraint `CHECK (col IS NOT NULL)`: the column it proves free of NULLs once valid, which
   * lets a later SET NOT NULL skip its scan (PostgreSQL 12 and later).
   */
  notNullColumn?: string;
  /** ADD CONSTRAINT ... UNIQUE / PRIMARY KEY USING INDEX: the index already exists. */
  usingIndex?: boolean;
  /** reindex / refresh_view / detach_partition: CONCURRENTLY requested. */
  concurrently?: boolean;
  /** add_column: how its default behaves (absent: no default). */
  defaultVolatility?: DefaultVolatility;
  /** add_column: the function that makes the default volatile (`gen_random_uuid`, `nextval`). */
  volatileFunction?: string;
  /** add_column: a STORED generated column (PostgreSQL computes it for every row: a rewrite). */
  generatedStored?: boolean;
  /** add_column: an identity or serial column (filled from a sequence: a rewrite). */
  sequenceFilled?: boolean;
  /** set_lock_timeout: the value turns the timeout on (false for 0, RESET, DEFAULT). */
  timeoutOn?: boolean;
  /** The strongest lock the statement takes on the table it names, when known. */
  mode?: LockMode;
  /** A second table it locks (a foreign key's referenced table), with the same mode. */
  otherTable?: string;
}
