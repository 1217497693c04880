import { beforeAll, describe, expect, it } from 'vitest';
import { ready, runMig } from './mig-test-helpers.js';

/**
 * A Kysely folder's file with no `up`: Kysely's FileMigrationProvider skips it ('NotMigration'),
 * so it is no failure of the deploy (MIG130's error), only a file that never runs. Seen on
 * DashHub-ai/DashHub, whose `migrations/index.ts` lists the migrations for its own provider.
 */
const POLICY = 'version: 1\nmigrations:\n  kysely: src/migrations\n';
const MIGRATION =
  "export async function up(db) {\n  await db.schema.createTable('users').addColumn('id', 'serial').execute();\n}\n" +
  "export async function down(db) {\n  await db.schema.dropTable('users').execute();\n}\n";

const mig130 = (file: string, text: string) =>
  runMig({ 'slipway.yaml': POLICY, 'src/migrations/0000-users.ts': MIGRATION, [file]: text })
    .findings.filter((f) => f.rule === 'MIG130')
    .map((f) => `${f.file} ${f.severity}`);

beforeAll(ready);

describe('MIG130 on a Kysely file without up', () => {
  it('says nothing of an index that lists the migrations', () => {
    const index =
      "import * as users from './0000-users';\nexport const DB_MIGRATIONS = { '0000-users': users };\n";
    expect(mig130('src/migrations/index.ts', index)).toEqual([]);
  });

  it('gives an info, not an error, for another file Kysely skips', () => {
    const text =
      "export async function migrate(db) {\n  await db.schema.createTable('roles').execute();\n}\n";
    expect(mig130('src/migrations/0001-roles.ts', text)).toEqual(['src/migrations/0001-roles.ts info']);
  });

  it('keeps the error where an up Kysely would run may be made out of sight', () => {
    for (const text of [
      "export default makeMigration('roles');\n",
      "export * from './impl';\n",
      "export { migrateUp as up } from './impl';\n",
      "module.exports = require('./impl');\n",
    ])
      expect(mig130('src/migrations/index.ts', text), text).toEqual(['src/migrations/index.ts error']);
  });
});
