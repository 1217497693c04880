import type { SyntaxNode } from '@lezer/common';
import { propertyText } from './js-object-args.js';
import { qualified, str, type WalkCtx } from './js-walk.js';
import type { StepFacts } from './schema-op.js';
import type { SqlType } from './sqlalchemy-type.js';

/**
 * The statements `queryInterface.changeColumn(table, column, attributes)` sends to PostgreSQL, as
 * steps. Sequelize's changeColumnQuery (packages/postgres/src/query-generator.js) sends, for the
 * column: `SET NOT NULL` when the attributes say `allowNull: false` (else `DROP NOT NULL`), the
 * default set or dropped, `ADD UNIQUE` for `unique: true`, then `ADD FOREIGN KEY … REFERENCES`
 * when they name `references`, and otherwise `ALTER COLUMN … TYPE`. SET NOT NULL scans the whole
 * table under its lock (MIG023), a foreign key checks every row (MIG025), a unique constraint
 * builds an index under an exclusive lock: each is a step the rules judge, not a detail of the
 * type change. Only literal values are read, as addColumn's `allowNull` is.
 */
export function changeColumnSteps(
  args: readonly SyntaxNode[],
  ctx: WalkCtx,
  typeOf: (attrs: SyntaxNode | undefined, ctx: WalkCtx) => SqlType | string | undefined,
): StepFacts[] {
  const table = qualified(str(args[0], ctx));
  const name = str(args[1], ctx);
  const column = name ? { column: name } : {};
  const attrs = args[2];
  // A shorthand property (`{ type, references }`) is said too: its text is its name.
  const said = (key: string) => propertyText(attrs, key, ctx.src);
  const steps: StepFacts[] = [];
  if (said('allowNull') === 'false') steps.push({ kind: 'set_not_null', ...table, ...column });
  if (said('unique') === 'true')
    steps.push({
      kind: 'add_constraint',
      ...table,
      constraint: 'unique',
      ...(name ? { columns: [name] } : {}),
      lock: { mode: 'AccessExclusiveLock' },
    });
  if (said('references') !== undefined) {
    steps.push({
      kind: 'add_constraint',
      ...table,
      constraint: 'foreign_key',
      ...(name ? { columns: [name] } : {}),
      lock: { mode: 'ShareRowExclusiveLock' },
    });
    return steps;
  }
  // Its DROP NOT NULL (allowNull not false) is not a step of its own: on a column that took NULL
  // already it changes nothing, and MIG038 would say it of every changeColumn. The NOT NULL the
  // series knew of the column is forgotten (not-null-columns.ts).
  const dropsNotNull = said('allowNull') !== 'false';
  steps.push({
    kind: 'alter_column_type',
    ...table,
    ...column,
    ...declared(typeOf(attrs, ctx)),
    ...(dropsNotNull ? { redefinesColumn: true as const } : {}),
  });
  return steps;
}

/** A column's type as the op says it: known, not judged (why), or neither. */
export function declared(
  type: SqlType | string | undefined,
): { declaredType: SqlType } | { declaredTypeNotJudged: string } | Record<string, never> {
  if (typeof type === 'string') return { declaredTypeNotJudged: type };
  return type ? { declaredType: type } : {};
}
