import type { SyntaxNode } from '@lezer/common';
import {
  type CallArgs,
  callArgs,
  calleePath,
  collectionItems,
  staticString,
  str,
} from '../migrations/python-syntax.js';
import { ident, NotRendered, renderNames } from './render-column.js';
import { keywordBool } from '../migrations/python-syntax.js';

/**
 * The parts of `op.create_index` beyond its name and table, as SQLAlchemy's PostgreSQL dialect
 * renders them: expression columns, the access method, INCLUDE and a partial index's WHERE.
 */

/**
 * `["a", sa.text("lower(b)")]` → `"a", lower(b)`: names quoted, SQL text as written (SQLAlchemy
 * renders text and literal columns without a group, so `sa.text("b DESC")` sorts descending).
 */
export function renderIndexColumns(node: SyntaxNode | undefined, src: string): string {
  if (node && (node.name === 'ArrayExpression' || node.name === 'TupleExpression')) {
    const rendered = collectionItems(node).map((item) => {
      const name = staticString(item, src)?.value;
      if (name !== undefined) return ident(name);
      const expr = sqlText(item, src);
      if (expr === undefined)
        throw new NotRendered('an index column that is neither a name nor sa.text("...")');
      return expr;
    });
    if (rendered.length > 0) return rendered.join(', ');
  }
  return renderNames(node, src);
}

/** ` USING gin ("a") INCLUDE ("b") WHERE (c IS NULL)`: what follows the table. */
export function indexTail(a: CallArgs, columns: string, src: string): string {
  const using = a.keywords.get('postgresql_using');
  const method = str(using, src);
  if (using && (method === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(method)))
    throw new NotRendered('postgresql_using that is not an access method name');
  const include = a.keywords.get('postgresql_include');
  const where = a.keywords.get('postgresql_where');
  const condition = where ? sqlText(where, src) : undefined;
  if (where && condition === undefined) throw new NotRendered('postgresql_where that is not sa.text("...")');
  return [
    method ? ` USING ${method}` : '',
    ` (${columns})`,
    include ? ` INCLUDE (${renderNames(include, src)})` : '',
    condition !== undefined ? ` WHERE ${condition}` : '',
  ].join('');
}

/** `sa.text("sql")` or `sa.literal_column("sql")` with a literal: the SQL text. */
function sqlText(node: SyntaxNode, src: string): string | undefined {
  if (node.name !== 'CallExpression') return undefined;
  const name = calleePath(node, src)?.at(-1);
  if (name !== 'text' && name !== 'literal_column') return undefined;
  const first = callArgs(node, src).positional[0];
  return str(first, src);
}

/**
 * An `sa.Index("ix", "a", sa.text("lower(b)"), unique=True)` among `op.create_table`'s
 * elements: SQLAlchemy creates it after the table, as `CREATE [UNIQUE] INDEX "ix" ON table (...)`.
 * Undefined for any other element.
 */
export function renderTableIndex(node: SyntaxNode, table: string, src: string): string | undefined {
  if (node.name !== 'CallExpression' || calleePath(node, src)?.at(-1) !== 'Index') return undefined;
  const a = callArgs(node, src);
  const [nameNode, ...items] = a.positional;
  const name = str(nameNode, src);
  if (name === undefined || items.length === 0)
    throw new NotRendered('an Index without a literal name and columns');
  const columns = items
    .map((item) => {
      const column = staticString(item, src)?.value;
      const expr = column === undefined ? sqlText(item, src) : ident(column);
      if (expr === undefined)
        throw new NotRendered('an index column that is neither a name nor sa.text("...")');
      return expr;
    })
    .join(', ');
  const unique = keywordBool(a, 'unique', src) === true ? 'UNIQUE ' : '';
  return `CREATE ${unique}INDEX ${ident(name)} ON ${table}${indexTail(a, columns, src)}`;
}
