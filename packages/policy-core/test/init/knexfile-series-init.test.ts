import { describe, expect, it } from 'vitest';
import { detectIn, initPolicy } from './init-harness.js';

/**
 * `slipway init` on a knexfile whose `migrations.directory` lists several folders: Knex runs them
 * as one series with one knex_migrations table (by file name across them, or folder by folder with
 * `sortDirsSeparately: true`), so init writes one `{ folders }` entry, the order with it, and one
 * applied_through for the series; what it cannot read (a computed order) it says.
 */
const KNEX_MIGRATION =
  'exports.up = async (knex) => { await knex.schema.createTable("t", (t) => { t.integer("id"); }); };\nexports.down = async (knex) => { await knex.schema.dropTable("t"); };\n';

const project = (migrations: string, more: Record<string, string> = {}) => ({
  'package.json': '{ "dependencies": { "knex": "^3", "pg": "^8" } }',
  'knexfile.js': `module.exports = {\n  client: 'pg',\n  migrations: ${migrations},\n};\n`,
  'db/migrations/20240101000000_users.js': KNEX_MIGRATION,
  'db/migrations/20240301000000_more.js': KNEX_MIGRATION,
  'plugins/billing/migrations/20240201000000_invoices.js': KNEX_MIGRATION,
  ...more,
});
const TWO = "['./db/migrations', './plugins/billing/migrations']";

describe("slipway init: a knexfile's list of directories is one series", () => {
  it('one entry of both folders, said, and one applied_through: the last file by name across them', () => {
    const found = detectIn(project(`{ directory: ${TWO} }`));
    expect(found.knex).toEqual([{ folders: ['db/migrations', 'plugins/billing/migrations'] }]);
    expect(found.decisions).toContain(
      'knexfile.js: migrations.directory lists 2 folders (db/migrations, plugins/billing/migrations), which Knex runs as one series with one knex_migrations table, in file name order across the folders; proposed as one entry, `{ folders: [...] }` under migrations.knex, so what one folder creates is known to the others',
    );
    const { text, policy } = initPolicy(found);
    expect(text).toContain(
      '  knex:\n    # one series: one knexfile runs these folders together (one knex_migrations table), by file name\n    - folders:\n        - "db/migrations"\n        - "plugins/billing/migrations"\n',
    );
    expect(policy.policy.migrations?.applied_through).toBe('db/migrations/20240301000000_more.js');
  });

  it('sortDirsSeparately: true is written with it, and the last migration is the last folder’s last', () => {
    const found = detectIn(project(`{ directory: ${TWO}, sortDirsSeparately: true }`));
    expect(found.knex).toEqual([
      { folders: ['db/migrations', 'plugins/billing/migrations'], sort_dirs_separately: true },
    ]);
    const { text, policy } = initPolicy(found);
    expect(text).toContain('        - "plugins/billing/migrations"\n      sort_dirs_separately: true\n');
    expect(policy.policy.migrations?.knex).toEqual([
      { folders: ['db/migrations', 'plugins/billing/migrations'], sort_dirs_separately: true },
    ]);
    expect(policy.policy.migrations?.applied_through).toBe(
      'plugins/billing/migrations/20240201000000_invoices.js',
    );
  });

  it('a computed sortDirsSeparately is said, and taken as Knex’s default', () => {
    const found = detectIn(project(`{ directory: ${TWO}, sortDirsSeparately: process.env.SEP === '1' }`));
    expect(found.knex).toEqual([{ folders: ['db/migrations', 'plugins/billing/migrations'] }]);
    expect(
      found.decisions.some((d) =>
        d.includes("sortDirsSeparately is `process.env.SEP === '1'`, not a literal: taken as Knex's default"),
      ),
    ).toBe(true);
  });

  it('environments naming the same list write it once', () => {
    const found = detectIn(
      project(`{ directory: ${TWO} },\n  production: { migrations: { directory: ${TWO} } }`),
    );
    expect(found.knex).toEqual([{ folders: ['db/migrations', 'plugins/billing/migrations'] }]);
  });

  it('near miss: a folder holding no migration is not joined (one folder left: a plain entry)', () => {
    const found = detectIn(project("{ directory: ['./db/migrations', './db/empty'] }"));
    expect(found.knex).toEqual(['db/migrations', 'plugins/billing/migrations']);
    expect(found.decisions.some((d) => d.includes('lists 2 folders'))).toBe(false);
  });

  it('near miss: two knexfiles each naming one folder stay two series', () => {
    const found = detectIn(
      project("{ directory: './db/migrations' }", {
        'plugins/billing/knexfile.js': "module.exports = { migrations: { directory: './migrations' } };\n",
      }),
    );
    expect(found.knex).toEqual(['db/migrations', 'plugins/billing/migrations']);
  });
});

describe('slipway init: environments that run the folders in different series', () => {
  it('development one folder, test two: none taken as one series, said', () => {
    const found = detectIn(
      project(
        `{ directory: './db/migrations' },\n  test: { migrations: { sortDirsSeparately: true, directory: ${TWO} } }`,
      ),
    );
    expect(found.knex).toEqual(['db/migrations', 'plugins/billing/migrations']);
    expect(found.decisions).toContain(
      'knexfile.js: its environments run db/migrations, plugins/billing/migrations as different series (db/migrations + plugins/billing/migrations folder by folder, and elsewhere db/migrations); each folder proposed as its own series: write the one production runs as `{ folders: [...] }` under migrations.knex',
    );
  });

  it('the same list in another order, or the other sort, is a different series too', () => {
    const found = detectIn(
      project(
        `{ directory: ${TWO} },\n  production: { migrations: { directory: ${TWO}, sortDirsSeparately: true } }`,
      ),
    );
    expect(found.knex).toEqual(['db/migrations', 'plugins/billing/migrations']);
  });
});
