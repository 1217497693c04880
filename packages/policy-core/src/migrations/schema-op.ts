import type { SqlType } from './sqlalchemy-type.js';
import type { Range } from '../finding.js';
import type { SqlLoadTarget } from './sql-load-target.js';
import type { CopySource } from './insert-copy-source.js';
import type { DefaultVolatility } from './default-volatility.js';
import type { LockFacts } from './lock-facts.js';
import type { SqlRunner } from '../policy/schema/migrations.js';
import type { JsTool } from './js-tools.js';
import type { PrismaFileSends } from './prisma-version.js';

// Over 300 lines: the one model every reader fills and every MIG rule reads; its fields are
// documented where they are declared, and splitting the interface would scatter them.

/**
 * One thing a migration does to the database, whether written as an `op.*` call or as SQL.
 * Rules judge these, so `op.drop_table("t")` and `op.execute("DROP TABLE t")` read the same.
 */
export type SchemaOpKind =
  | 'create_table'
  | 'drop_table'
  | 'rename_table'
  | 'add_column'
  | 'drop_column'
  | 'rename_column'
  | 'alter_column_type'
  | 'set_not_null'
  | 'create_index'
  | 'drop_index'
  | 'drop_schema'
  | 'drop_database'
  | 'truncate'
  | 'delete'
  | 'update'
  /** ADD CONSTRAINT (`op.create_foreign_key`, ...): `constraint`, `notValid`, `usingIndex`. */
  | 'add_constraint'
  /** ALTER TABLE ... VALIDATE CONSTRAINT `constraintName`. */
  | 'validate_constraint'
  /** ALTER TABLE ... DROP CONSTRAINT (`op.drop_constraint`). */
  | 'drop_constraint'
  /** ALTER COLUMN ... DROP NOT NULL (`op.alter_column(..., nullable=True)`). */
  | 'drop_not_null'
  /** ALTER COLUMN ... SET / DROP DEFAULT. */
  | 'set_default'
  /** DETACH PARTITION, `concurrently` when asked. */
  | 'detach_partition'
  /** Any other ALTER TABLE subcommand (triggers, storage, statistics ...): the lock it takes is `lock.mode`. */
  | 'alter_table'
  /** ALTER DOMAIN ... ADD CONSTRAINT, `notValid` when asked. */
  | 'add_domain_constraint'
  /** REINDEX, `concurrently` when asked. */
  | 'reindex'
  /** REFRESH MATERIALIZED VIEW, `concurrently` when asked. */
  | 'refresh_view'
  /** VACUUM FULL (a plain VACUUM is `other`). */
  | 'vacuum_full'
  /** CLUSTER. */
  | 'cluster'
  /** `SET lock_timeout` (or `set_config('lock_timeout', ...)`, RESET): `timeoutOn` says which way. */
  | 'set_lock_timeout'
  /** `SET statement_timeout` (or `set_config`, RESET), read the same way: `timeoutOn`, `timeoutMs`. */
  | 'set_statement_timeout'
  /** `op.execute` whose SQL is not known statically (variable, f-string, format, parse error). */
  | 'unread_sql'
  /**
   * Any other statement (a view, function or trigger made or dropped, a comment, a grant, an
   * INSERT or SELECT, a plain VACUUM, CREATE TABLE IF NOT EXISTS): no rule matches this kind. The
   * questions every op answers still hold for it: whether it changes the schema (`changesSchema`),
   * which settings it toggles and which object it makes (`toggles`, `object`).
   */
  | 'other';

/** The kind of constraint an add_constraint adds, or one written on an added column. */
export type ConstraintType = 'foreign_key' | 'check' | 'unique' | 'primary_key' | 'exclusion' | 'not_null';

