import type { SyntaxNode } from '@lezer/common';
import { argsOf, propertyValue, str, type WalkCtx } from './js-walk.js';

/**
 * Sequelize's name for an index on fields (utils.nameIndex: `underscore(table_fields…)`), by
 * inflection's `underscore` (lib/inflection.js, inflection v1.13.4, the range sequelize v6.37.8
 * asks for): each capital gets a `_` before it, one leading `_` is cut, `::` becomes `/`, all
 * lower-cased. `documents` + `collaboratorIds` is `documents_collaborator_ids`.
 */
function sequelizeIndexName(table: string, fields: readonly string[]): string {
  return `${table}_${fields.join('_')}`
    .split('::')
    .map((part) => part.replace(/([A-Z])/g, '_$1').replace(/^_/, ''))
    .join('/')
    .toLowerCase();
}

/** The fields an addIndex or a removeIndex names as an array of strings, when each is one. */
export function indexFields(
  method: string,
  args: readonly SyntaxNode[],
  options: SyntaxNode | undefined,
  ctx: WalkCtx,
): string[] | undefined {
  const target = method === 'removeIndex' ? args[1] : (propertyValue(options, 'fields', ctx.src) ?? args[1]);
  if (target?.name !== 'ArrayExpression') return undefined;
  const fields = argsOf(target).filter((c) => c.name !== '[' && c.name !== ']' && c.name !== ',');
  const names = fields.map((f) => str(f, ctx));
  if (names.length === 0 || names.some((n) => n === undefined)) return undefined;
  return names as string[];
}

/**
 * The index an addIndex makes or a removeIndex drops, by name (MIG111 pairs them by it): the name
 * written (`{ name }`, removeIndex's string), else the one Sequelize gives an index on fields.
 */
export function indexName(
  method: string,
  args: readonly SyntaxNode[],
  options: SyntaxNode | undefined,
  ctx: WalkCtx,
): string | undefined {
  const named = str(propertyValue(options, 'name', ctx.src) ?? undefined, ctx);
  if (named) return named;
  if (method === 'removeIndex') {
    const written = str(args[1], ctx);
    if (written !== undefined) return written;
  }
  const table = str(args[0], ctx);
  const fields = indexFields(method, args, options, ctx);
  return table !== undefined && fields ? sequelizeIndexName(table, fields) : undefined;
}
