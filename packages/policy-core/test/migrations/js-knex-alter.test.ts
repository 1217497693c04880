import { describe, expect, it } from 'vitest';
import { readJsMigration } from '../../src/migrations/js-module.js';

/**
 * A column's `.alter(options)`: Knex drops NOT NULL unless `alterNullable: false`, and changes the
 * type unless `alterType: false` (lib/schema/columnbuilder.js `alter`), so options not written out
 * leave both unknown: said (MIG042), and read as Knex's defaults. (The steps themselves against
 * Knex's SQL: packages/cli/test/trace/knex-alter-column.test.ts.)
 */
const up = (body: string) =>
  `exports.up = async function (knex) {\n  await knex.schema.alterTable('users', (t) => {\n${body}\n  });\n};\n`;
const read = (body: string) => readJsMigration('db/migrations/1_a.js', up(body), 'knex').upgrade;
const unfollowed = (body: string) => (read(body)?.unfollowed ?? []).map((u) => u.what);

describe("a Knex column's .alter() options", () => {
  it('options known only at run time are reported, and read as on', () => {
    for (const arg of [
      'opts',
      '{ ...opts }',
      '{ alterNullable: keep }',
      '{ alterType: isWide() }',
      '{ alterNullable }',
    ])
      expect(unfollowed(`    t.string('email', 255).alter(${arg});`), arg).toEqual([
        expect.stringContaining('.alter() given'),
      ]);
    expect(read("    t.string('email', 255).alter(opts);")?.ops.map((o) => o.kind)).toEqual([
      'drop_not_null',
      'alter_column_type',
    ]);
  });

  it('near miss: options written out are read', () => {
    for (const arg of [
      '',
      'undefined',
      '{}',
      '{ alterNullable: false }',
      '{ alterType: true, alterNullable: false }',
    ])
      expect(unfollowed(`    t.string('email', 255).alter(${arg});`), arg).toEqual([]);
    expect(read("    t.string('email').alter({ alterNullable: false, alterType: false });")?.ops).toEqual([]);
  });
});
