import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { MemoryRepo } from '../../../src/repo.js';
import { pathRoleReader } from '../../../src/rules/paths/facts/path-roles.js';

/**
 * The migration roles `slipway explain` and the agent gate give a path: which runner reads it.
 * Where the migrations are takes a listing of the repository, so a path that cannot be a
 * revision, a Django or a JS migration (a write to docs/) never asks where they are.
 */
const POLICY = `version: 1
production_branch: main
migrations:
  dialect: postgresql
  alembic: db/alembic/versions
  django: [shop/migrations]
  knex: db/knex
  mikro_orm: packages/user/src/migrations
  typeorm: [{ folders: [src/migrations, src/enterprise/migrations] }]
  sql: ["db/sql/*.sql"]
`;
const doc = (() => {
  const parsed = parsePolicyText(POLICY, 'slipway.yaml');
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  return parsed.document;
})();

/** A repository that counts how often it is listed. */
class CountingRepo extends MemoryRepo {
  listed = 0;
  override listFiles(): readonly string[] {
    this.listed++;
    return super.listFiles();
  }
}

const files = {
  'slipway.yaml': POLICY,
  'db/alembic/versions/0001_init.py': 'revision = "1"\n',
  'shop/migrations/__init__.py': '',
  'shop/migrations/0001_initial.py': 'from django.db import migrations\n',
  'db/knex/20240101_init.js': 'exports.up = () => {};\n',
  'db/sql/0001.sql': 'SELECT 1;\n',
  'docs/guide.md': '# g\n',
};

const roles = (path: string) => {
  const repo = new CountingRepo(files);
  const got = pathRoleReader(doc, repo)(path);
  return { mig: got.filter((r) => r.family === 'MIG').map((r) => r.text), listed: repo.listed };
};

describe('migration roles of a path', () => {
  it.each([
    ['db/alembic/versions/0002_next.py', 'an Alembic revision of the tree db/alembic/versions'],
    ['shop/migrations/0002_more.py', 'a Django migration of the app shop'],
    ['db/knex/20240202_more.js', 'a Knex migration of the folder db/knex (migrations.knex)'],
    ['db/knex/20240202_more.ts', 'a Knex migration of the folder db/knex (migrations.knex)'],
    [
      'packages/user/src/migrations/Migration20240202000000.ts',
      'a MikroORM migration of the folder packages/user/src/migrations (migrations.mikro_orm)',
    ],
    // Each folder of one TypeORM series over several is read with the others.
    [
      'src/enterprise/migrations/1700000000001-Teams.ts',
      'a TypeORM migration of the series src/migrations + src/enterprise/migrations (migrations.typeorm)',
    ],
  ])('%s: %s', (path, role) => {
    const { mig } = roles(path);
    expect(mig).toHaveLength(1);
    expect(mig[0]).toContain(role);
  });

  it.each([
    // Near misses: the right folder, the wrong kind of file; the right kind, the wrong folder.
    'db/knex/README.md',
    'db/knex/nested/20240202_more.js',
    'db/alembic/versions/notes.txt',
    'db/alembic/0002_next.py',
    'shop/migrations/sub/0002_more.py',
    'app/knex/20240202_more.js',
    'packages/user/src/migrations/Migration20240202000000.d.ts',
  ])('%s: no migration role', (path) => {
    expect(roles(path).mig).toEqual([]);
  });

  it('a .sql migration by the policy patterns, and other SQL as text a migration may run', () => {
    expect(roles('db/sql/0002.sql').mig[0]).toContain('a .sql migration (migrations.sql)');
    expect(roles('db/other/seed.sql').mig[0]).toContain('SQL a migration may run');
  });

  it('a path that can be no migration costs no migration listing', () => {
    // The local actions' reading lists the workflows in any case: the migrations section adds nothing.
    const bare = parsePolicyText('version: 1\nproduction_branch: main\n', 'slipway.yaml').document;
    if (!bare) throw new Error('the bare policy does not parse');
    for (const path of ['docs/new.md', 'db/sql/0002.sql', 'db/knex/README.md', '.github/workflows/ci.yml']) {
      const without = new CountingRepo(files);
      pathRoleReader(bare, without)(path);
      expect(roles(path).listed, path).toBe(without.listed);
    }
    const without = new CountingRepo(files);
    pathRoleReader(bare, without)('db/knex/20240202_more.js');
    expect(roles('db/knex/20240202_more.js').listed).toBeGreaterThan(without.listed);
  });
});

