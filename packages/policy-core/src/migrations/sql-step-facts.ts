import { expressionVolatility } from './default-volatility.js';
import type { LockMode } from './lock-facts.js';
import type { ConstraintType, SchemaOp, StepFacts } from './schema-op.js';
import { asArr, asObj, type Obj } from './sql-node.js';
import { timeoutMs, timeoutValueOn } from '../postgres-time.js';

/**
 * The steps of parsed SQL (libpg-query nodes) that sql-ops.ts does not name by the statement
 * alone: what each ALTER TABLE subcommand and each maintenance or settings statement does (its
 * kind and fields), and the lock it takes. The modes follow PostgreSQL's documentation of ALTER
 * TABLE and of each statement; `slipway trace` checks them against `pg_locks`.
 */

const CONSTRAINT_TYPES: Record<string, ConstraintType> = {
  CONSTR_FOREIGN: 'foreign_key',
  CONSTR_CHECK: 'check',
  CONSTR_UNIQUE: 'unique',
  CONSTR_PRIMARY: 'primary_key',
  CONSTR_EXCLUSION: 'exclusion',
  CONSTR_NOTNULL: 'not_null',
};

/** ALTER TABLE subcommands that take less than ACCESS EXCLUSIVE (PostgreSQL's ALTER TABLE page). */
const WEAKER_SUBCOMMANDS: Record<string, LockMode> = {
  AT_SetStatistics: 'ShareUpdateExclusiveLock',
  AT_SetOptions: 'ShareUpdateExclusiveLock',
  AT_ResetOptions: 'ShareUpdateExclusiveLock',
  AT_SetRelOptions: 'ShareUpdateExclusiveLock',
  AT_ResetRelOptions: 'ShareUpdateExclusiveLock',
  AT_ClusterOn: 'ShareUpdateExclusiveLock',
  AT_DropCluster: 'ShareUpdateExclusiveLock',
  AT_ValidateConstraint: 'ShareUpdateExclusiveLock',
  AT_AttachPartition: 'ShareUpdateExclusiveLock',
  AT_EnableTrig: 'ShareRowExclusiveLock',
  AT_EnableAlwaysTrig: 'ShareRowExclusiveLock',
  AT_EnableReplicaTrig: 'ShareRowExclusiveLock',
  AT_DisableTrig: 'ShareRowExclusiveLock',
  AT_EnableTrigAll: 'ShareRowExclusiveLock',
  AT_DisableTrigAll: 'ShareRowExclusiveLock',
  AT_EnableTrigUser: 'ShareRowExclusiveLock',
  AT_DisableTrigUser: 'ShareRowExclusiveLock',
};

/** The step of one constraint node (`{ Constraint: {...} }`) being added to a table. */
export function constraintFacts(node: unknown): StepFacts {
  const c = asObj(asObj(node)?.Constraint) ?? {};
  const constraint = CONSTRAINT_TYPES[String(c.contype)];
  const step: StepFacts = { kind: 'add_constraint' };
  if (constraint) step.constraint = constraint;
  if (typeof c.conname === 'string') step.constraintName = c.conname;
  if (c.skip_validation === true) step.notValid = true;
  const test = asObj(asObj(c.raw_expr)?.NullTest);
  const fields = asArr(asObj(asObj(test?.arg)?.ColumnRef)?.fields);
  const column = fields.length === 1 ? asObj(asObj(fields[0])?.String)?.sval : undefined;
  if (constraint === 'check' && test?.nulltesttype === 'IS_NOT_NULL' && typeof column === 'string')
    step.notNullColumn = column;
  if (typeof c.indexname === 'string') step.usingIndex = true;
  // A foreign key takes SHARE ROW EXCLUSIVE on both tables; every other constraint ACCESS EXCLUSIVE.
  const referenced = asObj(c.pktable)?.relname;
  step.lock = {
    mode: constraint === 'foreign_key' ? 'ShareRowExclusiveLock' : 'AccessExclusiveLock',
    ...(typeof referenced === 'string' ? { otherTable: referenced } : {}),
  };
  return step;
}

const SERIAL_TYPES = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);

/** What an add_column step carries beyond its name: how its default fills rows, its constraints, its lock. */
export type AddColumnFacts = Pick<
  SchemaOp,
  | 'defaultVolatility'
  | 'volatileFunction'
  | 'generatedStored'
  | 'sequenceFilled'
  | 'columnConstraints'
  | 'lock'
>;

