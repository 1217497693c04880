import type { SyntaxNode } from '@lezer/common';
import { callArgs, calleePath, keywordBool, staticString, staticValue } from '../migrations/python-syntax.js';

/**
 * SQLAlchemy column and type expressions rendered as PostgreSQL DDL, the way SQLAlchemy's
 * PostgreSQL dialect renders them for `op.add_column` / `op.create_table`. What is not listed
 * here is not guessed: the caller reports the op as not traced, with the reason.
 */

export class NotRendered extends Error {}

/** `"users"`: always quoted, which reads a lower-case name as PostgreSQL folds an unquoted one. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;

const SIMPLE_TYPES: Record<string, string> = {
  Integer: 'integer',
  INTEGER: 'integer',
  BigInteger: 'bigint',
  BIGINT: 'bigint',
  SmallInteger: 'smallint',
  SMALLINT: 'smallint',
  Text: 'text',
  TEXT: 'text',
  Boolean: 'boolean',
  BOOLEAN: 'boolean',
  Date: 'date',
  DATE: 'date',
  Time: 'time',
  Float: 'double precision',
  FLOAT: 'double precision',
  Uuid: 'uuid',
  UUID: 'uuid',
  JSON: 'json',
  JSONB: 'jsonb',
  LargeBinary: 'bytea',
  BYTEA: 'bytea',
  Interval: 'interval',
  INET: 'inet',
  CITEXT: 'text',
};

/** `sa.String(64)` → `varchar(64)`; a type object or a bare class (`sa.Integer`). */
export function renderType(node: SyntaxNode, src: string): string {
  const call = node.name === 'CallExpression' ? node : undefined;
  const path = call ? calleePath(call, src) : src.slice(node.from, node.to).split('.');
  const name = path?.[path.length - 1] ?? '';
  const args = call ? callArgs(call, src) : { positional: [], keywords: new Map<string, SyntaxNode>() };
  const num = (i: number, kw: string) => {
    const n = args.positional[i] ?? args.keywords.get(kw);
    const v = n ? staticValue(n, src) : undefined;
    return typeof v === 'number' ? v : undefined;
  };
  if (name === 'String' || name === 'VARCHAR' || name === 'Unicode') {
    const len = num(0, 'length');
    return len === undefined ? 'varchar' : `varchar(${len})`;
  }
  if (name === 'CHAR') return `char(${num(0, 'length') ?? 1})`;
  if (name === 'Numeric' || name === 'NUMERIC') {
    const p = num(0, 'precision');
    const s = num(1, 'scale');
    return p === undefined ? 'numeric' : s === undefined ? `numeric(${p})` : `numeric(${p}, ${s})`;
  }
  if (name === 'DateTime' || name === 'TIMESTAMP')
    return call && keywordBool(args as ReturnType<typeof callArgs>, 'timezone', src) === true
      ? 'timestamptz'
      : 'timestamp';
  const simple = SIMPLE_TYPES[name];
  if (simple) return simple;
  throw new NotRendered(`column type ${name || src.slice(node.from, node.to)} is not one Slipway renders`);
}

/** A `server_default=`: a literal, `sa.text("sql")` or `sa.func.name()`. */
export function renderDefault(node: SyntaxNode, src: string): string {
  const value = staticValue(node, src);
  if (typeof value === 'string') return literal(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'NULL';
  if (node.name === 'CallExpression') {
    const path = calleePath(node, src) ?? [];
    const last = path[path.length - 1];
    const first = callArgs(node, src).positional[0];
    if (last === 'text' && first) {
      const sql = staticString(first, src)?.value;
      if (sql !== undefined) return sql;
    }
    if (path[path.length - 2] === 'func' && callArgs(node, src).positional.length === 0) return `${last}()`;
  }
  throw new NotRendered(
    `server_default ${src.slice(node.from, node.to)} is not a literal, sa.text() or sa.func call`,
  );
}

/** `sa.ForeignKey("users.id")` → `REFERENCES "users" ("id")`. */
function renderReference(node: SyntaxNode, src: string): string {
  const target = callArgs(node, src).positional[0];
  const ref = target ? staticString(target, src)?.value : undefined;
  const dot = ref?.lastIndexOf('.') ?? -1;
  if (!ref || dot < 1) throw new NotRendered('a ForeignKey whose target is not a "table.column" literal');
  const table = ref.slice(0, dot).split('.').map(ident).join('.');
  return `REFERENCES ${table} (${ident(ref.slice(dot + 1))})`;
}

/** `sa.Column("name", sa.Type(), ...)` → `"name" type [constraints]`. */
export function renderColumn(node: SyntaxNode | undefined, src: string): { sql: string; name: string } {
  if (node?.name !== 'CallExpression' || calleePath(node, src)?.pop() !== 'Column')
    throw new NotRendered('a column that is not an sa.Column(...) call');
  const args = callArgs(node, src);
  const nameNode = args.positional[0];
  const name = nameNode ? staticString(nameNode, src)?.value : undefined;
  const typeNode = args.positional[1] ?? args.keywords.get('type_');
  if (name === undefined || !typeNode) throw new NotRendered('a column without a literal name and a type');
  const parts = [ident(name), renderType(typeNode, src)];
  const primary = keywordBool(args, 'primary_key', src) === true;
  const nullable = keywordBool(args, 'nullable', src);
  for (const extra of args.positional.slice(2)) {
    const kind = extra.name === 'CallExpression' ? calleePath(extra, src)?.pop() : undefined;
    if (kind === 'ForeignKey') parts.push(renderReference(extra, src));
    else if (kind === 'Identity') parts.push('GENERATED BY DEFAULT AS IDENTITY');
    else if (kind === 'Computed') {
      const a = callArgs(extra, src);
      const expr = a.positional[0] ? staticString(a.positional[0], src)?.value : undefined;
      if (expr === undefined) throw new NotRendered('a Computed column whose expression is not a literal');
      const virtual = keywordBool(a, 'persisted', src) === false;
      parts.push(`GENERATED ALWAYS AS (${expr}) ${virtual ? 'VIRTUAL' : 'STORED'}`);
    } else throw new NotRendered(`column argument ${src.slice(extra.from, extra.to)}`);
  }
  const def = args.keywords.get('server_default');
  if (def) parts.push(`DEFAULT ${renderDefault(def, src)}`);
  if (primary) parts.push('PRIMARY KEY');
  else if (nullable === false) parts.push('NOT NULL');
  if (keywordBool(args, 'unique', src) === true) parts.push('UNIQUE');
  return { sql: parts.join(' '), name };
}

/** A list of column names: `["a", "b"]` → `"a", "b"`. */
export function renderNames(node: SyntaxNode | undefined, src: string): string {
  const v = node ? staticValue(node, src) : undefined;
  const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : undefined;
  if (!list || list.some((x) => typeof x !== 'string'))
    throw new NotRendered('a column list that is not literal');
  return (list as string[]).map(ident).join(', ');
}
