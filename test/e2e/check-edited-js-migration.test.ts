import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

// A branch that edits a JavaScript migration already on the base: the base's copy was read as an
// Alembic revision (to find the base branch's head), which failed every MIG rule with an internal
// error on TypeORM, Knex and Sequelize folders alike. Found on a real TypeORM project (a one-line
// edit of its only migration); registering a migration in the folder's index.ts did it too.
// Each edit makes `up` drop a table: the MIG rules must still say so.
const EDITS: [tool: string, before: string, after: string][] = [
  [
    'typeorm',
    `import { MigrationInterface, QueryRunner } from 'typeorm';
export class CreateUser1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`CREATE TABLE "user" ("id" SERIAL NOT NULL)\`);
  }
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DROP TABLE "user"\`);
  }
}
`,
    `import { MigrationInterface, QueryRunner } from 'typeorm';
export class CreateUser1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DROP TABLE "account"\`);
  }
  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`,
  ],
  [
    'knex',
    `exports.up = (knex) => knex.schema.createTable('user', (t) => { t.increments('id'); });
exports.down = (knex) => knex.schema.dropTable('user');
`,
    `exports.up = (knex) => knex.schema.dropTable('account');
exports.down = () => {};
`,
  ],
  [
    'sequelize',
    `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('user', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('user');
  },
};
`,
    `module.exports = {
  async up(queryInterface) {
    await queryInterface.dropTable('account');
  },
  async down() {},
};
`,
  ],
];

let repo: TempRepo | undefined;
afterEach(() => {
  if (repo) rmSync(repo.dir, { recursive: true, force: true });
});

describe('check: a branch that edits a JavaScript migration on the base', () => {
  it.each(EDITS)('%s: the MIG rules judge it (no internal error)', (tool, before, after) => {
    const file = `migrations/1700000000000-create-user.${tool === 'typeorm' ? 'ts' : 'js'}`;
    repo = new TempRepo({
      'slipway.yaml': `version: 1\nproduction_branch: main\nmigrations:\n  ${tool}: ["migrations"]\n`,
      [file]: before,
    });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'init');
    repo.git('checkout', '-qb', 'feature');
    repo.write({ [file]: after });
    repo.git('commit', '-qam', 'edit');
    const r = slipway(['check', '--format', 'json'], { cwd: repo.dir });
    expect(r.stderr).not.toMatch(/internal error/);
    const ids = JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule);
    expect(ids).toContain('MIG001');
  });
});
