import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureRepo } from './helpers/repo-fixture.js';
import { ServiceSession } from './helpers/service-session.js';

/**
 * Knex, TypeORM and MikroORM migrations in the editor: the MIG rules' findings on the unsaved buffer of a
 * `.js` or `.ts` migration, at the call that does it, as for Alembic and SQL; and gone once the
 * edit makes the migration safe.
 */
const POLICY =
  'version: 1\nmigrations:\n  knex: db/migrations\n  typeorm: src/migrations\n  mikro_orm: packages/user/src/migrations\n';
const KNEX_INIT =
  'exports.up = async function (knex) {\n  await knex.schema.createTable("users", (t) => { t.increments(); t.string("email"); });\n};\nexports.down = async function (knex) {\n  await knex.schema.dropTable("users");\n};\n';
const TYPEORM_INIT = `import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1700000000000 implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`CREATE TABLE "account" ("id" SERIAL NOT NULL, "email" character varying)\`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`DROP TABLE "account"\`);
    }
}
`;
const typeorm = (body: string) => `import { MigrationInterface, QueryRunner } from "typeorm";

export class Next1700000000001 implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
${body}
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`SELECT 1\`);
    }
}
`;
const mikroOrm = (body: string, extra = '') => `import { Migration } from "@mikro-orm/migrations";

export class Migration20240202000000 extends Migration {
${extra}  async up(): Promise<void> {
${body}
  }
}
`;
const knex = (body: string) =>
  `exports.up = async function (knex) {\n${body}\n};\nexports.down = async function (knex) {\n  await knex.schema.createTable("users", (t) => t.increments());\n};\n`;

describe('Knex, TypeORM and MikroORM migrations in the editor', () => {
  let repo: FixtureRepo;
  let lsp: ServiceSession;
  const knexFile = 'db/migrations/20240202000000_drop.js';
  const typeormFile = 'src/migrations/1700000000001-Next.ts';
  const mikroFile = 'packages/user/src/migrations/Migration20240202000000.ts';

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      'db/migrations/20240101000000_users.js': KNEX_INIT,
      'src/migrations/1700000000000-Init.ts': TYPEORM_INIT,
      'packages/user/src/migrations/Migration20240101000000.ts': mikroOrm(
        '    this.addSql(\'create table "user" ("id" text not null, "email" text null);\');',
      ).replace('20240202000000', '20240101000000'),
    });
    repo.write({
      [knexFile]: knex('  await knex.schema.alterTable("users", (t) => t.string("name"));'),
      [typeormFile]: typeorm('        await queryRunner.query(`ALTER TABLE "account" ADD "name" text`);'),
    });
    lsp = await ServiceSession.start(repo.dir);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it('a Knex drop typed into the unsaved buffer is MIG001 at its call; undone, it is gone', async () => {
    await lsp.open(knexFile, knex('  await knex.schema.alterTable("users", (t) => t.string("name"));'));
    expect((await lsp.pull(knexFile)).filter((d) => d.code === 'MIG001')).toEqual([]);
    await lsp.change(knexFile, knex('  await knex.schema.dropTable("users");'));
    const items = await lsp.pull(knexFile);
    expect(items.filter((d) => d.code === 'MIG001').map((d) => [d.range.start.line, d.severity])).toEqual([
      [1, 1],
    ]);
    await lsp.change(knexFile, knex('  await knex.schema.alterTable("users", (t) => t.string("name"));'));
    expect((await lsp.pull(knexFile)).filter((d) => d.code === 'MIG001')).toEqual([]);
  });

  it('a TypeORM index built without CONCURRENTLY is MIG020 on its query line; built CONCURRENTLY between commitTransaction and startTransaction, it is not', async () => {
    await lsp.open(
      typeormFile,
      typeorm('        await queryRunner.query(`CREATE INDEX "IDX_email" ON "account" ("email")`);'),
    );
    const items = await lsp.pull(typeormFile);
    expect(items.filter((d) => d.code === 'MIG020').map((d) => d.range.start.line)).toEqual([4]);
    // Inside TypeORM's transaction, CONCURRENTLY is refused by PostgreSQL (MIG021) ...
    await lsp.change(
      typeormFile,
      typeorm(
        '        await queryRunner.query(`CREATE INDEX CONCURRENTLY "IDX_email" ON "account" ("email")`);',
      ),
    );
    expect((await lsp.pull(typeormFile)).map((d) => d.code)).toContain('MIG021');
    // ... and out of it, nothing to say.
    await lsp.change(
      typeormFile,
      typeorm(
        [
          '        await queryRunner.commitTransaction();',
          '        await queryRunner.query(`CREATE INDEX CONCURRENTLY "IDX_email" ON "account" ("email")`);',
          '        await queryRunner.startTransaction();',
        ].join('\n'),
      ),
    );
    const after = await lsp.pull(typeormFile);
    expect(after.filter((d) => d.code === 'MIG020' || d.code === 'MIG021')).toEqual([]);
  });

  it("a MikroORM index built CONCURRENTLY in the Migrator's transaction is MIG021 at its addSql; with isTransactional() false, it is not", async () => {
    const concurrently =
      '    this.addSql(\'create index concurrently "IDX_user_email" on "user" ("email");\');';
    await lsp.open(mikroFile, mikroOrm(concurrently));
    expect(
      (await lsp.pull(mikroFile)).filter((d) => d.code === 'MIG021').map((d) => d.range.start.line),
    ).toEqual([4]);
    await lsp.change(
      mikroFile,
      mikroOrm(concurrently, '  override isTransactional(): boolean {\n    return false;\n  }\n\n'),
    );
    expect((await lsp.pull(mikroFile)).filter((d) => d.code === 'MIG020' || d.code === 'MIG021')).toEqual([]);
  });
});
