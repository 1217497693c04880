import { describe, expect, it } from 'vitest';
import { knexAlterTable } from '../helpers/knex-alter-table.js';

/**
 * The names Slipway's Knex reader gives the indexes and constraints of an alterTable
 * (js-knex-index.ts) against the names in the SQL Knex 3 itself writes for PostgreSQL, as
 * installed beside the CLI: a later migration drops them by these names, and the rules' messages
 * show them. Knex names what it is not told to name (`_indexCommand`, `${table}_pkey`).
 */
/**
 * The one alterTable `call` as [Slipway's names, the names in Knex's SQL], the table named by
 * `table` on `schema` (`knex.schema` or `knex.schema.withSchema('s')`).
 */
function names(
  call: string,
  table = "'users'",
  schema = 'knex.schema',
): [(string | undefined)[], (string | undefined)[]] {
  const { ops, sql } = knexAlterTable(call, table, schema);
  const keyed = new Set(['create_index', 'drop_index', 'add_constraint', 'drop_constraint']);
  const ours = ops.filter((o) => keyed.has(o.kind)).map((o) => o.index ?? o.constraintName);
  // Each name a statement makes or drops (`drop constraint a, drop constraint b`: two), the name
  // itself (after any `if exists`), not the schema Knex puts before it (`drop index "s"."u_a_index"`); one Knex writes
  // unquoted (a check's) as PostgreSQL folds it. A statement of keys whose name is not found: one
  // unknown name.
  const theirs = sql.flatMap((s) => {
    const found = [
      ...s.matchAll(
        /(?:(?:add|drop) constraint|index) (?:if exists )?(?:"[^"]+"\.)*(?:"([^"]+)"|([^\s"(,]+))/g,
      ),
    ].map((m) => m[1] ?? m[2]?.toLowerCase());
    if (found.length > 0) return found;
    return /^(alter table \S+ (add|drop) constraint|create|drop index)/.test(s) ? [undefined] : [];
  });
  return [ours, theirs];
}

describe("the names of an alterTable's keys and indexes, as Knex gives them on PostgreSQL", () => {
  it.each([
    ['a table index', "t.index(['org_id', 'Email'])"],
    ['a named index', "t.index(['org_id'], 'by_org')"],
    ['a unique constraint', "t.unique(['org_id', 'email'])"],
    ['a unique index', "t.unique(['email'], { useConstraint: false })"],
    ['a unique with its name in options', "t.unique(['email'], { indexName: 'one_email' })"],
    ['a primary key', "t.primary(['org_id', 'email'])"],
    ['a named primary key', "t.primary(['id'], 'users_pk')"],
    ['a primary key named in options', "t.primary(['id'], { constraintName: 'users_pk2' })"],
    ['a foreign key', "t.foreign('org_id').references('orgs.id')"],
    [
      'a foreign key on two columns',
      "t.foreign(['org_id', 'team_id']).references(['id', 'team']).inTable('teams')",
    ],
    ['a named foreign key', "t.foreign('org_id', 'users_org_fk').references('id').inTable('orgs')"],
    ['a foreign key named later', "t.foreign('org_id').references('orgs.id').withKeyName('fk_org')"],
    ['an altered column made a primary key', "t.integer('id').primary().alter()"],
    ['an altered column given a foreign key', "t.integer('org_id').references('orgs.id').alter()"],
    [
      'an altered column given a named key',
      "t.integer('org_id').references('orgs.id').withKeyName('k').alter()",
    ],
    ['a column index', "t.integer('org_id').index()"],
    ['a column made unique', "t.string('email').unique()"],
    ['a column made unique by name', "t.string('email').unique('one_email')"],
    ['a column made unique, its name in options', "t.string('email').unique({ indexName: 'one_email' })"],
    ['a column made the primary key', "t.integer('code').primary()"],
    ['a column made the primary key by name', "t.integer('code').primary('users_pk')"],
    ['a column given a foreign key', "t.integer('org_id').references('orgs.id')"],
    ['a column given a foreign key by inTable', "t.integer('org_id').references('id').inTable('orgs')"],
    ['a column given a named foreign key', "t.integer('org_id').references('orgs.id').withKeyName('fk_org')"],
    [
      'a column with an index, a unique and a foreign key',
      "t.integer('org_id').index().unique().references('orgs.id')",
    ],
    ['dropIndex', "t.dropIndex(['org_id', 'email'])"],
    ['dropUnique', "t.dropUnique(['org_id', 'email'])"],
    ['a named dropUnique', "t.dropUnique(['email'], 'one_email')"],
    ['dropForeign', "t.dropForeign('org_id')"],
    ['a named dropForeign', "t.dropForeign('org_id', 'fk_org')"],
    ['dropPrimary', 't.dropPrimary()'],
    ['a named table check', "t.check('?? > 0', ['org_id'], 'Org_Positive')"],
    ['dropChecks of names', "t.dropChecks(['Org_Positive', 'other'])"],
    ['dropChecks of one name', "t.dropChecks('org_positive')"],
    [
      'checks of an altered column, in the order Knex compiles them, the last of each',
      "t.integer('q').checkIn([1], 'first_in').checkPositive().checkIn([1, 2], 'Q_In').checkNegative().alter()",
    ],
    [
      "an altered column's check and key, the check first",
      "t.integer('q').unique().checkLength('<', 5).alter()",
    ],
    ['a named dropPrimary', "t.dropPrimary('users_pk')"],
    ['dropPrimaryIfExists', 't.dropPrimaryIfExists()'],
    ['dropUniqueIfExists', "t.dropUniqueIfExists(['org_id', 'email'])"],
    ['a named dropUniqueIfExists', "t.dropUniqueIfExists(['email'], 'one_email')"],
    ['dropForeignIfExists', "t.dropForeignIfExists('org_id')"],
  ])('%s', (_what, call) => {
    const [ours, theirs] = names(call);
    expect(theirs.length).toBeGreaterThan(0);
    expect(ours).toEqual(theirs);
  });

  it('a table name with capitals and a dash: lower-cased and `_` in an index name, as written in a primary key name', () => {
    for (const call of ["t.index(['a'])", "t.primary(['a'])", "t.dropForeign('a')"]) {
      const [ours, theirs] = names(call, "'Big-Users'");
      expect(ours).toEqual(theirs);
    }
  });

  // Knex names from the table as written to alterTable (`tableNameRaw`): a withSchema schema is
  // not part of it, a `s.t` one is (`.` made `_`).
  const SCHEMA_CASES = [
    "t.integer('a').index()",
    "t.dropIndex('a')",
    "t.unique(['a', 'b'])",
    "t.dropUnique(['a', 'b'])",
    "t.foreign('a').references('o.id')",
    "t.dropForeign('a')",
  ];
  it.each(SCHEMA_CASES)('on withSchema(s).alterTable(u): %s', (call) => {
    const [ours, theirs] = names(call, "'u'", "knex.schema.withSchema('s')");
    expect(theirs.length).toBeGreaterThan(0);
    expect(ours).toEqual(theirs);
  });

  it.each(SCHEMA_CASES)("on alterTable('s.u'): %s", (call) => {
    const [ours, theirs] = names(call, "'s.u'");
    expect(theirs.length).toBeGreaterThan(0);
    expect(ours).toEqual(theirs);
  });

  it('dropChecks() of no names: Knex writes nothing, nothing is dropped', () => {
    expect(names('t.dropChecks()')).toEqual([[], []]);
  });

  it("an altered column's check on withSchema: named from the table as written", () => {
    expect(names("t.integer('q').checkPositive().alter()", "'u'", "knex.schema.withSchema('s')")).toEqual([
      ['u_q_1'],
      ['u_q_1'],
    ]);
  });

  it('a primary key: `u_pkey` under withSchema; none for `s.u`, where Knex writes a qualified name PostgreSQL rejects', () => {
    for (const call of ["t.primary(['a'])", 't.dropPrimary()'])
      expect(names(call, "'u'", "knex.schema.withSchema('s')")).toEqual([['u_pkey'], ['u_pkey']]);
    for (const call of ["t.primary(['a'])", 't.dropPrimary()']) {
      const [ours] = names(call, "'s.u'");
      expect(ours).toEqual([undefined]);
    }
  });
});
