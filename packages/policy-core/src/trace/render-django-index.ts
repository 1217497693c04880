import type { SyntaxNode } from '@lezer/common';
import { type DjangoField, djangoColumn } from '../migrations/django-field.js';
import {
  callArgs,
  calleeName,
  childrenOf,
  collectionItems,
  staticValue,
  str,
} from '../migrations/python-syntax.js';
import { ident, literal, NotRendered } from './render-column.js';

/**
 * Django's `Index`, `CheckConstraint` and `UniqueConstraint` (and the `Q` objects their conditions
 * are written in) as the SQL Django's schema editor sends for them (django/db/models/indexes.py,
 * constraints.py; base/schema.py `sql_create_index`, `sql_create_check`, `sql_create_unique`).
 * Expressions (`F()`, functions, `expressions=`) are not rendered: the caller lists the operation
 * as not traced, with the reason.
 */

type Fields = ReadonlyMap<string, DjangoField | undefined>;

/** A field name to its column, as the model's state has it (`author` → `author_id`). */
const columnOf = (name: string, fields: Fields) => ident(djangoColumn(name, fields.get(name)));

/** The operators of the lookups Slipway renders (`price__gte=0` → `"price" >= 0`). */
const LOOKUPS: Record<string, string> = { exact: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

function value(node: SyntaxNode, src: string): string {
  const v = staticValue(node, src);
  const text = src.slice(node.from, node.to).replace(/\s+/g, '');
  if (typeof v === 'string') return literal(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (/^-\d+(\.\d+)?$/.test(text)) return text;
  throw new NotRendered(
    `a condition value ${text} that is not a literal`,
    'a condition Slipway does not render',
  );
}

/** One `field__lookup=value` of a Q. */
function lookup(key: string, node: SyntaxNode, fields: Fields, src: string): string {
  const parts = key.split('__');
  const last = parts[parts.length - 1] as string;
  const op = parts.length > 1 && (last in LOOKUPS || last === 'in' || last === 'isnull') ? last : 'exact';
  const field = (op === 'exact' && last !== 'exact' ? parts : parts.slice(0, -1)).join('__');
  if (field.includes('__'))
    throw new NotRendered(`a condition on ${key}`, 'a condition Slipway does not render');
  const column = columnOf(field, fields);
  if (op === 'isnull') return `${column} IS ${staticValue(node, src) === true ? '' : 'NOT '}NULL`;
  if (op === 'in')
    return `${column} IN (${collectionItems(node)
      .map((n) => value(n, src))
      .join(', ')})`;
  if (op === 'exact' && staticValue(node, src) === null) return `${column} IS NULL`;
  return `${column} ${LOOKUPS[op]} ${value(node, src)}`;
}

/** A `Q(...)`, `a & b`, `a | b`, `~a` as the WHERE / CHECK text Django compiles it to. */
export function renderQ(node: SyntaxNode, fields: Fields, src: string): string {
  if (node.name === 'ParenthesizedExpression') {
    const [inner] = collectionItems(node);
    if (inner) return renderQ(inner, fields, src);
  }
  if (node.name === 'UnaryExpression' && src.slice(node.from, node.from + 1) === '~') {
    const operand = node.lastChild;
    if (operand) return `NOT (${renderQ(operand, fields, src)})`;
  }
  if (node.name === 'BinaryExpression') {
    const [left, op, right] = childrenOf(node);
    const text = op ? src.slice(op.from, op.to) : '';
    if (left && right && (text === '&' || text === '|'))
      return `(${renderQ(left, fields, src)} ${text === '&' ? 'AND' : 'OR'} ${renderQ(right, fields, src)})`;
  }
  if (calleeName(node, src) === 'Q') {
    const a = callArgs(node, src);
    const parts = [
      ...a.positional.map((p) => {
        // `Q(("score__gte", 0))`: a lookup as makemigrations writes it, a (key, value) pair.
        const [key, value] = p.name === 'TupleExpression' ? collectionItems(p) : [];
        const k = key ? str(key, src) : undefined;
        return k !== undefined && value ? lookup(k, value, fields, src) : renderQ(p, fields, src);
      }),
      ...[...a.keywords]
        .filter(([k]) => k !== '_negated' && k !== '_connector')
        .map(([k, v]) => lookup(k, v, fields, src)),
    ];
    if (parts.length === 0) throw new NotRendered('an empty Q()', 'a condition Slipway does not render');
    return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' AND ')})`;
  }
  throw new NotRendered(
    `a condition ${src.slice(node.from, Math.min(node.to, node.from + 40))} that is not a Q of literal lookups`,
    'a condition Slipway does not render',
  );
}

/** `fields=["price", "-pages"]`: each column, DESC for a leading minus, with its opclass if any. */
function indexColumns(
  list: SyntaxNode | undefined,
  opclasses: SyntaxNode | undefined,
  fields: Fields,
  src: string,
): string {
  const names = list ? staticValue(list, src) : undefined;
  if (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== 'string'))
    throw new NotRendered(
      'an index or constraint whose fields are not a literal list (expressions)',
      'an index on expressions',
    );
  const ops = opclasses ? staticValue(opclasses, src) : [];
  return (names as string[])
    .map((n, i) => {
      const column = columnOf(n.replace(/^-/, ''), fields);
      const opclass = Array.isArray(ops) && typeof ops[i] === 'string' ? ` ${ops[i]}` : '';
      return `${column}${opclass}${n.startsWith('-') ? ' DESC' : ''}`;
    })
    .join(', ');
}

const USING: Record<string, string> = {
  GinIndex: 'gin',
  GistIndex: 'gist',
  BrinIndex: 'brin',
  HashIndex: 'hash',
  SpGistIndex: 'spgist',
  BloomIndex: 'bloom',
};

/** `INCLUDE (...)` of an index or a unique constraint. */
function include(a: ReturnType<typeof callArgs>, fields: Fields, src: string): string {
  const v = a.keywords.get('include');
  const names = v ? staticValue(v, src) : undefined;
  return Array.isArray(names) && names.length
    ? ` INCLUDE (${names.map((n) => columnOf(String(n), fields)).join(', ')})`
    : '';
}

const condition = (a: ReturnType<typeof callArgs>, fields: Fields, src: string) => {
  const c = a.keywords.get('condition');
  return c ? ` WHERE ${renderQ(c, fields, src)}` : '';
};

/** `models.Index(fields=[...], name=...)` (or a contrib.postgres index) → its CREATE INDEX. */
export function renderIndex(
  node: SyntaxNode | undefined,
  table: string,
  fields: Fields,
  src: string,
  concurrently: boolean,
): { name: string; sql: string } {
  const cls = calleeName(node, src);
  if (!node || cls === undefined || !(cls === 'Index' || cls in USING))
    throw new NotRendered(
      `an index that is not a models.Index (${cls ?? 'not a call'})`,
      'an index class Slipway does not render',
    );
  const a = callArgs(node, src);
  const name = str(a.keywords.get('name'), src);
  if (name === undefined) throw new NotRendered('an index without a literal name');
  if (a.positional.length > 0) throw new NotRendered('an index on expressions', 'an index on expressions');
  const using = cls in USING ? ` USING ${USING[cls]}` : '';
  const cols = indexColumns(a.keywords.get('fields'), a.keywords.get('opclasses'), fields, src);
  const how = concurrently ? 'INDEX CONCURRENTLY' : 'INDEX';
  return {
    name,
    sql: `CREATE ${how} ${ident(name)} ON ${ident(table)}${using} (${cols})${include(a, fields, src)}${condition(a, fields, src)}`,
  };
}

/** A constraint as Django adds it: `add` to an existing table, `inline` in its CREATE TABLE (if it goes there). */
export interface RenderedConstraint {
  name: string;
  add: string;
  inline?: string;
  /** A unique constraint with a condition is a unique index: RemoveConstraint drops an index. */
  asIndex: boolean;
}

/** `models.CheckConstraint(...)` / `models.UniqueConstraint(...)` on `table`. */
export function renderConstraint(
  node: SyntaxNode | undefined,
  table: string,
  fields: Fields,
  src: string,
): RenderedConstraint {
  const cls = calleeName(node, src);
  if (!node || (cls !== 'CheckConstraint' && cls !== 'UniqueConstraint'))
    throw new NotRendered(
      `a constraint ${cls ?? 'that is not a call'}`,
      'a constraint class Slipway does not render',
    );
  const a = callArgs(node, src);
  const name = str(a.keywords.get('name'), src);
  if (name === undefined) throw new NotRendered('a constraint without a literal name');
  const t = ident(table);
  if (cls === 'CheckConstraint') {
    // `check=` until Django 5.1 named it `condition=`.
    const q = a.keywords.get('check') ?? a.keywords.get('condition');
    if (!q) throw new NotRendered('a CheckConstraint without a condition');
    const check = `CHECK (${renderQ(q, fields, src)})`;
    return {
      name,
      add: `ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} ${check}`,
      inline: `CONSTRAINT ${ident(name)} ${check}`,
      asIndex: false,
    };
  }
  if (a.positional.length > 0)
    throw new NotRendered('a UniqueConstraint on expressions', 'an index on expressions');
  // `deferrable=models.Deferrable.DEFERRED`: read by the member's name.
  const d = a.keywords.get('deferrable');
  const deferrable = d ? src.slice(d.from, d.to) : '';
  const deferred = /DEFERRED/i.test(deferrable)
    ? ' DEFERRABLE INITIALLY DEFERRED'
    : /IMMEDIATE/i.test(deferrable)
      ? ' DEFERRABLE INITIALLY IMMEDIATE'
      : '';
  const cols = indexColumns(a.keywords.get('fields'), a.keywords.get('opclasses'), fields, src);
  // With a condition, INCLUDE or opclasses Django builds a unique index (UniqueConstraint.create_sql).
  if (['condition', 'include', 'opclasses'].some((k) => a.keywords.has(k)))
    return {
      name,
      add: `CREATE UNIQUE INDEX ${ident(name)} ON ${t} (${cols})${include(a, fields, src)}${condition(a, fields, src)}`,
      asIndex: true,
    };
  const unique = `UNIQUE (${cols})${deferred}`;
  return {
    name,
    add: `ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} ${unique}`,
    inline: `CONSTRAINT ${ident(name)} ${unique}`,
    asIndex: false,
  };
}