export interface SchemaOp {
  kind: SchemaOpKind;
  /** Unqualified table name, lower-cased where SQL folds it. */
  table?: string;
  /** The table's schema when named (`schema="s"`, `s.t`); absent means the search path. */
  schema?: string;
  column?: string;
  index?: string;
  newName?: string;
  /** create/drop index, reindex, refresh_view, detach_partition: CONCURRENTLY requested. */
  concurrently?: boolean;
  /**
   * create_index `ON ONLY t`: an invalid index on a partitioned table's parent alone, made at
   * once without building anything (each partition's index is attached to it later).
   */
  onlyParent?: true;
  /** Inside `with op.get_context().autocommit_block():`. */
  inAutocommit?: boolean;
  /** A BEGIN / START TRANSACTION (`begin`) or COMMIT / ROLLBACK / END (`end`) statement. */
  transaction?: 'begin' | 'end';
  /** SQL between an explicit BEGIN (or START TRANSACTION) and its COMMIT / ROLLBACK. */
  inTransaction?: boolean;
  /** A .sql migration's statement that its runner (goose, ...) runs inside a transaction of its own. */
  wrappedBy?: SqlRunner;
  /**
   * psql's `\set ON_ERROR_STOP on` (true) or `off` / `\unset ON_ERROR_STOP` (false): whether psql
   * stops the file at the first failed statement from here on (it goes on by default).
   */
  stopsOnError?: boolean;
  /** Under `sql_runner: prisma`: how this project's Prisma sends the file (prisma-script.ts). */
  prisma?: PrismaFileSends;
  /**
   * A statement of a .sql migration's way back (a `.down.sql` file, a `-- +goose Down` section):
   * judged only by the rules that judge downgrades too. Alembic keeps these in `downgrade()`.
   */
  back?: true;
  /**
   * An enum type: made here (`CREATE TYPE t AS ENUM`, `type` only), or given a value (`ALTER TYPE t
   * ADD VALUE 'v'`: `added`), named as the parser gives them (unquoted names folded), unqualified.
   */
  enum?: { type: string; added?: string };
  /**
   * set_not_null: the argument that asks for it is not a literal (`nullable=flag`), so it is NOT
   * NULL only if the value is False when the migration runs; its source text.
   */
  valueNotRead?: string;
  /** alter_column_type: both types are known and PostgreSQL changes it without a rewrite. */
  inPlace?: boolean;
  /**
   * alter_column_type: the step may also rename the column or change whether it takes NULL
   * (TypeORM's changeColumn: the new TableColumn decides both; Sequelize's sends DROP NOT NULL
   * unless told `allowNull: false`), so what was known of it is not.
   */
  redefinesColumn?: true;
  /** add_column: its type, for a plain column; alter_column_type: the new one (SQL, sql-type-name.ts). */
  columnType?: string;
  /** alter_column_type: a USING expression computes the new values. */
  using?: true;
  /** alter_column_type: a COLLATE clause gives the column a collation (its indexes are rebuilt). */
  collate?: true;
  /** create_table (SQL): its plain columns (nothing attached to them) and their types (see columnType). */
  columnTypes?: [column: string, type: string][];
  /** create_table (SQL): every column's type, attached to or not; add_column: its type (types-in-place.ts). */
  everyColumnType?: [column: string, type: string][];
  /**
   * Sequelize: the type a createTable (each column's), addColumn or changeColumn (the new one)
   * names, as PostgreSQL has it, when written plainly (sequelize-type.ts); undefined: not known.
   * Read across the series for the type before a changeColumn (sequelize-types-before.ts).
   */
  declaredType?: SqlType;
  /** Sequelize: a type Slipway knows but does not judge, and why (Sequelize 6 and 7 differ). */
  declaredTypeNotJudged?: string;
  // null, not undefined: the op is plain data kept as JSON (the CLI's result cache), where an
  // undefined in an array comes back null.
  declaredTypes?: [column: string, type: SqlType | null, notJudged?: string][];
  /**
   * alter_column_type (Sequelize): the column's type before, from the migrations before it, or
   * why that is not known (no createTable or addColumn of it read, or its type not written plainly).
   */
  typeBefore?: { type: SqlType } | { unknown: string };
  /** add_column: the column is NOT NULL. */
  notNull?: boolean;
  /** add_column: a server-side default (or identity/generated value) fills existing rows. */
  hasDefault?: boolean;
  /**
   * add_column: the default fills the existing rows and is dropped right after (Django's `default=`):
   * the column keeps no default, so an insert that does not name it fails on NOT NULL.
   */
  defaultDropped?: true;
  /**
   * add_column (Django): the field's class, one Slipway does not know, when the field asks for the
   * default Django gives some classes (`blank=True`: '' if the class allows empty strings;
   * `auto_now`): whether Django fills the rows is not known, so nothing is assumed.
   */
  djangoUnknownField?: string;
  /** add_column: how its default behaves (absent: no default). */
  defaultVolatility?: DefaultVolatility;
  /** add_column: the function that makes the default volatile (`gen_random_uuid`, `nextval`). */
  volatileFunction?: string;
  /** add_column: a STORED generated column (PostgreSQL computes it for every row: a rewrite). */
  generatedStored?: boolean;
  /** add_column: an identity or serial column (filled from a sequence: a rewrite). */
  sequenceFilled?: boolean;
  /** add_column: REFERENCES / UNIQUE / PRIMARY KEY written on the column itself. */
  columnConstraints?: ConstraintType[];
  /** add_constraint: which kind. */
  constraint?: ConstraintType;
  /** add_constraint, validate_constraint, drop_constraint: the constraint's name, when given. */
  constraintName?: string;
  /** add_constraint, add_domain_constraint: added NOT VALID (existing rows not checked now). */
  notValid?: boolean;
  /**
   * add_constraint `CHECK (col IS NOT NULL)`: the column it proves free of NULLs once valid, which
   * lets a later SET NOT NULL skip its scan (PostgreSQL 12 and later).
   */
  notNullColumn?: string;
  /** add_constraint ... UNIQUE / PRIMARY KEY USING INDEX: the index already exists. */
  usingIndex?: boolean;
  /** set_lock_timeout, set_statement_timeout: the value turns the timeout on (false for 0, RESET, DEFAULT). */
  timeoutOn?: boolean;
  /** set_lock_timeout, set_statement_timeout: the value in milliseconds, when a literal time. */
  timeoutMs?: number;
  /** set_lock_timeout, set_statement_timeout: SET LOCAL (set_config's `true`), gone when its transaction ends. */
  local?: true;
  /** update: the columns its SET assigns, when known (SQL); create_index: its plain columns. */
  columns?: string[];
  /** delete/update: has a WHERE clause. */
  hasWhere?: boolean;
  /**
   * delete/update (SQL): the columns its WHERE bounds the rows by only through `col IS NOT NULL`
   * (not-null-bound.ts): no bound at all where the schema makes them NOT NULL.
   */
  notNullBound?: string[];
  /** create_table (SQL, Alembic, Django): the columns it makes NOT NULL (NOT NULL, PRIMARY KEY), lower-cased. */
  notNullColumns?: string[];
  /**
   * Ops that only read or write rows (INSERT, SELECT, bulk_insert) or maintain what exists
   * (VACUUM, REINDEX, REFRESH, CLUSTER, SET), never a table's definition.
   */
  dataOnly?: boolean;
  /**
   * A Django RunPython: code that runs in the migration's transaction and whose work on rows is
   * not read (a data migration, as a rule). The lock rules say what it runs under.
   */
  runsCode?: true;
  /**
   * create_table: the tables its foreign keys reference. PostgreSQL locks each SHARE ROW
   * EXCLUSIVE while the new table is made, so an existing one's writers queue behind it.
   */
  references?: string[];
  /**
   * Settings a statement switches away from their default (`restores: false`: a trigger disabled,
   * a storage parameter set, a table made UNLOGGED) or back to it (`restores: true`: ENABLE
   * TRIGGER, RESET, SET LOGGED), each keyed by relation and setting (setting-toggles.ts).
   */
  toggles?: { key: string; restores: boolean }[];
  /**
   * The view, function, index, trigger or constraint a statement drops (`made: false`) or creates,
   * by kind and name, with a creation's normalised definition when it is known; `guarded` for IF
   * EXISTS, IF NOT EXISTS and OR REPLACE, which say nothing about what was there before;
   * `cascade` for a DROP ... CASCADE, which takes what depends on the object with it
   * (object-definitions.ts).
   */
  object?: { key: string; made: boolean; definition?: string; guarded?: boolean; cascade?: boolean };
  /** `INSERT INTO ... SELECT ... FROM t`: the one table its rows come from, and its columns kept. */
  copiedFrom?: CopySource;
  /**
   * CREATE RULE or CREATE TRIGGER on this table: a row written to it may go elsewhere or nowhere
   * (`DO INSTEAD NOTHING`, a BEFORE trigger returning NULL), so a copy into it keeps no row for sure.
   */
  intercepts?: { table: string; schema?: string };
  /**
   * A policy made or changed on this table, or its row security enabled or forced: a SELECT of it
   * may return only some rows to the role running the migration (row-security.ts).
   */
  filtersReads?: { table: string; schema?: string };
  /** With filtersReads: ENABLE ROW LEVEL SECURITY, which turns a table's policies on. */
  rowSecurityOn?: true;
  /** DISABLE ROW LEVEL SECURITY on this table: its policies are not applied until ENABLE. */
  rowSecurityOff?: { table: string; schema?: string };
  /** A create_table of a TEMPORARY table: it and its rows go when the session ends. */
  temporary?: true;
  /** ROLLBACK (or ABORT, ROLLBACK TO SAVEPOINT): the work before it in its transaction is undone. */
  rollsBack?: true;
  /**
   * An `other` op that is CREATE TABLE IF NOT EXISTS (`if_not_exists=True`, Knex's
   * createTableIfNotExists): it makes `table` only when no table of that name exists, which the
   * file alone does not say (the history may: guarded-table-history.ts).
   */
  createdIfMissing?: true;
  /** A step of ALTER TABLE IF EXISTS: it does nothing when the table is not there. */
  ifExists?: true;
  /**
   * A JS migration's step inside an `if`, `?:`, `switch`, loop or `catch` of its code: it runs
   * only when that holds (a branch on what the database has, medusa's `if (tables.length > 0)`).
   */
  conditional?: true;
  /** create_table: the columns it makes, lower-cased, when every one is written there. */
  madeColumns?: string[];
  /** unread_sql: why the SQL could not be read. */
  reason?: string;
  /** unread_sql that Slipway refused to read (a limit, a symlink): `reason` is the whole message. */
  refused?: true;
  /** How it locks, when `kind` alone does not say (lock-mode.ts): the mode, a second table. */
  lock?: LockFacts;
  /**
   * unread_sql that PostgreSQL's parser rejected but that starts with a DDL verb (`ALTER`,
   * `CREATE`, ...): another dialect's DDL (MySQL's `CONVERT TO CHARACTER SET`) still changes
   * the schema, whatever the parser makes of it.
   */
  ddlVerb?: string;
  /** Where a finding about this op goes: always starts on the line of the offending call. */
  range: Range;
  /** For SQL: the exact statement inside the string literal or .sql file. */
  detail?: Range;
  /** The dispatched function it is in (`upgrade_engine1`: the multidb template), if any. */
  via?: string;
  /**
   * unread_sql standing for a file the call reads and runs (`op.execute(open(path).read())`):
   * where it leads. The history's reader puts the file's statements in its place (loaded-sql.ts).
   */
  load?: SqlLoadTarget;
  /**
   * A psql `\i` / `\ir` (sql_runner `plain`): the file it runs, as written, and whether it is read
   * from the including file's folder (`\ir`). The analyzer puts that file's statements in its place.
   */
  include?: { path: string; relative: boolean };
  /**
   * unread_sql that runs SQL no reader can see (psql's `\gexec`, a shell command): the construct,
   * reported by MIG042 under its contract (an error in an agent's change), not by MIG030.
   */
  unfollowed?: string;
  /**
   * CREATE FUNCTION / PROCEDURE: its name (lower-cased) and what its body does when called
   * (function-calls.ts); `unread`: why (part of) the body cannot be read.
   */
  defines?: { name: string; ops: SchemaOp[]; unread: string[] };
  /** SELECT / CALL: the functions it calls, by lower-cased name (function-calls.ts). */
  calls?: string[];
  /** A statement of a file a revision loads: that file, where `range` and `detail` are. */
  file?: string;
  /** A statement of a file a revision loads: the revision and its call that runs the file. */
  loadedBy?: { file: string; range: Range; revision?: string };
  /**
   * A placeholder (kind `other`, changing nothing) for a call into a function of another module
   * (helper-call.ts); the analyzer puts that function's steps in its place (helper-modules.ts).
   */
  helper?: HelperCall;
  /**
   * A step of a function of another module that the revision calls: where it is written (the
   * step's `range` is the revision's call). Findings name it as a related location.
   */
  inHelper?: { file: string; range: Range; function: string };
  /** An operation of a Django migration (django-state.ts): fixes name Django's way of saying it. */
  django?: true;
  /** A step of a Knex or TypeORM migration (js-module.ts): fixes name that tool's way of saying it. */
  js?: JsTool;
  /** 'op' for op.* calls, 'sql' for statements parsed from SQL. */
  source: 'op' | 'sql';
  /** Short human label: "op.drop_table('users')" or "DROP TABLE users". */
  label: string;
}

