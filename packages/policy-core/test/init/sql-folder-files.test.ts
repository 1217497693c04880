import { beforeAll, describe, expect, it } from 'vitest';
import { initMigrationParsers, MemoryRepo, runCheck } from '../../src/index.js';
import { detectIn as detected, initPolicy } from './init-harness.js';

beforeAll(() => initMigrationParsers());

describe('init proposes SQL migrations only, never the scripts beside them', () => {
  it('an admin folder of create/drop/reset scripts is not migrations, and says why', () => {
    const files = {
      'admin/sql/create_db.sql': 'CREATE DATABASE app;\n',
      'admin/sql/drop_db.sql': 'DROP DATABASE app;\n',
      'admin/sql/reset_tables.sql': 'DROP TABLE users;\nCREATE TABLE users (id int);\n',
      'admin/sql/statistics.sql': 'SELECT count(*) FROM users;\n',
    };
    const found = detected(files);
    expect(found.sql).toEqual([]);
    expect(found.decisions).toContain(
      'admin/sql/: admin scripts; not checked as migrations (add it to migrations.sql by hand if it is)',
    );
  });

  it("an admin folder's one subfolder of dated files is its migrations; the scripts beside it are not", () => {
    const files = {
      'admin/sql/create_db.sql': 'CREATE DATABASE app;\n',
      'admin/sql/drop_db.sql': 'DROP DATABASE app;\n',
      'admin/sql/create_tables.sql': 'CREATE TABLE users (id int);\n',
      'admin/sql/updates/2021-03-01-remove-follow-list.sql': 'DROP TABLE IF EXISTS follow_list;\n',
      'admin/sql/updates/2022-06-01-add-index.sql': 'CREATE INDEX u_i ON users (id);\n',
    };
    const found = detected(files);
    expect(found.sql).toEqual(['admin/sql/updates/**/*.sql']);
    expect(found.decisions).toContain(
      'admin/sql/: admin scripts (3 .sql files run by hand), not migrations; admin/sql/updates/ holds its dated schema updates',
    );
  });

  it('near miss: an admin folder with two dated subfolders, or one undated file among them, stays scripts', () => {
    const base = { 'admin/sql/drop_db.sql': 'DROP DATABASE app;\n' };
    const two = detected({
      ...base,
      'admin/sql/updates/2021-03-01-a.sql': 'SELECT 1;\n',
      'admin/sql/updates/2021-03-02-b.sql': 'SELECT 1;\n',
      'admin/sql/timescale/2021-03-01-a.sql': 'SELECT 1;\n',
      'admin/sql/timescale/2021-03-02-b.sql': 'SELECT 1;\n',
    });
    expect(two.sql).toEqual([]);
    const undated = detected({
      ...base,
      'admin/sql/updates/2021-03-01-a.sql': 'SELECT 1;\n',
      'admin/sql/updates/2021-03-02-b.sql': 'SELECT 1;\n',
      'admin/sql/updates/cleanup.sql': 'DELETE FROM t;\n',
    });
    expect(undated.sql).toEqual([]);
  });

  it('numbered migrations keep their folder; seed data, reset scripts and container init are left out by ! patterns', () => {
    const files = {
      'db/migrations/001_users.sql': 'CREATE TABLE users (id int);\n',
      'db/migrations/002_orders.sql': 'CREATE TABLE orders (id int);\n',
      'db/migrations/reset_tables.sql': 'DROP TABLE orders;\nDROP TABLE users;\n',
      'db/migrations/seeds/users.sql': 'INSERT INTO users VALUES (1);\n',
      'db/migrations/seeds/orders.sql': 'INSERT INTO orders VALUES (1);\n',
    };
    const found = detected(files);
    expect(found.sql).toEqual([
      'db/migrations/**/*.sql',
      '!db/migrations/reset_tables.sql',
      '!db/migrations/seeds/',
    ]);
    expect(found.appliedThrough).toEqual(['db/migrations/002_orders.sql']);
    expect(found.decisions).toContain(
      'db/migrations/: 3 .sql files beside the migrations are not migrations (setup or reset script, seed data: reset_tables.sql, seeds/orders.sql, seeds/users.sql); left out with ! patterns',
    );
    // The policy init writes reads none of the scripts: the tree is clean, a new DROP is caught.
    const { text, policy } = initPolicy(found);
    const repo = (extra: Record<string, string>) =>
      new MemoryRepo({ ...files, ...extra, 'slipway.yaml': text });
    expect(runCheck({ policy, repo: repo({}), only: ['MIG'] }).findings).toEqual([]);
    const next = runCheck({
      policy,
      repo: repo({ 'db/migrations/003_drop.sql': 'DROP TABLE orders;\n' }),
      only: ['MIG'],
    });
    expect(next.findings.map((f) => `${f.rule} ${f.file}`)).toEqual([
      'MIG001 db/migrations/003_drop.sql',
      'MIG037 db/migrations/003_drop.sql',
    ]);
  });

  it('a weak folder name (sql/) needs files named as a runner names migrations', () => {
    const queries = {
      'app/sql/report.sql': 'SELECT 1;\n',
      'app/sql/schema.sql': 'CREATE TABLE t (id int);\n',
    };
    expect(detected(queries).sql).toEqual([]);
    const numbered = { 'app/sql/20240101120000_t.sql': 'CREATE TABLE t (id int);\n' };
    expect(detected(numbered).sql).toEqual(['app/sql/**/*.sql']);
  });

  it('near miss: a migrations folder under scripts/ is still migrations, and so is create_users.sql', () => {
    const files = {
      'scripts/db/migrations/create_users.sql': 'CREATE TABLE users (id int);\n',
      'scripts/db/migrations/add_email.sql': 'ALTER TABLE users ADD COLUMN email text;\n',
    };
    expect(detected(files).sql).toEqual(['scripts/db/migrations/**/*.sql']);
  });

  it("a container init folder named migrations is the container's, not production's", () => {
    const files = {
      'docker/docker-entrypoint-initdb.d/migrations/001_init.sql': 'CREATE TABLE t (id int);\n',
    };
    const found = detected(files);
    expect(found.sql).toEqual([]);
    expect(found.decisions[0]).toBe(
      'docker/docker-entrypoint-initdb.d/migrations/: container init scripts; not checked as migrations (add it to migrations.sql by hand if it is)',
    );
  });
});
