import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// A migration of a JavaScript tool (Knex, TypeORM, Sequelize, Kysely) written by the agent is
// judged at the tool call as CI judges it: the files directly in each configured folder.
const POLICY = `version: 1
production_branch: main
migrations:
  knex: db/migrations
  typeorm: src/migrations
`;

const session = new AgentSession({
  'slipway.yaml': POLICY,
  'db/migrations/20240101000000_init.js':
    "exports.up = (knex) => knex.schema.createTable('users', (t) => { t.increments('id'); });\nexports.down = (knex) => knex.schema.dropTable('users');\n",
  'src/migrations/1700000000000-Init.ts':
    'import type { MigrationInterface, QueryRunner } from "typeorm";\n\nexport class Init1700000000000 implements MigrationInterface {\n  async up(q: QueryRunner) {\n    await q.query("CREATE TABLE orders (id int)");\n  }\n  async down(q: QueryRunner) {\n    await q.query("DROP TABLE orders");\n  }\n}\n',
});
const write = (rel: string, content: string) => session.write(rel, content);

describe('the gate on JavaScript migrations', () => {
  it('refuses a Knex migration that drops a table; one that adds a table passes', () => {
    const drop = write(
      'db/migrations/20240202000000_drop.js',
      "exports.up = (knex) => knex.schema.dropTable('users');\nexports.down = () => { throw new Error('irreversible: retired'); };\n",
    );
    expect(drop.code).toBe(2);
    expect(drop.stderr).toMatch(/\[MIG001\] db\/migrations\/20240202000000_drop\.js/);
    const add = write(
      'db/migrations/20240202000000_notes.js',
      "exports.up = (knex) => knex.schema.createTable('notes', (t) => { t.increments('id'); });\nexports.down = (knex) => knex.schema.dropTable('notes');\n",
    );
    expect(add).toMatchObject({ code: 0, stdout: '' });
  });

  it('refuses a TypeORM migration that drops a table; a test file beside the migrations is no migration', () => {
    const drop = write(
      'src/migrations/1800000000000-Drop.ts',
      'import type { MigrationInterface, QueryRunner } from "typeorm";\n\nexport class Drop1800000000000 implements MigrationInterface {\n  async up(q: QueryRunner) {\n    await q.query("DROP TABLE orders");\n  }\n  async down() {\n    throw new Error("irreversible: retired");\n  }\n}\n',
    );
    expect(drop.code).toBe(2);
    expect(drop.stderr).toMatch(/\[MIG001\] src\/migrations\/1800000000000-Drop\.ts/);
    const spec = write(
      'src/migrations/drop.spec.ts',
      'it("drops", async () => { await q.query("DROP TABLE orders"); });\n',
    );
    expect(spec).toMatchObject({ code: 0, stdout: '' });
  });
});