describe('a module the JS/TS migrations may take values from, and SQL beside the migrations', () => {
  const ENUM_POLICY = `version: 1
migrations:
  dialect: postgresql
  knex: db/knex
  sql: ["db/sql/*"]
  sql_runner: psql
`;
  const enumDoc = parsePolicyText(ENUM_POLICY, 'slipway.yaml').document;
  if (!enumDoc) throw new Error('test policy is invalid');
  const read = (path: string, extra: Record<string, string> = {}) =>
    pathRoleReader(
      enumDoc,
      new MemoryRepo({
        'db/knex/001_roles.js':
          "import { Role } from '../../src/roles';\nexports.up = (k) => k.raw(`${Role.ADMIN}`);\n",
        'db/knex/002_more.ts':
          "import { Role } from '../../src/roles.ts';\nexport const up = `${Role.USER}`;\n",
        'db/knex/003_plain.js': "import { Role } from '../../src/roles';\nexports.up = () => {};\n",
        'db/knex/005_uses.js':
          "import { base } from './001_roles';\nimport data from '../../src/data.json';\nexports.up = `${base}${data.x}`;\n",
        ...extra,
      }),
    )(path).filter((r) => r.family === 'MIG');

  it('a module two substituting migrations import: judged with each of them', () => {
    expect(read('src/roles.ts')).toEqual([
      {
        family: 'MIG',
        text: 'src/roles.ts: a module 2 migrations may take values from: judged with each migration that reads it, on postgresql (MIG rules)',
        judgedWith: ['db/knex/001_roles.js', 'db/knex/002_more.ts'],
      },
    ]);
    expect(read('src/roles.mjs')[0]?.judgedWith).toHaveLength(2);
  });

  it('one reader is named', () => {
    const [role] = read('lib/perms.cts', { 'db/knex/004.js': "require('../../lib/perms.cts'); `${x}`;\n" });
    expect(role?.text).toBe(
      'lib/perms.cts: a module the migration db/knex/004.js may take values from: judged with each migration that reads it, on postgresql (MIG rules)',
    );
  });

  it('near misses: a module no migration names, a file that is no JS/TS module, a migration itself', () => {
    expect(read('src/other.ts')).toEqual([]);
    expect(read('src/data.json')).toEqual([]);
    // 005 imports 001 as a module: 001 is still judged as the migration it is, once.
    expect(read('db/knex/001_roles.js').map((r) => r.text)).toEqual([
      'db/knex/001_roles.js: a Knex migration of the folder db/knex (migrations.knex), run on postgresql (MIG rules)',
    ]);
  });

  it('a .sql migration says how it runs; a file the sql patterns name that is not .sql is no migration', () => {
    expect(read('db/sql/0001.sql').map((r) => r.text)).toEqual([
      'db/sql/0001.sql: a .sql migration (migrations.sql) run on postgresql, read as psql runs it (MIG rules)',
    ]);
    expect(read('db/sql/README.md')).toEqual([]);
    expect(read('db/sql/setup.psql')[0]?.text).toContain('SQL a migration may run');
    expect(read('db/sql/setup.psql.bak')).toEqual([]);
    expect(roles('db/sql/0002.sql').mig[0]).toContain('read as plain runs it');
  });

  it('without JS/TS migration folders, no module is asked about', () => {
    const sqlOnly = parsePolicyText(
      'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n',
      'slipway.yaml',
    ).document;
    if (!sqlOnly) throw new Error('test policy is invalid');
    const repo = new MemoryRepo({ 'db/001.sql': 'SELECT 1;\n', 'x.ts': "import '../src/roles';\n`${a}`\n" });
    let listed = 0;
    repo.listFiles = () => {
      listed++;
      return ['db/001.sql', 'x.ts'];
    };
    expect(pathRoleReader(sqlOnly, repo)('src/roles.ts')).toEqual([]);
    expect(listed).toBe(2);
  });
});

describe('the JS/TS folders and series a migration belongs to', () => {
  const at = (policyText: string, path: string) => {
    const parsed = parsePolicyText(policyText, 'slipway.yaml').document;
    if (!parsed) throw new Error('test policy is invalid');
    return pathRoleReader(
      parsed,
      new MemoryRepo({}),
    )(path)
      .filter((r) => r.family === 'MIG')
      .map((r) => r.text);
  };

  it('a folder beside a series is its own folder, not the series', () => {
    const text = `version: 1\nmigrations:\n  typeorm: [{ folders: [a/migrations, b/migrations] }, c/migrations]\n`;
    expect(at(text, 'c/migrations/1700-x.ts')).toEqual([
      'c/migrations/1700-x.ts: a TypeORM migration of the folder c/migrations (migrations.typeorm), run on postgresql (MIG rules)',
    ]);
    expect(at(text, 'b/migrations/1700-x.ts')[0]).toContain('of the series a/migrations + b/migrations');
  });

  it('the repository’s root as a folder: its own files, named as `.`', () => {
    const text = 'version: 1\nmigrations:\n  knex: ./\n';
    expect(at(text, '20240101_init.js')).toEqual([
      '20240101_init.js: a Knex migration of the folder . (migrations.knex), run on postgresql (MIG rules)',
    ]);
    expect(at(text, 'src/20240101_init.js')).toEqual([]);
  });
});
