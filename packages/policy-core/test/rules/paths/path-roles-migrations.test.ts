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
