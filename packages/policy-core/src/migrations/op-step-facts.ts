import type { SyntaxNode } from '@lezer/common';
import { expressionVolatility, isVolatileFunction } from './default-volatility.js';
import type { ConstraintType, StepFacts } from './schema-op.js';
import type { AddColumnFacts } from './sql-step-facts.js';
import {
  arg,
  type CallArgs,
  callArgs,
  calleeName,
  calleePath,
  keywordBool,
  staticValue,
  str,
} from './python-syntax.js';
import { parseSql } from './sql-parser.js';

/**
 * The steps of Alembic `op.*` calls that their arguments say more of: the same kinds and fields
 * sql-step-facts.ts reads from SQL, so one rule judges `op.create_foreign_key(...)` and
 * `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY` alike. Dialect options that make an op safe
 * (`postgresql_not_valid=True`) are honoured.
 */

const CONSTRAINT_METHODS: Record<string, ConstraintType> = {
  create_foreign_key: 'foreign_key',
  create_check_constraint: 'check',
  create_unique_constraint: 'unique',
  create_primary_key: 'primary_key',
  create_exclude_constraint: 'exclusion',
};

/** The add_constraint step of an `op.create_*` call, or undefined for other methods. */
export function opConstraintFacts(
  method: string,
  args: CallArgs,
  src: string,
  batch: boolean,
): StepFacts | undefined {
  const constraint = CONSTRAINT_METHODS[method];
  if (!constraint) return undefined;
  const step: StepFacts = { kind: 'add_constraint', constraint };
  const constraintName = str(arg(args, 0, 'constraint_name'), src);
  if (constraintName !== undefined) step.constraintName = constraintName;
  if (keywordBool(args, 'postgresql_not_valid', src) === true) step.notValid = true;
  let otherTable: string | undefined;
  if (constraint === 'foreign_key') {
    otherTable = str(arg(args, batch ? 1 : 2, 'referent_table'), src);
  }
  step.lock = {
    mode: constraint === 'foreign_key' ? 'ShareRowExclusiveLock' : 'AccessExclusiveLock',
    ...(otherTable !== undefined ? { otherTable } : {}),
  };
  return step;
}

/** `sa.text("...")`, `text("...")`, `sa.sql.expression.text(...)`: the SQL it holds. */
function textSql(node: SyntaxNode, src: string): string | undefined {
  if (calleeName(node, src) !== 'text') return undefined;
  return str(callArgs(node, src).positional[0], src);
}

/** `sa.func.gen_random_uuid()`, `func.now()`: the function's name. */
function funcCallName(node: SyntaxNode, src: string): string | undefined {
  if (node.name !== 'CallExpression') return undefined;
  const path = calleePath(node, src);
  return path && path.length >= 2 && path[path.length - 2] === 'func' ? path[path.length - 1] : undefined;
}

/** A `server_default=...` value: a literal, `sa.text("sql")` or `sa.func.name()`. */
function serverDefaultFacts(node: SyntaxNode, src: string): AddColumnFacts {
  const value = staticValue(node, src);
  if (value === null) return {};
  if (value !== undefined) return { defaultVolatility: 'constant' };
  const fn = funcCallName(node, src);
  if (fn !== undefined)
    return isVolatileFunction(fn)
      ? { defaultVolatility: 'volatile', volatileFunction: fn }
      : { defaultVolatility: 'stable' };
  const sql = textSql(node, src);
  if (sql !== undefined) {
    const parsed = parseSql(`SELECT ${sql}`);
    const stmt = parsed.status === 'ok' ? parsed.statements[0] : undefined;
    const target = (stmt?.node.targetList as { ResTarget?: { val?: unknown } }[] | undefined)?.[0];
    if (target?.ResTarget) {
      const v = expressionVolatility(target.ResTarget.val);
      return { defaultVolatility: v.volatility, ...(v.fn ? { volatileFunction: v.fn } : {}) };
    }
  }
  // A name or expression Slipway cannot read: taken as a plain value, like a user function.
  return { defaultVolatility: 'stable' };
}

/** `"schema.table.column"` → `table`: the table a ForeignKey's target names. */
function referencedTable(ref: string | undefined): string | undefined {
  return ref?.includes('.') ? (ref.slice(0, ref.lastIndexOf('.')).split('.').pop() as string) : undefined;
}

/**
 * The tables `op.create_table`'s foreign keys reference: `sa.ForeignKey("t.c")` in a column,
 * `sa.ForeignKeyConstraint([...], ["t.c", ...])` beside them. Targets Slipway cannot read (a
 * column object, a variable) are left out.
 */