/** ADD COLUMN: its default's volatility and the constraints written on the column. */
export function addColumnFacts(def: Obj | undefined): AddColumnFacts {
  const facts: AddColumnFacts = {};
  let otherTable: string | undefined;
  const names = asArr(asObj(def?.typeName)?.names);
  const typeName = asObj(asObj(names[names.length - 1])?.String)?.sval;
  if (typeof typeName === 'string' && SERIAL_TYPES.has(typeName.toLowerCase())) {
    facts.sequenceFilled = true;
    facts.defaultVolatility = 'volatile';
    facts.volatileFunction = 'nextval';
  }
  const columnConstraints: ConstraintType[] = [];
  for (const raw of asArr(def?.constraints)) {
    const c = asObj(asObj(raw)?.Constraint);
    const type = String(c?.contype);
    if (type === 'CONSTR_DEFAULT') {
      const isNull = asObj(asObj(c?.raw_expr)?.A_Const)?.isnull === true;
      if (isNull) continue;
      const v = expressionVolatility(c?.raw_expr);
      facts.defaultVolatility = v.volatility;
      if (v.fn) facts.volatileFunction = v.fn;
    } else if (type === 'CONSTR_IDENTITY') {
      facts.sequenceFilled = true;
      facts.defaultVolatility = 'volatile';
      facts.volatileFunction = 'an identity sequence';
    } else if (type === 'CONSTR_GENERATED') {
      // `generated_kind` 's' is STORED; PostgreSQL 18's VIRTUAL columns ('v') store nothing.
      if (c?.generated_kind !== 'v') facts.generatedStored = true;
    } else {
      const constraint = CONSTRAINT_TYPES[type];
      if (constraint && constraint !== 'not_null') columnConstraints.push(constraint);
      const referenced = asObj(c?.pktable)?.relname;
      if (typeof referenced === 'string') otherTable = referenced;
    }
  }
  if (columnConstraints.length > 0) facts.columnConstraints = columnConstraints;
  facts.lock =
    otherTable === undefined ? { mode: 'AccessExclusiveLock' } : { mode: 'AccessExclusiveLock', otherTable };
  return facts;
}

/** The step of one ALTER TABLE subcommand other than those sql-ops.ts gives a kind of its own. */
export function alterCmdFacts(cmd: Obj | undefined): StepFacts {
  const subtype = String(cmd?.subtype);
  switch (subtype) {
    case 'AT_AddConstraint':
      return constraintFacts(cmd?.def);
    case 'AT_ValidateConstraint':
      return {
        kind: 'validate_constraint',
        ...(typeof cmd?.name === 'string' ? { constraintName: cmd.name } : {}),
        lock: { mode: 'ShareUpdateExclusiveLock' },
      };
    case 'AT_DropConstraint':
      return {
        kind: 'drop_constraint',
        ...(typeof cmd?.name === 'string' ? { constraintName: cmd.name } : {}),
        lock: { mode: 'AccessExclusiveLock' },
      };
    case 'AT_DropNotNull':
      return { kind: 'drop_not_null', lock: { mode: 'AccessExclusiveLock' } };
    case 'AT_ColumnDefault':
      return { kind: 'set_default', lock: { mode: 'AccessExclusiveLock' } };
    case 'AT_DetachPartition':
      return {
        kind: 'detach_partition',
        concurrently: asObj(asObj(cmd?.def)?.PartitionCmd)?.concurrent === true,
        lock: { mode: 'AccessExclusiveLock' },
      };
    default:
      return { kind: 'alter_table', lock: { mode: WEAKER_SUBCOMMANDS[subtype] ?? 'AccessExclusiveLock' } };
  }
}

function hasOption(options: unknown, name: string): boolean {
  return asArr(options).some((o) => asObj(asObj(o)?.DefElem)?.defname === name);
}

/** The SET statements a rule reads, by the setting each sets. */
const TIMEOUT_KINDS: Record<string, 'set_lock_timeout' | 'set_statement_timeout'> = {
  lock_timeout: 'set_lock_timeout',
  statement_timeout: 'set_statement_timeout',
};

/**
 * A timeout's value: on when set to something other than 0 (`'2s'`, `2000`), off for 0 (RESET
 * and DEFAULT are read as off by the caller), with its milliseconds when a literal time.
 */
