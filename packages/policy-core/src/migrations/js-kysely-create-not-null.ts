import type { SyntaxNode } from '@lezer/common';
import { isSerialType } from './create-not-null-columns.js';
import { keyColumns } from './js-knex-key-names.js';
import { str, text, type WalkCtx } from './js-walk.js';

/**
 * The columns a Kysely `db.schema.createTable('t')` chain makes NOT NULL, lower-cased (SchemaOp
 * .notNullColumns: what MIG006 reads a later `where('col', 'is not', null)` by,
 * not-null-columns.ts): `addColumn('c', type, (col) => col.notNull())` or `.primaryKey()`, a serial
 * type, `.generatedAlwaysAsIdentity()` / `.generatedByDefaultAsIdentity()` (an identity column is
 * NOT NULL), and the columns of `addPrimaryKeyConstraint('pk', ['a', 'b'])`. A column not named by
 * a literal is left out: not known NOT NULL, a condition on it stays a bound.
 */
export function kyselyCreatedNotNull(
  calls: readonly { method: string; args: SyntaxNode[] }[],
  ctx: WalkCtx,
): string[] {
  const out: string[] = [];
  for (const c of calls) {
    if (c.method === 'addPrimaryKeyConstraint') {
      for (const k of keyColumns(c.args[1], ctx)) if (k !== undefined) out.push(k.toLowerCase());
      continue;
    }
    if (c.method !== 'addColumn') continue;
    const name = str(c.args[0], ctx);
    const type = str(c.args[1], ctx)?.toLowerCase().trim();
    const callback = c.args[2];
    const said =
      callback !== undefined &&
      /\.(notNull|primaryKey|generatedAlwaysAsIdentity|generatedByDefaultAsIdentity)\s*\(/.test(
        text(callback, ctx.src),
      );
    if (name !== undefined && (said || (type !== undefined && isSerialType(type))))
      out.push(name.toLowerCase());
  }
  return out;
}
