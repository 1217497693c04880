import type { SyntaxNode } from '@lezer/common';
import { callArgs, calleePath, keywordBool, staticValue } from './python-syntax.js';

/**
 * A SQLAlchemy type expression (`sa.String(64)`, `mysql.VARCHAR(length=63)`, `sa.Integer`) read
 * as the PostgreSQL type SQLAlchemy's PostgreSQL dialect creates for it. The one reader of column
 * types: MIG024 asks whether a change rewrites the table, the trace renders the DDL.
 */
export interface SqlType {
  /** PostgreSQL's name: `varchar`, `numeric`, `text`, `timestamptz`, ... */
  base: string;
  /** varchar(n), char(n). */
  length?: number;
  /** numeric(p, s). */
  precision?: number;
  scale?: number;
  /** `ARRAY(item)`: an array of the type the rest describes. */
  array?: true;
}

const SIMPLE_TYPES: Record<string, string> = {
  Integer: 'integer',
  INTEGER: 'integer',
  BigInteger: 'bigint',
  BIGINT: 'bigint',
  SmallInteger: 'smallint',
  SMALLINT: 'smallint',
  Text: 'text',
  TEXT: 'text',
  UnicodeText: 'text',
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
  TSVECTOR: 'tsvector',
  TSQUERY: 'tsquery',
  CIDR: 'cidr',
  MACADDR: 'macaddr',
  REAL: 'real',
  Double: 'double precision',
  DOUBLE_PRECISION: 'double precision',
  TIME: 'time',
  INTERVAL: 'interval',
  MONEY: 'money',
  OID: 'oid',
  INT4RANGE: 'int4range',
  INT8RANGE: 'int8range',
  NUMRANGE: 'numrange',
  DATERANGE: 'daterange',
  TSRANGE: 'tsrange',
  TSTZRANGE: 'tstzrange',
};

/** The type a node names, or undefined when it is not one of the types listed here. */
export function readSqlType(node: SyntaxNode, src: string): SqlType | undefined {
  const call = node.name === 'CallExpression' ? node : undefined;
  const path = call ? calleePath(call, src) : src.slice(node.from, node.to).split('.');
  const name = path?.[path.length - 1] ?? '';
  const args = call ? callArgs(call, src) : undefined;
  const num = (i: number, kw: string): number | undefined => {
    const n = args?.positional[i] ?? args?.keywords.get(kw);
    const v = n ? staticValue(n, src) : undefined;
    return typeof v === 'number' ? v : undefined;
  };
  if (name === 'String' || name === 'VARCHAR' || name === 'Unicode' || name === 'NVARCHAR') {
    const length = num(0, 'length');
    return length === undefined ? { base: 'varchar' } : { base: 'varchar', length };
  }
  if (name === 'CHAR') return { base: 'char', length: num(0, 'length') ?? 1 };
  if (name === 'Numeric' || name === 'NUMERIC' || name === 'DECIMAL') {
    const precision = num(0, 'precision');
    if (precision === undefined) return { base: 'numeric' };
    return { base: 'numeric', precision, scale: num(1, 'scale') ?? 0 };
  }
  if (name === 'ARRAY') {
    // `ARRAY(sa.String(64))`: its item type, and PostgreSQL ignores the dimensions argument.
    const item = args?.positional[0] ?? args?.keywords.get('item_type');
    const inner = item ? readSqlType(item, src) : undefined;
    return inner && !inner.array ? { ...inner, array: true } : undefined;
  }
  if (name === 'DateTime' || name === 'TIMESTAMP')
    return { base: args && keywordBool(args, 'timezone', src) === true ? 'timestamptz' : 'timestamp' };
  const simple = SIMPLE_TYPES[name];
  return simple ? { base: simple } : undefined;
}

/** `varchar(64)`, `numeric(10, 2)`, `text`: the type as DDL writes it. */
export function sqlTypeText(type: SqlType): string {
  const modifiers =
    type.length !== undefined
      ? `(${type.length})`
      : type.precision === undefined
        ? ''
        : type.scale
          ? `(${type.precision}, ${type.scale})`
          : `(${type.precision})`;
  return `${type.base}${modifiers}${type.array ? '[]' : ''}`;
}

/**
 * True when PostgreSQL changes the column's type without rewriting the table or its indexes
 * (ALTER TABLE's documentation and the 9.2 release notes): a varchar's limit raised or removed,
 * varchar to text and back to an unlimited varchar, a numeric's precision raised at the same
 * scale or its limits removed, and a type left as it was. Everything else may rewrite.
 */
export function changesWithoutRewrite(from: SqlType, to: SqlType): boolean {
  if (sqlTypeText(from) === sqlTypeText(to)) return true;
  // An array's element type changed, or a column became or stopped being an array: rewritten,
  // even varchar(255)[] to varchar(1024)[] or varchar[] to text[]. PostgreSQL casts an array
  // element by element (an ArrayCoerceExpr), which ATColumnChangeRequiresRewrite in
  // src/backend/commands/tablecmds.c does not look through; measured on PostgreSQL 15 (the table's
  // relfilenode changes) and checked by packages/cli/test/db/type-change-rewrite-on-postgres.test.ts.
  if (from.array || to.array) return false;
  const text = (t: SqlType) => t.base === 'text' || (t.base === 'varchar' && t.length === undefined);
  if (text(from)) return text(to);
  if (from.base === 'varchar' && from.length !== undefined)
    return text(to) || (to.base === 'varchar' && to.length !== undefined && to.length >= from.length);
  if (from.base === 'numeric' && to.base === 'numeric') {
    if (to.precision === undefined) return true;
    return from.precision !== undefined && to.precision >= from.precision && to.scale === from.scale;
  }
  return false;
}
