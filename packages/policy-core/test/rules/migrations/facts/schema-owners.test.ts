import { describe, expect, it } from 'vitest';
import { schemaOwners } from '../../../../src/rules/migrations/facts/schema-owners.js';

// The tools MIG121 names: the policy's, never Alembic in a project without it (louislam/uptime-kuma, Knex).
describe('schemaOwners', () => {
  it('names Alembic as before when it is the one tool', () => {
    expect(schemaOwners([{}, {}])).toMatchObject({
      names: 'Alembic',
      trees: 'the Alembic trees',
      migration: 'an Alembic migration',
      alembic: true,
    });
  });

  it('names a JS tool or Django alone', () => {
    expect(schemaOwners([{ js: 'knex' }])).toMatchObject({
      trees: 'the Knex migration folders',
      migration: 'a Knex migration',
      alembic: false,
    });
    expect(schemaOwners([{ django: 'shop' }, { django: 'billing' }]).migration).toBe('a Django migration');
  });

  it('names every tool of a project with several', () => {
    expect(schemaOwners([{}, { js: 'kysely' }, { django: 'shop' }])).toMatchObject({
      names: 'Alembic, Kysely and Django',
      migration: 'a migration of Alembic, Kysely or Django',
      alembic: true,
    });
  });
});
