import type { SyntaxNode } from '@lezer/common';
import {
  calleePath,
  type CallArgs,
  callArgs,
  collectionItems,
  staticString,
} from '../migrations/python-syntax.js';
import { ident, NotRendered, renderNames } from './render-column.js';

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
  const method = using ? staticString(using, src)?.value : undefined;
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
  return first ? staticString(first, src)?.value : undefined;
}