export function createTableReferences(args: CallArgs, src: string): string[] {
  const out = new Set<string>();
  for (const p of args.positional.slice(1)) {
    const name = calleeName(p, src);
    if (name === undefined) continue;
    const inner = callArgs(p, src);
    if (name === 'Column') {
      for (const c of inner.positional) {
        if (calleeName(c, src) !== 'ForeignKey') continue;
        const table = referencedTable(str(callArgs(c, src).positional[0], src));
        if (table !== undefined) out.add(table);
      }
    } else if (name === 'ForeignKeyConstraint') {
      const refs = arg(inner, 1, 'refcolumns');
      const value = refs ? staticValue(refs, src) : undefined;
      for (const r of Array.isArray(value) ? value : []) {
        const table = typeof r === 'string' ? referencedTable(r) : undefined;
        if (table !== undefined) out.add(table);
      }
    }
  }
  return [...out];
}

/** What op.create_table takes beside its columns: they make no column. */
const TABLE_ITEMS = new Set([
  'PrimaryKeyConstraint',
  'ForeignKeyConstraint',
  'UniqueConstraint',
  'CheckConstraint',
  'Index',
]);

/**
 * The columns `op.create_table` makes (`sa.Column("name", ...)`), lower-cased; undefined when one
 * is not written there (a variable, `*columns`, a name that is not a literal).
 */
export function createTableColumns(args: CallArgs, src: string): string[] | undefined {
  const out: string[] = [];
  for (const p of args.positional.slice(1)) {
    const name = calleeName(p, src);
    if (name !== undefined && TABLE_ITEMS.has(name)) continue;
    if (name !== 'Column') return undefined;
    const column = str(arg(callArgs(p, src), 0, 'name'), src);
    if (column === undefined) return undefined;
    out.push(column.toLowerCase());
  }
  return out;
}

/**
 * The columns `op.create_table` makes NOT NULL, lower-cased: `sa.Column(..., nullable=False)`, a
 * `primary_key=True` column and those of a `sa.PrimaryKeyConstraint(...)` (PostgreSQL makes a
 * primary key's columns NOT NULL whatever `nullable` says). What MIG006 reads a later
 * `WHERE col IS NOT NULL` by (not-null-columns.ts); a column it cannot name is left out.
 */
export function createTableNotNullColumns(args: CallArgs, src: string): string[] {
  const out: string[] = [];
  for (const p of args.positional.slice(1)) {
    const name = calleeName(p, src);
    const a = name === 'Column' || name === 'PrimaryKeyConstraint' ? callArgs(p, src) : undefined;
    if (a === undefined) continue;
    const names = name === 'Column' ? [arg(a, 0, 'name')] : a.positional;
    const notNull =
      name === 'PrimaryKeyConstraint' ||
      keywordBool(a, 'nullable', src) === false ||
      keywordBool(a, 'primary_key', src) === true;
    if (notNull)
      for (const n of names) {
        const column = str(n, src);
        if (column !== undefined) out.push(column.toLowerCase());
      }
  }
  return out;
}

/** `sa.Column(...)` given to `op.add_column`: defaults, generated values, column constraints, the lock. */
export function columnStepFacts(node: SyntaxNode | undefined, src: string): AddColumnFacts {
  if (node?.name !== 'CallExpression') return { lock: { mode: 'AccessExclusiveLock' } };
  const facts: AddColumnFacts = {};
  let otherTable: string | undefined;
  const args = callArgs(node, src);
  const def = args.keywords.get('server_default');
  if (def) Object.assign(facts, serverDefaultFacts(def, src));
  const constraints: ConstraintType[] = [];
  for (const p of args.positional) {
    const name = calleeName(p, src);
    if (name === 'Identity') {
      facts.sequenceFilled = true;
      facts.defaultVolatility = 'volatile';
      facts.volatileFunction = 'an identity sequence';
    } else if (name === 'Computed') {
      // `persisted=False` asks for a VIRTUAL column (PostgreSQL 18+), which stores nothing.
      if (keywordBool(callArgs(p, src), 'persisted', src) !== false) facts.generatedStored = true;
    } else if (name === 'ForeignKey') {
      constraints.push('foreign_key');
      const table = referencedTable(str(callArgs(p, src).positional[0], src));
      if (table !== undefined) otherTable = table;
    }
  }
  if (keywordBool(args, 'primary_key', src) === true) constraints.push('primary_key');
  if (keywordBool(args, 'unique', src) === true) constraints.push('unique');
  if (constraints.length > 0) facts.columnConstraints = constraints;
  facts.lock = { mode: 'AccessExclusiveLock', ...(otherTable !== undefined ? { otherTable } : {}) };
  return facts;
}
