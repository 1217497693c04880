import { describe, expect, it } from 'vitest';
import { knexAlterTable } from '../helpers/knex-alter-table.js';

/**
 * The columns Slipway's Knex reader reads for `t.timestamps(...)` / `t.dropTimestamps(...)` in an
 * alterTable (js-knex-timestamps.ts) against the SQL Knex 3 itself writes for PostgreSQL: the
 * names (`createdAt` with useCamelCase) and, with defaultToNow, NOT NULL with a default.
 */
/** Each added or dropped column as `add <name>[ not null]` / `drop <name>`: [Slipway's, Knex's]. */
function columns(call: string): [string[], string[]] {
  const { ops, sql } = knexAlterTable(call);
  const ours = ops.flatMap((o) =>
    o.kind === 'add_column'
      ? [`add ${o.column}${o.notNull && o.hasDefault ? ' not null' : ''}`]
      : o.kind === 'drop_column'
        ? [`drop ${o.column}`]
        : [],
  );
  const theirs = sql.flatMap((s) =>
    [...s.matchAll(/(add|drop) column "([^"]+)"([^,]*)/g)].map(
      ([, verb, name, rest]) => `${verb} ${name}${/not null default/.test(rest ?? '') ? ' not null' : ''}`,
    ),
  );
  return [ours, theirs];
}

describe("Knex's timestamps in an alterTable, as Knex writes them on PostgreSQL", () => {
  it.each([
    ['timestamps()', 't.timestamps()'],
    ['timestamps(true)', 't.timestamps(true)'],
    ['defaultToNow', 't.timestamps(true, true)'],
    ['camel case', 't.timestamps(false, false, true)'],
    ['camel case, defaultToNow', 't.timestamps(true, true, true)'],
    ['options object', 't.timestamps({ useTimestamps: true, defaultToNow: true, useCamelCase: true })'],
    ['options object, snake case', 't.timestamps({ defaultToNow: false })'],
    ['dropTimestamps()', 't.dropTimestamps()'],
    ['dropTimestamps(true)', 't.dropTimestamps(true)'],
  ])('%s', (_what, call) => {
    const [ours, theirs] = columns(call);
    expect(theirs.length).toBeGreaterThan(0);
    expect(ours).toEqual(theirs);
  });
});
