import type { SyntaxNode } from '@lezer/common';
import { propertyText } from './js-object-args.js';
import { objectProperties, type WalkCtx } from './js-walk.js';

/**
 * The columns `queryInterface.createTable('t', { col: { ... } })` makes NOT NULL, lower-cased
 * (SchemaOp.notNullColumns: what MIG006 reads a later `WHERE col IS NOT NULL` by,
 * not-null-columns.ts). Sequelize's PostgreSQL query generator (attributesToSQL) writes NOT NULL
 * for `allowNull: false`, PRIMARY KEY for `primaryKey: true` and SERIAL for `autoIncrement: true`,
 * each NOT NULL in PostgreSQL. Only literal values are read; attributes with a spread or a computed
 * key (which may redefine a column out of sight) give none.
 */
export function sequelizeCreatedNotNull(attributes: SyntaxNode | undefined, ctx: WalkCtx): string[] {
  const props = objectProperties(attributes, ctx.src);
  if (props.some((p) => p.key === undefined)) return [];
  const literal = (o: SyntaxNode | null, k: string) => propertyText(o, k, ctx.src);
  return props
    .filter(
      (p) =>
        p.value?.name === 'ObjectExpression' &&
        (literal(p.value, 'allowNull') === 'false' ||
          literal(p.value, 'primaryKey') === 'true' ||
          literal(p.value, 'autoIncrement') === 'true'),
    )
    .map((p) => (p.key as string).toLowerCase());
}