function timeoutValue(args: unknown[]): Pick<StepFacts, 'timeoutOn' | 'timeoutMs'> {
  const c = asObj(asObj(args[0])?.A_Const);
  if (!c) return { timeoutOn: false };
  const ival = asObj(c.ival);
  const value = ival ? (typeof ival.ival === 'number' ? ival.ival : 0) : asObj(c.sval)?.sval;
  if (typeof value !== 'string' && typeof value !== 'number') return { timeoutOn: false };
  const ms = timeoutMs(value);
  const timeoutOn = typeof value === 'number' ? value !== 0 : timeoutValueOn(value);
  return ms !== undefined ? { timeoutOn, timeoutMs: ms } : { timeoutOn };
}

/** `SELECT set_config('lock_timeout', '2s', ...)` (what some teams write instead of SET). */
function setConfigTimeout(node: Obj): StepFacts | undefined {
  for (const target of asArr(node.targetList)) {
    const call = asObj(asObj(asObj(asObj(target)?.ResTarget)?.val)?.FuncCall);
    const names = asArr(call?.funcname);
    const name = asObj(asObj(names[names.length - 1])?.String)?.sval;
    const args = asArr(call?.args);
    const setting = asObj(asObj(asObj(args[0])?.A_Const)?.sval)?.sval;
    const kind = typeof setting === 'string' ? TIMEOUT_KINDS[setting] : undefined;
    if (name !== 'set_config' || !kind) continue;
    const local = asObj(asObj(asObj(args[2])?.A_Const)?.boolval)?.boolval === true;
    return { kind, ...timeoutValue(args.slice(1)), ...(local ? { local: true as const } : {}) };
  }
  return undefined;
}

/**
 * The step of a whole statement that is not ALTER TABLE (maintenance, settings, domains, the lock
 * CREATE TRIGGER takes), when it is one a rule names; undefined for every other statement (`other`).
 */
export function statementFacts(kind: string, node: Obj): StepFacts | undefined {
  switch (kind) {
    case 'CopyStmt':
      // `COPY t TO PROGRAM 'rm …'`: a shell command on the database server, as its OS user.
      return node.is_program === true
        ? {
            kind: 'unread_sql',
            unfollowed: 'COPY … PROGRAM',
            reason: 'runs a shell command on the database server',
          }
        : undefined;
    case 'ReindexStmt': {
      const concurrently = hasOption(node.params, 'concurrently') || node.concurrent === true;
      return {
        kind: 'reindex',
        concurrently,
        lock: { mode: concurrently ? 'ShareUpdateExclusiveLock' : 'AccessExclusiveLock' },
      };
    }
    case 'RefreshMatViewStmt': {
      const concurrently = node.concurrent === true;
      return {
        kind: 'refresh_view',
        concurrently,
        lock: { mode: concurrently ? 'ExclusiveLock' : 'AccessExclusiveLock' },
      };
    }
    case 'VacuumStmt':
      return node.is_vacuumcmd !== false && hasOption(node.options, 'full')
        ? { kind: 'vacuum_full', lock: { mode: 'AccessExclusiveLock' } }
        : undefined;
    case 'ClusterStmt':
      return { kind: 'cluster', lock: { mode: 'AccessExclusiveLock' } };
    case 'VariableSetStmt': {
      const setKind = typeof node.name === 'string' ? TIMEOUT_KINDS[node.name] : undefined;
      if (!setKind) return undefined;
      const local = node.is_local === true ? { local: true as const } : {};
      return node.kind === 'VAR_SET_VALUE'
        ? { kind: setKind, ...timeoutValue(asArr(node.args)), ...local }
        : { kind: setKind, timeoutOn: false, ...local };
    }
    case 'SelectStmt':
      return setConfigTimeout(node);
    // CREATE TRIGGER takes SHARE ROW EXCLUSIVE on its table (PostgreSQL's explicit-locking page).
    case 'CreateTrigStmt':
      return { kind: 'other', lock: { mode: 'ShareRowExclusiveLock' } };
    case 'AlterDomainStmt': {
      if (node.subtype !== 'C') return undefined;
      const notValid = asObj(asObj(node.def)?.Constraint)?.skip_validation === true;
      return notValid ? { kind: 'add_domain_constraint', notValid } : { kind: 'add_domain_constraint' };
    }
    default:
      return undefined;
  }
}

/** Table names a VACUUM / CLUSTER / REINDEX / REFRESH statement names (for "same-migration table"). */
export function maintenanceTable(kind: string, node: Obj): string | undefined {
  if (kind === 'VacuumStmt') {
    const rel = asObj(asObj(asArr(node.rels)[0])?.VacuumRelation)?.relation;
    const name = asObj(rel)?.relname;
    return typeof name === 'string' ? name : undefined;
  }
  const name = asObj(node.relation)?.relname;
  return typeof name === 'string' ? name : undefined;
}
