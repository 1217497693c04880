import { describe, expect, it } from 'vitest';
import { readJsMigration } from '../../src/migrations/js-module.js';

/**
 * `t.timestamps(...)` / `t.dropTimestamps(...)` in an alterTable: which two columns (`createdAt`
 * with useCamelCase `true`) and whether NOT NULL with a default (defaultToNow `true`) are read
 * from switches written out; a switch known only at run time is said (MIG042). (The columns
 * against Knex's SQL: packages/cli/test/trace/knex-timestamps.test.ts.)
 */
const up = (body: string) =>
  `exports.up = async function (knex) {\n  await knex.schema.alterTable('users', (t) => {\n${body}\n  });\n};\n`;
const read = (body: string) => readJsMigration('db/migrations/1_a.js', up(body), 'knex').upgrade;
const unfollowed = (body: string) => (read(body)?.unfollowed ?? []).map((u) => u.what);

describe("Knex's timestamps switches", () => {
  it('known only at run time: said, the columns read without names', () => {
    for (const call of [
      't.timestamps(true, true, camel)',
      't.timestamps(true, now)',
      't.timestamps({ useCamelCase })',
      't.timestamps({ ...opts })',
      't.dropTimestamps(camel)',
    ])
      expect(unfollowed(`    ${call};`), call).toEqual([expect.stringContaining('known only at run time')]);
    expect(read('    t.dropTimestamps(camel);')?.ops.map((o) => [o.kind, o.column])).toEqual([
      ['drop_column', undefined],
      ['drop_column', undefined],
    ]);
  });

  it('near miss: written out, or only the type at run time', () => {
    for (const call of [
      't.timestamps()',
      't.timestamps(useTz)',
      't.timestamps(true, true, true)',
      't.timestamps({ useTimestamps: flag, defaultToNow: true })',
      't.dropTimestamps()',
      't.dropTimestamps(true)',
    ])
      expect(unfollowed(`    ${call};`), call).toEqual([]);
  });
});
