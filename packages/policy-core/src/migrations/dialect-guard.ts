import type { SyntaxNode } from '@lezer/common';
import { collectionItems, staticString } from './python-syntax.js';

/**
 * Whether an `if` condition holds on PostgreSQL, read from the migration's own dialect tests:
 * `if bind.dialect.name == "mysql":`, `elif engine.name in ("sqlite", "mysql"):`,
 * `if op.get_context().dialect.name != "postgresql":`, `if engine_name == MYSQL_ENGINE:`.
 *
 * Why: histories that support several databases branch on the dialect, and what a MySQL-only
 * branch does (`ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY(...)`, triggers in MySQL's
 * syntax) never runs on PostgreSQL. Flagging it as a PostgreSQL lock hazard, or as SQL that
 * PostgreSQL's parser rejects, is a false alarm on real projects. Anything this cannot decide is
 * `undefined`, and both branches are read as before.
 */
export function holdsOnPostgres(
  cond: SyntaxNode,
  src: string,
  /** The module's functions: `if is_postgres():` reads the test `is_postgres` returns. */
  functionNamed: (name: string) => SyntaxNode | undefined = () => undefined,
  depth = 0,
): boolean | undefined {
  const again = (node: SyntaxNode) => holdsOnPostgres(node, src, functionNamed, depth);
  switch (cond.name) {
    case 'ParenthesizedExpression': {
      const inner = cond.firstChild?.nextSibling;
      return inner && inner.name !== ')' ? again(inner) : undefined;
    }
    case 'UnaryExpression': {
      if (cond.firstChild?.name !== 'not' || !cond.lastChild) return undefined;
      const value = again(cond.lastChild);
      return value === undefined ? undefined : !value;
    }
    case 'BinaryExpression':
      return binary(cond, src, again);
    case 'CallExpression': {
      // A helper without arguments whose whole body returns a dialect test, a few calls deep.
      const callee = cond.firstChild;
      const args = cond.getChild('ArgList');
      if (callee?.name !== 'VariableName' || !args || args.from + 2 !== args.to || depth > 3)
        return undefined;
      const body = functionNamed(src.slice(callee.from, callee.to))?.getChild('Body');
      const statements = body ? body.getChildren('ReturnStatement') : [];
      // Node objects are made afresh on each visit: the same node is the same position.
      const only = statements.length === 1 && body?.lastChild?.from === statements[0]?.from;
      const returned = only ? statements[0]?.lastChild : null;
      if (!returned || returned.name === 'return') return undefined;
      return holdsOnPostgres(returned, src, functionNamed, depth + 1);
    }
    default:
      return undefined;
  }
}

function binary(
  node: SyntaxNode,
  src: string,
  holds: (node: SyntaxNode) => boolean | undefined,
): boolean | undefined {
  const left = node.firstChild;
  const right = node.lastChild;
  const op = left?.nextSibling;
  if (!left || !right || !op || op === right) return undefined;
  const operator = src.slice(op.from, right.from).replace(/\s+/g, ' ').trim();
  if (operator === 'and' || operator === 'or') {
    const a = holds(left);
    const b = holds(right);
    if (operator === 'and') return a === false || b === false ? false : a && b ? true : undefined;
    return a === true || b === true ? true : a === false && b === false ? false : undefined;
  }
  // The dialect name on one side, the names it is compared with on the other.
  const [subject, other] = isDialectSubject(left, src) ? [left, right] : [right, left];
  if (!isDialectSubject(subject, src)) return undefined;
  const names =
    operator === 'in' || operator === 'not in' ? dialectList(other, src) : dialectName(other, src);
  if (names === undefined) return undefined;
  const isPostgres = (Array.isArray(names) ? names : [names]).includes('postgresql');
  switch (operator) {
    case '==':
    case 'is':
    case 'in':
      return isPostgres;
    case '!=':
    case 'is not':
    case 'not in':
      return !isPostgres;
    default:
      return undefined;
  }
}

/**
 * The expression that names the dialect: `engine.name`, `bind.dialect.name`,
 * `op.get_context().dialect.name`, or a variable such as `engine_name` or `dialect`.
 */
function isDialectSubject(node: SyntaxNode, src: string): boolean {
  const text = src.slice(node.from, node.to);
  if (node.name === 'VariableName') return /dialect|engine/i.test(text);
  if (node.name !== 'MemberExpression' || node.lastChild?.name !== 'PropertyName') return false;
  const prop = src.slice(node.lastChild.from, node.lastChild.to);
  return (prop === 'name' || prop === 'dialect_name') && /dialect|engine|bind|conn/i.test(text);
}

/** The words a constant's name may say its database by (`POSTGRES_ENGINE`: its value is not known). */
const DIALECTS = new Set(['postgresql', 'postgres', 'mysql', 'mariadb', 'sqlite', 'mssql', 'oracle']);

/** A constant such as `MYSQL_ENGINE` or `migration.SQLITE`: the name says the dialect. */
const DIALECT_CONSTANT =
  /^(?:[a-z]+_)*?(postgresql|postgres|mysql|mariadb|sqlite|mssql|oracle)(?:_[a-z]+)*$/i;

/**
 * The exact values of SQLAlchemy's `Dialect.name` (each dialect's `name = "…"`, e.g.
 * lib/sqlalchemy/dialects/postgresql/base.py `name = "postgresql"`). A literal is compared with the
 * name as it is: `== "postgres"` or `== "PostgreSQL"` never holds on PostgreSQL (`postgres` was only
 * ever a URL and module alias), so such a test is not read as PostgreSQL's branch; which branch
 * runs is then left open, and both are judged.
 */
const DIALECT_NAMES = new Set(['postgresql', 'mysql', 'mariadb', 'sqlite', 'mssql', 'oracle']);

function dialectName(node: SyntaxNode, src: string): string | undefined {
  if (node.name === 'String') {
    const value = staticString(node, src)?.value;
    return value !== undefined && DIALECT_NAMES.has(value) ? value : undefined;
  }
  let name: string | undefined;
  if (node.name === 'VariableName' || node.name === 'MemberExpression') {
    const last = node.name === 'VariableName' ? node : node.lastChild;
    if (last?.name === 'VariableName' || last?.name === 'PropertyName')
      name = DIALECT_CONSTANT.exec(src.slice(last.from, last.to))?.[1]?.toLowerCase();
  }
  if (name === undefined || !DIALECTS.has(name)) return undefined;
  return name === 'postgres' ? 'postgresql' : name;
}

/** `("sqlite", "mysql")`, `["mysql"]`, `{"mysql"}`: every member must name a dialect. */
function dialectList(node: SyntaxNode, src: string): string[] | undefined {
  if (!['TupleExpression', 'ArrayExpression', 'SetExpression', 'ParenthesizedExpression'].includes(node.name))
    return undefined;
  const names: string[] = [];
  for (const c of collectionItems(node)) {
    const name = dialectName(c, src);
    if (name === undefined) return undefined;
    names.push(name);
  }
  return names.length > 0 ? names : undefined;
}
