import { beforeAll, describe, expect, it } from 'vitest';
import { initMigrationParsers, MemoryRepo, runCheck } from '../../src/index.js';
import { detectIn, initPolicy } from './init-harness.js';

beforeAll(() => initMigrationParsers());

// umami-software/umami's layout: Prisma's series, and beside it `db/postgresql/data-migrations/`,
// one-off UPDATE/INSERT scripts run by hand, each with a PostgreSQL and a MySQL section.
const DATA_SCRIPT =
  '-- PostgreSQL\nUPDATE "website_event" SET gclid = LEFT(gclid, 255);\n\n-- MySQL\nUPDATE `website_event` SET gclid = LEFT(gclid, 255);\n';
const UMAMI: Record<string, string> = {
  'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\n',
  'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
  'prisma/migrations/01_init/migration.sql': 'CREATE TABLE "website_event" ("gclid" VARCHAR(500));\n',
  'db/postgresql/data-migrations/convert-utm-clid-columns.sql': DATA_SCRIPT,
  'db/postgresql/data-migrations/populate-revenue-table.sql': DATA_SCRIPT,
};

describe('a data-migrations folder is named, never silent', () => {
  it('init says it is not checked and why; a check under its policy lists it as not judged (COV001)', () => {
    const found = detectIn(UMAMI);
    expect(found.sql).toEqual(['prisma/migrations/*/migration.sql']);
    expect(found.decisions).toContain(
      'db/postgresql/data-migrations/: no file named as a runner names migrations (a number or timestamp first, up/down pairs) and no runner comments; not checked as migrations (add it to migrations.sql by hand if it is)',
    );
    const { text, policy } = initPolicy(found);
    expect(text).toContain('#   2 SQL data migrations under db/postgresql/data-migrations/');
    const result = runCheck({ policy, repo: new MemoryRepo({ ...UMAMI, 'slipway.yaml': text }) });
    expect((result.scope.coverage?.notJudged ?? []).map((l) => [l.entry.id, l.files.length])).toEqual([
      ['sql-data-migrations', 2],
    ]);
    expect(result.findings.map((f) => `${f.rule} ${f.file}`)).toEqual([
      'COV001 db/postgresql/data-migrations/convert-utm-clid-columns.sql',
    ]);
  });

  it('near miss: a data-migrations folder of numbered files is a series init proposes, and nothing is left unjudged', () => {
    const files = {
      'db/data-migrations/001_backfill.sql': 'UPDATE users SET name = lower(name);\n',
      'db/data-migrations/002_backfill.sql': 'UPDATE users SET email = lower(email);\n',
    };
    const found = detectIn(files);
    expect(found.sql).toEqual(['db/data-migrations/**/*.sql']);
    const { text, policy } = initPolicy(found);
    const result = runCheck({ policy, repo: new MemoryRepo({ ...files, 'slipway.yaml': text }) });
    expect(result.scope.coverage?.notJudged ?? []).toEqual([]);
  });
});