/** A call into a function of another module, as the walk leaves it (helper-call.ts). */
/** What a call hands one parameter, as far as the helper's walk can use it. */
export type HelperArg = { op: true } | { method: string } | { text: string } | null;

export interface HelperCall {
  /** The module as imported (dotted), `level` dots before it for a relative import. */
  module: string;
  level: number;
  /** The function's name in that module. */
  name: string;
  /** Called as an attribute of an imported name: a function only when that name is a module. */
  exact?: true;
  positional: HelperArg[];
  keywords: Record<string, HelperArg>;
  /** The call spreads arguments (`*args`, `**kw`): which value lands where is not known. */
  star?: true;
}

/** A step as a reader first knows it: what it does (its kind and fields), not yet where it is. */
export type StepFacts = Omit<SchemaOp, 'range' | 'detail' | 'source' | 'label'>;

/** @internal */
export const DESTRUCTIVE_KINDS: ReadonlySet<SchemaOpKind> = new Set([
  'drop_table',
  'drop_column',
  'drop_schema',
  'drop_database',
  'truncate',
]);

/** True when the op destroys data: drops, truncates, and DELETE/UPDATE without WHERE. */
export function isDestructive(op: SchemaOp): boolean {
  if (DESTRUCTIVE_KINDS.has(op.kind)) return true;
  return (op.kind === 'delete' || op.kind === 'update') && op.hasWhere === false;
}

/**
 * True when the op changes the schema (DDL). Row changes (DELETE, UPDATE, INSERT, bulk_insert,
 * SELECT) and VALIDATE CONSTRAINT (it checks rows: nothing to undo, MIG110) do not; SQL that could
 * not be read is not known to (MIG030 reports it), unless it starts with a DDL verb.
 * @internal
 */
export function changesSchema(op: SchemaOp): boolean {
  if (op.kind === 'unread_sql') return op.ddlVerb !== undefined;
  return op.kind !== 'delete' && op.kind !== 'update' && op.kind !== 'validate_constraint' && !op.dataOnly;
}

/**
 * Which table an op names, for "the same table" questions: schema and name, case-folded. A
 * missing schema (the search path) matches only another missing schema: `s.t` and `t` may be
 * different tables. Undefined when the name is not known.
 * @internal
 */
export function tableKey(op: Pick<SchemaOp, 'table' | 'schema'>): string | undefined {
  if (op.table === undefined) return undefined;
  return `${op.schema?.toLowerCase() ?? ''}\u0000${op.table.toLowerCase()}`;
}
