import type { SyntaxNode } from '@lezer/common';
import { objectLiteralArg, propertyText } from './js-object-args.js';
import { propertyValue, str, type WalkCtx } from './js-walk.js';

/**
 * The columns `queryRunner.createTable(new Table({ columns: [...] }))` makes NOT NULL, lower-cased
 * (SchemaOp.notNullColumns: what MIG006 reads a later `WHERE col IS NOT NULL` by,
 * not-null-columns.ts). TableColumn's `isNullable` defaults to false and PostgreSQL's query runner
 * writes NOT NULL unless it is `true` (typeorm src/driver/postgres/PostgresQueryRunner.ts,
 * buildCreateColumnSql: `if (column.isNullable !== true) c += " NOT NULL"`): a column with a literal
 * name and no `isNullable`, or `isNullable: false`, or `isPrimary: true`. One whose `isNullable` is
 * anything else, or not an object literal in a literal array, is left out: not known NOT NULL.
 */
export function typeormCreatedNotNull(table: SyntaxNode, ctx: WalkCtx): string[] {
  const columns = propertyValue(table, 'columns', ctx.src);
  if (columns?.name !== 'ArrayExpression') return [];
  const out: string[] = [];
  for (let c = columns.firstChild; c; c = c.nextSibling) {
    const column = objectLiteralArg(c);
    // A spread (`{ ...base, name: 'x' }`) may say isNullable: true out of sight.
    if (column === undefined || column.getChildren('Property').some(isSpread)) continue;
    const notNull =
      isNullableSaysNo(column, ctx.src) || propertyText(column, 'isPrimary', ctx.src) === 'true';
    const name = str(propertyValue(column, 'name', ctx.src) ?? undefined, ctx);
    if (notNull && name !== undefined) out.push(name.toLowerCase());
  }
  return out;
}

function isSpread(p: SyntaxNode): boolean {
  return p.firstChild?.name === 'Spread';
}

/**
 * A TableColumn whose `isNullable` is left out (it defaults to false) or written `false`: NOT NULL.
 * One whose `isNullable` is not a literal is not known NOT NULL.
 */
export function isNullableSaysNo(column: SyntaxNode, src: string): boolean {
  const nullable = propertyText(column, 'isNullable', src);
  return nullable === undefined || nullable === 'false';
}
