import {
  judgedPaths,
  LAYOUTS,
  LIMITS,
  MemoryRepo,
  parsePolicyText,
  type RepoView,
  unjudgedLayouts,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const DJANGO =
  'from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = []\n';
const ALEMBIC =
  'from alembic import op\n\nrevision = "a1"\ndown_revision = None\n\ndef upgrade():\n    pass\n';
const DEPS = '{ "name": "web", "dependencies": { "left-pad": "1.3.0" } }';

function policyOf(yaml = '') {
  const doc = parsePolicyText(`version: 1\n${yaml}`).document;
  if (!doc) throw new Error('policy does not parse');
  return doc.policy;
}

/** The layouts `files` hold and `policy` does not judge: id → how many files (and unread ones). */
function seen(files: Record<string, string>, policy = '', repo?: RepoView) {
  const r = repo ?? new MemoryRepo(files);
  return Object.fromEntries(
    unjudgedLayouts(r, judgedPaths(r, policyOf(policy))).map((l) => [
      l.entry.id,
      l.unread.length ? `${l.files.length}+${l.unread.length} unread` : l.files.length,
    ]),
  );
}

// One repository per layout of the table, each the smallest that shows it.
const EVERY_LAYOUT: Record<string, Record<string, string>> = {
  alembic: { 'migrations/versions/a1_init.py': ALEMBIC },
  django: { 'shop/migrations/0001_initial.py': DJANGO, 'shop/migrations/__init__.py': '' },
  'python-migrations': { 'db/migrations/001_users.py': 'def up(conn):\n    conn.execute("...")\n' },
  rails: {
    'db/migrate/20240101000000_create_users.rb': 'class CreateUsers < ActiveRecord::Migration[7.1]\nend\n',
  },
  'code-versioned': { 'src/main/java/db/migration/V2__Backfill.java': 'public class V2__Backfill {}\n' },
  liquibase: {
    'src/main/resources/db/changelog/db.changelog-master.yaml': 'databaseChangeLog:\n  - include: {}\n',
  },
  ecto: { 'priv/repo/migrations/20240101_create_users.exs': 'defmodule M do\nend\n' },
  'go-code': {
    'internal/migrations/00002_backfill.go': 'func init() { goose.AddMigrationContext(up, down) }\n',
  },
  prisma: { 'prisma/migrations/20240101_init/migration.sql': 'CREATE TABLE "User" (id int);\n' },
  drizzle: { 'drizzle/0000_init.sql': 'CREATE TABLE t (id int);\n', 'drizzle/meta/_journal.json': '{}' },
  typeorm: {
    'src/migrations/1700000000000-Init.ts': 'import { MigrationInterface, QueryRunner } from "typeorm";\n',
  },
  sequelize: {
    'migrations/20240101-create-user.js': 'module.exports = { up: async (queryInterface) => {} };\n',
  },
  kysely: { 'src/migrations/2024_init.ts': 'export async function up(db: Kysely<any>) {}\n' },
  knex: { 'migrations/20240101_users.js': 'exports.up = function (knex) { return knex.schema; };\n' },
  'mikro-orm': {
    'src/migrations/Migration20240524123112.ts':
      'import { Migration } from "@mikro-orm/migrations";\nexport class Migration20240524123112 extends Migration {}\n',
  },
  payload: {
    'src/migrations/20240101_000000.ts':
      "import { MigrateUpArgs, sql } from '@payloadcms/db-postgres'\nexport async function up({ db }: MigrateUpArgs) {}\n",
  },
  'js-migrations': { 'migrations/001-users.js': 'module.exports.up = async (db) => {};\n' },
  'js-up-down': {
    'migrations/next-users.ts': 'export default { up: async (pool) => {}, down: async (pool) => {} };\n',
  },
  sql: { 'db/migrations/001_users.sql': 'CREATE TABLE users (id int);\n' },
  'sql-other-database': { 'db/clickhouse/migrations/01_init.sql': 'CREATE TABLE events (id UUID);\n' },
  'sql-data-migrations': {
    'db/postgresql/data-migrations/populate-revenue.sql': 'INSERT INTO revenue SELECT 1;\n',
  },
  pip: { 'requirements.txt': 'requests==2.31.0\n' },
  npm: { 'package.json': DEPS, 'package-lock.json': '{}' },
  pnpm: { 'package.json': DEPS, 'pnpm-lock.yaml': 'lockfileVersion: 9\n' },
  yarn: { 'package.json': DEPS, 'yarn.lock': '# yarn lockfile v1\n' },
  bun: { 'package.json': DEPS, 'bun.lock': '{}' },
  'bun-binary': { 'package.json': DEPS, 'bun.lockb': '' },
  'package-json-unlocked': { 'web/package.json': DEPS },
  bundler: { Gemfile: "gem 'rails'\n", 'Gemfile.lock': 'GEM\n' },
  'go-modules': { 'go.mod': 'module example.com/x\n' },
  cargo: { 'Cargo.lock': 'version = 3\n' },
  composer: { 'composer.lock': '{}' },
  mix: { 'mix.lock': '%{}\n' },
  pipenv: { 'Pipfile.lock': '{}' },
};

describe('the layouts Slipway recognises and does not judge', () => {
  it('every entry of the table has a repository here, and the ids are unique', () => {
    const ids = LAYOUTS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(EVERY_LAYOUT).sort()).toEqual([...ids].sort());
  });

  for (const [id, files] of Object.entries(EVERY_LAYOUT))
    it(`recognises ${id}, and nothing else, in its smallest repository`, () => {
      expect(Object.keys(seen(files))).toEqual([id]);
    });

  it('a layout configured and judged is not listed: Alembic, SQL, Prisma, pip', () => {
    const files = {
      ...EVERY_LAYOUT.alembic,
      ...EVERY_LAYOUT.sql,
      ...EVERY_LAYOUT.prisma,
      ...EVERY_LAYOUT.pip,
      ...EVERY_LAYOUT.django,
    };
    const policy =
      'migrations:\n  alembic: migrations/versions\n  sql: ["db/migrations/**/*.sql", "prisma/migrations/**/*.sql"]\n' +
      'dependencies:\n  requirements: requirements.txt\n  lock: requirements.txt\n';
    expect(seen(files, policy)).toEqual({ django: 1 });
    // Near miss: the same repository without the keys lists every one of them.
    expect(seen(files)).toEqual({ alembic: 1, django: 1, prisma: 1, sql: 1, pip: 1 });
  });

  it('TypeORM migrations in a folder per database are seen; judged once the PostgreSQL one is named', () => {
    const migration = 'import { MigrationInterface, QueryRunner } from "typeorm";\n';
    const files = {
      'src/database/migrations/postgres/1700000000000-Init.ts': migration,
      'src/database/migrations/mysql/1700000000000-Init.ts': migration,
    };
    expect(seen(files)).toEqual({ typeorm: 2 });
    expect(seen(files, 'migrations:\n  typeorm: src/database/migrations/postgres\n')).toEqual({ typeorm: 1 });
    // Near miss: two levels below a migrations folder is not a migration by its place.
    expect(seen({ 'src/migrations/helpers/deep/util.ts': migration })).toEqual({});
  });

  it('Knex migrations in a folder named knex_migrations are seen; judged once the folder is named', () => {
    // louislam/uptime-kuma's db/knex_migrations/, run by knex.migrate.latest({ directory }) with no knexfile.
    const migration = 'exports.up = function (knex) { return knex.schema.dropTable("monitor"); };\n';
    const files = {
      'db/knex_migrations/2023-08-16-0000-create-uptime.js': migration,
      'db/knex_migrations/2023-10-16-0000-create-remote-browsers.js': migration,
    };
    expect(seen(files)).toEqual({ knex: 2 });
    expect(seen(files, 'migrations:\n  knex: db/knex_migrations\n')).toEqual({});
    // Near misses: a name that only starts with migrations, installed packages, a test beside them.
    expect(
      seen({
        'db/migrations-archive/2020-old.js': migration,
        'node_modules/pkg/knex_migrations/2020-old.js': migration,
        'db/knex_migrations/create-uptime.test.js': migration,
      }),
    ).toEqual({});
  });

  it("MikroORM's Migration<timestamp>.ts files are named as MikroORM's, not left unseen for their name nor taken as Knex's", () => {
    // medusajs/medusa: a `src/migrations/` per module, MikroORM's default file name (no leading
    // digit), imported from @mikro-orm/migrations or re-exported by @medusajs/framework.
    const mikro = (from: string, body: string) =>
      `import { Migration } from "${from}"\n\nexport class Migration20240524123112 extends Migration {\n  async up(): Promise<void> {\n    ${body}\n  }\n}\n`;
    expect(
      seen({
        'packages/modules/customer/src/migrations/Migration20240524123112.ts': mikro(
          '@mikro-orm/migrations',
          `this.addSql('drop table if exists "customer_address" cascade;')`,
        ),
        'packages/modules/payment/src/migrations/Migration20251010130829.ts': mikro(
          '@medusajs/framework/mikro-orm/migrations',
          `this.addSql('DROP INDEX IF EXISTS "IDX_payment_provider_id";')`,
        ),
        // Imported under another name, known by its class and addSql; the knex it uses does not make it Knex's.
        'apps/api/src/migrations/Migration20240601000000.ts': mikro(
          '../lib/migration',
          'const knex = this.getKnex();\n    this.addSql(knex.schema.dropTable("order").toQuery())',
        ),
      }),
    ).toEqual({ 'mikro-orm': 3 });
    // Near misses: a class named Migration... that is no MikroORM migration, a .d.ts beside them.
    expect(
      seen({
        'src/migrations/MigrationPlan.ts': 'export class MigrationPlan { steps: string[] = [] }\n',
        'src/migrations/Migration20240524123112.d.ts': mikro('@mikro-orm/migrations', ''),
      }),
    ).toEqual({});
  });

  it("SQL migrations in a folder named for another database are told apart: init leaves them out, so its advice is not init's", () => {
    // umami-software/umami: Prisma's PostgreSQL series and db/clickhouse/migrations/*.sql.
    const files = {
      'db/clickhouse/migrations/01_init.sql': 'CREATE TABLE website_event (id UUID) ENGINE = MergeTree;\n',
      'db/clickhouse/migrations/02_add.sql': 'ALTER TABLE website_event ADD COLUMN x String;\n',
      'db/postgresql/migrations/01_init.sql': 'CREATE TABLE users (id int);\n',
    };
    expect(seen(files)).toEqual({ 'sql-other-database': 2, sql: 1 });
    const repo = new MemoryRepo(files);
    const other = unjudgedLayouts(repo, judgedPaths(repo, policyOf(''))).find(
      (l) => l.entry.id === 'sql-other-database',
    );
    expect(other?.entry.advice).toContain('`slipway init` leaves these out');
    // Named under migrations.sql, they are judged like any SQL (the team said they run on its database).
    expect(seen(files, 'migrations:\n  sql: ["db/clickhouse/migrations/*.sql"]\n')).toEqual({ sql: 1 });
  });

  it("Payload's migrations are named as Payload's, by their database adapter or its argument type", () => {
    // payloadcms/payload's templates: `src/migrations/<date>_<time>.ts`, SQL through Drizzle's
    // `sql` tag, an index.ts listing them; @payloadcms/db-sqlite and -mongodb write the same shape.
    expect(
      seen({
        'src/migrations/20250129_033136.ts':
          'import { MigrateUpArgs, MigrateDownArgs, sql } from \'@payloadcms/db-postgres\'\n\nexport async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {\n  await db.execute(sql`DROP TABLE "users";`)\n}\n',
        'apps/cms/src/migrations/20250201_000000_seed.ts':
          "import type { MigrateUpArgs } from '@payloadcms/db-mongodb'\n\nexport async function up({ payload }: MigrateUpArgs): Promise<void> {}\n",
        'src/migrations/index.ts':
          "import * as m1 from './20250129_033136';\nexport const migrations = [{ up: m1.up, name: '20250129_033136' }];\n",
      }),
    ).toEqual({ payload: 2 });
    // Near miss: a numbered migration that names no Payload adapter stays a tool Slipway does not know.
    expect(
      seen({ 'src/migrations/20250129_033136.ts': 'export async function up(db: unknown) {}\n' }),
    ).toEqual({ 'js-migrations': 1 });
  });

  it("Kysely's Migration as an exported object is Kysely's (colanode/colanode)", () => {
    expect(
      seen({
        'apps/server/src/data/migrations/00001-create-accounts-table.ts':
          "import { Migration } from 'kysely';\n\nexport const createAccountsTable: Migration = {\n  up: async (db) => {},\n  down: async (db) => {},\n};\n",
      }),
    ).toEqual({ kysely: 1 });
  });

  it('a bun.lock named under `dependencies` is judged, not listed; a bun.lockb in another folder still is', () => {
    const files = {
      'web/package.json': DEPS,
      'web/bun.lock': '{}',
      'old/package.json': DEPS,
      'old/bun.lockb': '',
    };
    const policy = 'dependencies:\n  requirements: web/package.json\n  lock: web/bun.lock\n';
    expect(seen(files, policy)).toEqual({ 'bun-binary': 1 });
    expect(seen(files)).toEqual({ bun: 1, 'bun-binary': 1 });
  });

  it('a migrations/ folder of Alembic revisions (Flask-Migrate) is not Django, nor is its env.py', () => {
    const files = {
      'migrations/env.py': 'from alembic import context\n',
      'migrations/versions/0001_init.py': ALEMBIC,
    };
    expect(seen(files, 'migrations:\n  alembic: migrations/versions\n')).toEqual({});
    expect(seen(files)).toEqual({ alembic: 1 });
  });

  it('a Python package named migrate is not Rails, a CHANGELOG is not Liquibase', () => {
    expect(
      seen({
        'db/migrate/__init__.py': '',
        'db/migrate/runner.py': 'import os\n',
        'CHANGELOG.md': '# databaseChangeLog\n',
        'docs/changelog.yaml': 'releases: []\n',
        'internal/migrations/helpers.go': 'package migrations\n',
        'src/migrations/index.d.ts': 'export {};\n',
      }),
    ).toEqual({});
  });

  it('a package.json with no lock and no dependencies is no layout; a workspace member under a root lock is the lock', () => {
    expect(seen({ 'package.json': '{ "name": "x", "scripts": { "test": "vitest" } }' })).toEqual({});
    const workspace = { 'pnpm-lock.yaml': '', 'package.json': DEPS, 'packages/a/package.json': DEPS };
    expect(seen({ ...workspace, 'pnpm-workspace.yaml': "packages: ['packages/*']\n" })).toEqual({ pnpm: 1 });
    // A lock above covers only its workspace's members: without pnpm-workspace.yaml naming it, no lock does.
    expect(seen(workspace)).toEqual({ pnpm: 1, 'package-json-unlocked': 1 });
    // Installed packages are not the project's.
    expect(seen({ 'node_modules/x/package.json': DEPS, 'node_modules/x/yarn.lock': '' })).toEqual({});
  });

  it('a Django migration too large to read to tell is still listed, as seen and not read', () => {
    const huge = `# ${'x'.repeat(LIMITS.coverageSniff.chars)}\n${DJANGO}`;
    expect(seen({ 'shop/migrations/0002_huge.py': huge, 'shop/migrations/0001_initial.py': DJANGO })).toEqual(
      {
        django: '1+1 unread',
      },
    );
    // Near miss: just under the limit, it is read and is Django.
    const under = `# ${'x'.repeat(LIMITS.coverageSniff.chars - DJANGO.length - 4)}\n${DJANGO}`;
    expect(seen({ 'shop/migrations/0002_big.py': under })).toEqual({ django: 1 });
  });

  it('a file the host refuses to read (a link out of the repository) is listed with the reason', () => {
    const repo: RepoView = {
      listFiles: () => ['shop/migrations/0001_initial.py'],
      readFile: () => undefined,
      whyUnread: () => 'shop/migrations/0001_initial.py is a symbolic link leading outside the repository',
    };
    const [layout] = unjudgedLayouts(repo, judgedPaths(repo, policyOf()));
    expect(layout?.entry.id).toBe('django');
    expect(layout?.unread[0]?.why).toContain('symbolic link');
  });

  it('a Django migration with the comment before its import is still Django (the whole text is read)', () => {
    const padded = `${'# license\n'.repeat(20_000)}${DJANGO}`;
    expect(seen({ 'shop/migrations/0003_late.py': padded })).toEqual({ django: 1 });
  });
});
