import { describe, expect, it } from 'vitest';
import { readJsMigration } from '../../src/migrations/js-module.js';

/**
 * A column's `.nullable(x)` in an alterTable: Knex writes NOT NULL only for `nullable(false)`
 * (lib/schema/columncompiler.js `nullable`), so an argument known only at run time leaves the
 * column's nullability unknown: said (MIG042), never read as "nullable".
 */
const up = (body: string, head = '') =>
  `${head}exports.up = async function (knex) {\n  await knex.schema.alterTable('users', (t) => {\n${body}\n  });\n};\n`;
const read = (body: string, head = '') =>
  readJsMigration('db/migrations/1_a.js', up(body, head), 'knex').upgrade;
const unfollowed = (body: string, head = '') => (read(body, head)?.unfollowed ?? []).map((u) => u.what);

describe("a Knex column's nullability known only at run time", () => {
  it('is reported for a name, a member and a call', () => {
    for (const arg of ['allowNull', 'opts.nullable', 'isNullable()'])
      expect(unfollowed(`    t.string('nick').nullable(${arg});`), arg).toEqual([
        expect.stringContaining('.nullable() given a value known only at run time'),
      ]);
  });

  it('is reported when it is the last word on it, with .alter() too', () => {
    expect(unfollowed("    t.string('nick').notNullable().nullable(flag).alter();")).toHaveLength(1);
  });

  it('near miss: literal arguments and a later notNullable() decide it', () => {
    for (const chain of [
      '.nullable()',
      '.nullable(false)',
      '.nullable(true)',
      '.nullable(undefined)',
      '.nullable(null)',
      '.nullable(flag).notNullable()',
      '.nullable(flag).nullable(false)',
    ])
      expect(unfollowed(`    t.string('nick')${chain};`), chain).toEqual([]);
    // The column itself is still read, whatever its nullability.
    expect(read("    t.string('nick').nullable(flag);")?.ops.map((o) => [o.kind, o.column])).toEqual([
      ['add_column', 'nick'],
    ]);
  });

  it('near miss: a nullable column of a new table (nothing to judge there)', () => {
    const src = `exports.up = (knex) => knex.schema.createTable('t', (t) => { t.string('a').nullable(flag); });\n`;
    expect(readJsMigration('db/migrations/1_a.js', src, 'knex').upgrade?.unfollowed ?? []).toEqual([]);
  });
});
