import { describe, expect, it } from 'vitest';
import { detectIn, initPolicy } from './init-harness.js';

/**
 * `slipway init` on a TypeORM data source whose `migrations` is a name imported from a module:
 * the array read through its imports (read, never run), each folder it draws on taken, and an
 * array drawing on several folders written as one entry, `{ folders: [...] }`: TypeORM runs them
 * as one series, and so does Slipway then. Flowise's layout: database/migrations/postgres/index.ts
 * lists its own classes and the enterprise folder's.
 */
const TYPEORM_MIGRATION = `import { MigrationInterface, QueryRunner } from "typeorm";
export class Users1704067200000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> { await queryRunner.query("CREATE TABLE users (id int)"); }
  async down(queryRunner: QueryRunner): Promise<void> { await queryRunner.query("DROP TABLE users"); }
}
`;

type Entry = string | { folders: string[] };

/** [case, files, migrations.typeorm entries, a decision that must be said]. */
const CASES: [string, Record<string, string>, Entry[], RegExp][] = [
  [
    'a data source whose migrations are an array imported from an index listing two folders: one entry of both, the one series said',
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
    [{ folders: ['src/database/migrations/postgres', 'src/enterprise/migrations/postgres'] }],
    /^src\/DataSource\.ts: `postgresMigrations` \(src\/database\/migrations\/postgres\/index\.ts\) lists 2 classes from 2 folders \(src\/database\/migrations\/postgres: 1, src\/enterprise\/migrations\/postgres: 1\), which TypeORM runs as one series in timestamp order; proposed as one entry/,
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

describe('slipway init: one series over two folders, one applied_through', () => {
  it('writes the series once, its last migration by timestamp (in the other folder) as what production ran', () => {
    const found = detectIn({
      'package.json': '{ "dependencies": { "typeorm": "^0.3" } }',
      'src/DataSource.ts':
        'import { DataSource } from "typeorm";\nimport { all } from "./database/migrations/postgres";\nexport const ds = new DataSource({ type: "postgres", migrations: all });\n',
      'src/database/migrations/postgres/index.ts':
        "import { Users1704067200000 } from './1704067200000-Users'\nimport { More1704067300000 } from './1704067300000-More'\nimport { Teams1704067400000 } from '../../../enterprise/migrations/postgres/1704067400000-Teams'\nexport const all = [Users1704067200000, More1704067300000, Teams1704067400000]\n",
      'src/database/migrations/postgres/1704067200000-Users.ts': TYPEORM_MIGRATION,
      'src/database/migrations/postgres/1704067300000-More.ts': TYPEORM_MIGRATION.replace(
        'Users1704067200000',
        'More1704067300000',
      ),
      'src/enterprise/migrations/postgres/1704067400000-Teams.ts': TYPEORM_MIGRATION.replace(
        'Users1704067200000',
        'Teams1704067400000',
      ),
    });
    const { text, policy } = initPolicy(found);
    expect(text).toContain(
      '  typeorm:\n    # one series: one data source runs the classes of these folders together, by timestamp\n    - folders:\n        - "src/database/migrations/postgres"\n        - "src/enterprise/migrations/postgres"\n',
    );
    expect(policy.policy.migrations?.applied_through).toBe(
      'src/enterprise/migrations/postgres/1704067400000-Teams.ts',
    );
    expect(found.decisions).toContain(
      'src/database/migrations/postgres + src/enterprise/migrations/postgres: 3 TypeORM migrations up to src/enterprise/migrations/postgres/1704067400000-Teams.ts (the timestamps ending the class names, as TypeORM runs them), taken as already run in production (migrations.applied_through): their destructive and lock findings are history; correct it if production is behind',
    );
  });
});

describe('slipway init: arrays that spread other arrays', () => {
  const classFile = (name: string) => TYPEORM_MIGRATION.replace('Users1704067200000', name);
  const base = {
    'package.json': '{ "dependencies": { "typeorm": "^0.3" } }',
    'src/core/migrations/1704067200000-Users.ts': TYPEORM_MIGRATION,
    'src/core/migrations/1704067300000-More.ts': classFile('More1704067300000'),
    'src/ee/migrations/1704067400000-Teams.ts': classFile('Teams1704067400000'),
    'src/core/migrations/index.ts':
      "import { Users1704067200000 } from './1704067200000-Users'\nimport { More1704067300000 } from './1704067300000-More'\nexport const coreMigrations = [Users1704067200000, More1704067300000]\n",
    'src/ee/migrations/index.ts':
      "import { Teams1704067400000 } from './1704067400000-Teams'\nexport const eeMigrations = [Teams1704067400000]\n",
  };
  const BOTH = { folders: ['src/core/migrations', 'src/ee/migrations'] };

  it('an imported array of spreads of imported arrays (one renamed on import): one series of both folders', () => {
    const found = detectIn({
      ...base,
      'src/DataSource.ts':
        'import { DataSource } from "typeorm";\nimport { all } from "./migrations";\nexport const ds = new DataSource({ type: "postgres", migrations: all });\n',
      'src/migrations.ts':
        "import { coreMigrations } from './core/migrations'\nimport { eeMigrations as enterprise } from './ee/migrations'\nexport const all = [...coreMigrations, ...enterprise]\n",
    });
    expect(found.typeorm).toEqual([BOTH]);
    expect(found.decisions.some((d) => d.includes('lists 3 classes from 2 folders'))).toBe(true);
  });

  it("an array declared in the data source's own module, spreading imported ones", () => {
    const found = detectIn({
      ...base,
      'src/DataSource.ts':
        'import { DataSource } from "typeorm";\nimport { coreMigrations } from "./core/migrations";\nimport { eeMigrations } from "./ee/migrations";\nconst migrations = [...coreMigrations, ...eeMigrations];\nexport const ds = new DataSource({ type: "postgres", migrations: migrations });\n',
    });
    expect(found.typeorm).toEqual([BOTH]);
  });

  it("spreads written in the data source's own `migrations`: one series, said once, no unread `...`", () => {
    const found = detectIn({
      ...base,
      'src/DataSource.ts':
        'import { DataSource } from "typeorm";\nimport { coreMigrations } from "./core/migrations";\nimport { eeMigrations } from "./ee/migrations";\nexport const ds = new DataSource({ type: "postgres", migrations: [...coreMigrations, ...eeMigrations] });\n',
    });
    expect(found.typeorm).toEqual([BOTH]);
    expect(found.decisions.filter((d) => d.startsWith('src/DataSource.ts: migrations'))).toEqual([
      'src/DataSource.ts: migrations spreads `...coreMigrations`, `...eeMigrations`, whose classes come from 2 folders (src/core/migrations, src/ee/migrations), which TypeORM runs as one series in timestamp order; proposed as one entry, `{ folders: [...] }` under migrations.typeorm',
    ]);
  });

  it('near miss: a spread of a call in the data source is said as it is written', () => {
    const found = detectIn({
      ...base,
      'src/DataSource.ts':
        'import { DataSource } from "typeorm";\nimport { coreMigrations } from "./core/migrations";\nexport const ds = new DataSource({ type: "postgres", migrations: [...coreMigrations, ...load()] });\n',
    });
    expect(found.decisions.filter((d) => d.startsWith('src/DataSource.ts: migrations'))).toEqual([
      'src/DataSource.ts: migrations is `...load()`, which Slipway does not read without running the file (it runs nothing of a repository); name the folder under migrations.typeorm by hand',
    ]);
  });

  it.each([
    ['a spread of a call', 'export const all = [...coreMigrations, ...load()]\n'],
    ['one array spread twice', 'export const all = [...coreMigrations, ...coreMigrations]\n'],
    ['a spread of a member', 'export const all = [...coreMigrations, ...ee.list]\n'],
  ])('near miss: %s is not read, and said so', (_what, array) => {
    const found = detectIn({
      ...base,
      'src/DataSource.ts':
        'import { DataSource } from "typeorm";\nimport { all } from "./migrations";\nexport const ds = new DataSource({ type: "postgres", migrations: all });\n',
      'src/migrations.ts': `import { coreMigrations } from './core/migrations'\n${array}`,
    });
    // The folders are still found by their classes, each its own series.
    expect(found.typeorm).toEqual(['src/core/migrations', 'src/ee/migrations']);
    expect(
      found.decisions.some((d) =>
        d.startsWith(
          'src/DataSource.ts: migrations is `all`, which Slipway does not read without running the file',
        ),
      ),
    ).toBe(true);
  });

  it('near miss: arrays that spread each other in a ring end, unread', () => {
    const found = detectIn({
      ...base,
      'src/DataSource.ts':
        'import { DataSource } from "typeorm";\nimport { a } from "./ring";\nexport const ds = new DataSource({ type: "postgres", migrations: a });\n',
      'src/ring.ts': 'export const a = [...b]\nexport const b = [...a]\n',
    });
    expect(found.typeorm).toEqual(['src/core/migrations', 'src/ee/migrations']);
  });
});
