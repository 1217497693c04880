import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureRepo } from './helpers/repo-fixture.js';
import { ServiceSession } from './helpers/service-session.js';

/**
 * A TypeORM series over two folders (`migrations.typeorm: [{ folders: [...] }]`) in the editor:
 * the unsaved buffer of a migration in one folder is judged with what the other folder's
 * migrations made before it, as TypeORM runs them (one array, by timestamp). Read as a folder of
 * its own, the column's type before would be unknown and every type change a MIG024.
 */
const POLICY =
  'version: 1\nmigrations:\n  typeorm:\n    - folders: [src/migrations, src/enterprise/migrations]\n';
const migration = (name: string, sql: string) => `import { MigrationInterface, QueryRunner } from "typeorm";

export class ${name} implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`SET lock_timeout = '5s'\`);
        await queryRunner.query(\`${sql}\`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(\`SELECT 1\`);
    }
}
`;
const retype = (type: string) =>
  migration('Retype1700000000001', `ALTER TABLE "users" ALTER COLUMN "name" TYPE ${type}`);

describe('one TypeORM series over two folders in the editor', () => {
  let repo: FixtureRepo;
  let lsp: ServiceSession;
  const file = 'src/enterprise/migrations/1700000000001-Retype.ts';

  beforeAll(async () => {
    repo = new FixtureRepo({
      'slipway.yaml': POLICY,
      'src/migrations/1700000000000-Users.ts': migration(
        'Users1700000000000',
        'CREATE TABLE "users" ("id" integer, "name" varchar(50))',
      ),
    });
    repo.write({ [file]: retype('varchar(100)') });
    lsp = await ServiceSession.start(repo.dir);
  });
  afterAll(async () => {
    await lsp?.stop();
    repo?.remove();
  });

  it("knows the other folder's column: widened, no MIG024; made an integer in the unsaved buffer, MIG024", async () => {
    await lsp.open(file, retype('varchar(100)'));
    expect((await lsp.pull(file)).filter((d) => d.code === 'MIG024')).toEqual([]);
    await lsp.change(file, retype('integer'));
    expect((await lsp.pull(file)).filter((d) => d.code === 'MIG024').map((d) => d.range.start.line)).toEqual([
      5,
    ]);
  });
});
