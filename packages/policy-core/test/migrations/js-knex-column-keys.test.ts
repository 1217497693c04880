import { describe, expect, it } from 'vitest';
import { readJsMigration } from '../../src/migrations/js-module.js';

/**
 * The keys a column chain of an alterTable makes: Knex hands `.unique()`, `.primary()`,
 * `.index()` and `.references()` to the table builder's own calls with the column first
 * (lib/schema/columnbuilder.js), each its own statement after the ADD COLUMN, in the chain's
 * order, named as that call names it. (Knex's own SQL for these names:
 * packages/cli/test/trace/knex-key-names.test.ts.)
 */
const up = (body: string) =>
  `exports.up = async function (knex) {\n  await knex.schema.alterTable('users', (t) => {\n${body}\n  });\n};\n`;
/** Each op as `kind column-or-constraint name [columnConstraints]`, `-` for what it lacks. */
const steps = (body: string) =>
  (readJsMigration('db/migrations/1_a.js', up(body), 'knex').upgrade?.ops ?? []).map((o) =>
    [
      o.kind,
      o.column ?? o.constraint ?? '-',
      o.constraintName ?? o.index ?? '-',
      ...(o.columnConstraints ? [`[${o.columnConstraints.join(',')}]`] : []),
    ].join(' '),
  );

describe('the keys of a column added by a Knex alterTable', () => {
  it('each is its own named constraint after the column, in the order of the chain', () => {
    expect(steps("    t.integer('org_id').references('orgs.id').unique().index();")).toEqual([
      'add_column org_id -',
      'add_constraint foreign_key users_org_id_foreign',
      'add_constraint unique users_org_id_unique',
      'create_index - users_org_id_index',
    ]);
    expect(steps("    t.integer('code').primary('users_pk');")).toEqual([
      'add_column code -',
      'add_constraint primary_key users_pk',
    ]);
    expect(
      steps("    t.integer('owner').references('id').inTable('users').withKeyName('fk_owner');"),
    ).toEqual(['add_column owner -', 'add_constraint foreign_key fk_owner']);
  });

  it('a later migration dropping it by its columns names the same key', () => {
    expect(steps("    t.string('email').unique();")).toEqual([
      'add_column email -',
      'add_constraint unique users_email_unique',
    ]);
    expect(steps("    t.dropUnique(['email']);")).toEqual(['drop_constraint - users_email_unique']);
  });

  it('near miss: an increments column keeps its key on the column, and no other', () => {
    expect(steps("    t.increments('id').unique().index();")).toEqual(['add_column id - [primary_key]']);
  });

  it('near miss: a plain column has no key', () => {
    expect(steps("    t.string('nick').notNullable().defaultTo('');")).toEqual(['add_column nick -']);
  });
});
