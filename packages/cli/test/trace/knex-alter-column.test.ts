import { describe, expect, it } from 'vitest';
import { knexAlterTable } from '../helpers/knex-alter-table.js';

/**
 * What Slipway's Knex reader makes of a column's `.alter()` (js-knex-alter.ts) against the SQL
 * Knex 3 itself writes for PostgreSQL: every `.alter()` drops the default and, unless told
 * `alterNullable: false`, drops NOT NULL, sets it back only for `notNullable()`, and changes the
 * type unless told `alterType: false` (lib/dialects/postgres/schema/pg-tablecompiler.js `_addColumn`).
 */
/** The kinds of a column's nullability and type steps: [Slipway's, from Knex's SQL]. */
function steps(call: string): [string[], string[]] {
  const { ops, sql } = knexAlterTable(call);
  const kinds = new Set(['alter_column_type', 'set_not_null', 'drop_not_null']);
  const ours = ops.filter((o) => kinds.has(o.kind)).map((o) => o.kind);
  // A NOT NULL dropped and set again in one alter is the set: the column is NOT NULL throughout
  // to every other transaction, and SET NOT NULL is what scans the table. A primary key makes its
  // column NOT NULL as SET NOT NULL does.
  const theirs = sql.flatMap((s) =>
    / drop not null$/.test(s)
      ? ['drop_not_null']
      : / set not null$/.test(s) || / primary key \(/.test(s)
        ? ['set_not_null']
        : / type .* using /.test(s)
          ? ['alter_column_type']
          : [],
  );
  const net = theirs.includes('set_not_null') ? theirs.filter((k) => k !== 'drop_not_null') : theirs;
  return [ours, net];
}

describe("a Knex column's .alter(), as Knex writes it on PostgreSQL", () => {
  it.each([
    ['a plain alter drops NOT NULL', "t.string('email', 500).alter()"],
    ['nullable() too', "t.string('email', 500).nullable().alter()"],
    ['notNullable() sets it again', "t.string('email', 500).notNullable().alter()"],
    ['a primary key', "t.integer('code').primary().alter()"],
    ['alterNullable: false leaves it', "t.string('email', 500).alter({ alterNullable: false })"],
    [
      'alterNullable: false ignores notNullable()',
      "t.string('email').notNullable().alter({ alterNullable: false })",
    ],
    ['alterType: false keeps the type', "t.string('email').notNullable().alter({ alterType: false })"],
    ['neither', "t.string('email').alter({ alterNullable: false, alterType: false })"],
  ])('%s', (_what, call) => {
    const [ours, theirs] = steps(call);
    expect(ours).toEqual(theirs);
  });
});
