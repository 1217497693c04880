import type { SyntaxNode } from '@lezer/common';
import {
  callArgs,
  type CallArgs,
  calleePath,
  staticString,
  staticValue,
  str,
} from '../migrations/python-syntax.js';
import { ident, NotRendered, referenceTarget, renderNames } from './render-column.js';

/**
 * The table-level constraints `op.create_table` takes beside its columns, as autogenerate writes
 * them (`sa.PrimaryKeyConstraint("id")`, `sa.UniqueConstraint(...)`, `sa.ForeignKeyConstraint(...)`,
 * `sa.CheckConstraint(...)`), rendered the way SQLAlchemy's PostgreSQL dialect renders them in
 * CREATE TABLE. Undefined for anything else (a column, which renderColumn reads).
 */
export function renderTableConstraint(node: SyntaxNode, src: string): string | undefined {
  if (node.name !== 'CallExpression') return undefined;
  const kind = calleePath(node, src)?.at(-1);
  if (!kind || !CONSTRAINTS.has(kind)) return undefined;
  const a = callArgs(node, src);
  const named = constraintName(a, src);
  const prefix = named === undefined ? '' : `CONSTRAINT ${ident(named)} `;
  switch (kind) {
    case 'PrimaryKeyConstraint':
      return `${prefix}PRIMARY KEY (${columnList(a, src)})`;
    case 'UniqueConstraint':
      return `${prefix}UNIQUE (${columnList(a, src)})`;
    case 'CheckConstraint': {
      const n = a.positional[0] ?? a.keywords.get('sqltext');
      const sql = str(n, src);
      if (sql === undefined)
        throw new NotRendered('a CheckConstraint whose condition is not a literal string');
      return `${prefix}CHECK (${sql})`;
    }
    default:
      return `${prefix}${foreignKey(a, src)}`;
  }
}

const CONSTRAINTS = new Set([
  'PrimaryKeyConstraint',
  'UniqueConstraint',
  'CheckConstraint',
  'ForeignKeyConstraint',
]);

/** `name="pk_t"` or `op.f("pk_t")`; undefined when unnamed (PostgreSQL then names it). */
function constraintName(a: CallArgs, src: string): string | undefined {
  const n = a.keywords.get('name');
  if (!n || staticValue(n, src) === null) return undefined;
  const name = staticString(n, src)?.value;
  if (name === undefined) throw new NotRendered('a constraint name that is not a literal string');
  return name;
}

/** `sa.PrimaryKeyConstraint("a", "b")`: the column names, each a literal. */
function columnList(a: CallArgs, src: string): string {
  if (a.positional.length === 0) throw new NotRendered('a key constraint without columns');
  return a.positional.map((n) => renderNames(n, src)).join(', ');
}

/** `sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE")`. */
function foreignKey(a: CallArgs, src: string): string {
  const local = renderNames(a.positional[0] ?? a.keywords.get('columns'), src);
  const refNode = a.positional[1] ?? a.keywords.get('refcolumns');
  const refs = refNode ? staticValue(refNode, src) : undefined;
  const targets = (Array.isArray(refs) ? refs : []).map((t) =>
    referenceTarget(typeof t === 'string' ? t : undefined),
  );
  if (targets.length === 0 || targets.some((t) => t === undefined))
    throw new NotRendered('a ForeignKeyConstraint whose targets are not "table.column" literals');
  const resolved = targets as { table: string; column: string }[];
  const tables = new Set(resolved.map((t) => t.table));
  if (tables.size !== 1) throw new NotRendered('a ForeignKeyConstraint that references more than one table');
  const table = resolved[0]?.table as string;
  const columns = resolved.map((t) => t.column).join(', ');
  const actions = (['ondelete', 'onupdate'] as const)
    .map((kw) => referentialAction(a, kw, src))
    .filter((s) => s !== '')
    .join('');
  return `FOREIGN KEY (${local}) REFERENCES ${table} (${columns})${actions}`;
}

/** ` ON DELETE CASCADE`: only the actions PostgreSQL has, never arbitrary text spliced into DDL. */
function referentialAction(a: CallArgs, kw: 'ondelete' | 'onupdate', src: string): string {
  const n = a.keywords.get(kw);
  if (!n) return '';
  const v = staticString(n, src)?.value.trim().toUpperCase().replace(/\s+/g, ' ');
  if (v === undefined || !ACTIONS.has(v))
    throw new NotRendered(`${kw} that is not one of PostgreSQL's actions`);
  return ` ON ${kw === 'ondelete' ? 'DELETE' : 'UPDATE'} ${v}`;
}

const ACTIONS = new Set(['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION']);
