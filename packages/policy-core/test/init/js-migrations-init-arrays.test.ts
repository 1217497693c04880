import { describe, expect, it } from 'vitest';
import { detectIn, initPolicy } from './init-harness.js';

/**
 * `slipway init` on a TypeORM data source whose `migrations` is a name imported from a module:
 * the array read through its imports (read, never run), each folder it draws on taken, and an
 * array drawing on several folders said (TypeORM runs them as one series, Slipway each folder as
 * its own). Flowise's layout: database/migrations/postgres/index.ts lists its own classes and the
 * enterprise folder's.
 */
const TYPEORM_MIGRATION = `import { MigrationInterface, QueryRunner } from "typeorm";
export class Users1704067200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> { await queryRunner.query("CREATE TABLE users (id int)"); }
  async down(queryRunner: QueryRunner): Promise<void> { await queryRunner.query("DROP TABLE users"); }
}
`;

/** [case, files, typeorm folders, a decision that must be said]. */
const CASES: [string, Record<string, string>, string[], RegExp][] = [
  [
    'a data source whose migrations are an array imported from an index listing two folders: both taken, the one series said',
    {
      'package.json': '{ "dependencies": { "typeorm": "^0.3" } }',
      'src/DataSource.ts':
        'import { DataSource } from "typeorm";\nimport { postgresMigrations } from "./database/migrations/postgres";\nexport const ds = new DataSource({ type: "postgres", migrations: postgresMigrations });\n',
      'src/database/migrations/postgres/index.ts':
        // A commented-out import of the same class names another folder: the code's import decides.
        "// import { Teams1704067300000 } from '../../../old/1704067300000-Teams'\nimport { Users1704067200000 } from './1704067200000-Users'\nimport { Teams1704067300000 } from '../../../enterprise/migrations/postgres/1704067300000-Teams'\n\nexport const postgresMigrations = [\n  Users1704067200000,\n  // enterprise\n  Teams1704067300000,\n]\n",
      'src/database/migrations/postgres/1704067200000-Users.ts': TYPEORM_MIGRATION,
      'src/old/1704067300000-Teams.ts': TYPEORM_MIGRATION.replace('Users1704067200000', 'Teams1704067300000'),
      'src/enterprise/migrations/postgres/1704067300000-Teams.ts': TYPEORM_MIGRATION.replace(
        'Users1704067200000',
        'Teams1704067300000',
      ),
    },
    ['src/database/migrations/postgres', 'src/enterprise/migrations/postgres'],
    /^src\/DataSource\.ts: `postgresMigrations` \(src\/database\/migrations\/postgres\/index\.ts\) lists 2 classes from 2 folders \(src\/database\/migrations\/postgres: 1, src\/enterprise\/migrations\/postgres: 1\), which TypeORM runs as one series/,
  ],
  [
    'near miss: an imported array with a spread in it is not read, and said so',
    {
      'package.json': '{ "dependencies": { "typeorm": "^0.3" } }',
      'src/DataSource.ts':
        'import { DataSource } from "typeorm";\nimport { all } from "./migrations";\nexport const ds = new DataSource({ type: "postgres", migrations: all });\n',
      'src/migrations/index.ts':
        "import { Users1704067200000 } from './1704067200000-Users'\nexport const all = [...others, Users1704067200000]\n",
      'src/migrations/1704067200000-Users.ts': TYPEORM_MIGRATION,
    },
    ['src/migrations'],
    /^src\/DataSource\.ts: migrations is `all`, which Slipway does not read without running the file/,
  ],
];

describe('slipway init: a TypeORM migrations array imported from a module', () => {
  it.each(CASES)('%s', (_name, files, typeorm, said) => {
    const found = detectIn(files);
    expect(found.typeorm).toEqual(typeorm);
    expect(
      found.decisions.some((d) => said.test(d)),
      found.decisions.join('\n'),
    ).toBe(true);
    const m = initPolicy(found).policy.policy.migrations;
    expect([m?.typeorm ?? []].flat()).toEqual(typeorm);
  });
});
