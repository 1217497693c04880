import { describe, expect, it } from 'vitest';
import { detectIn, initPolicy } from './init-harness.js';

/**
 * Every name drizzle-kit has written for its database, in a journal (`dialect`) or a
 * drizzle.config (`dialect:`, before 0.21 `driver:`), read as the database it is; the ones Slipway
 * does not read said plainly. Seen on Dokploy (apps/dokploy/drizzle/meta/_journal.json, written by
 * drizzle-kit before 0.21: `"version": "5", "dialect": "pg"`): 187 migrations left unjudged with
 * "Drizzle migrations for pg; not judged (Slipway reads PostgreSQL, ...)".
 */
const MIGRATION = 'CREATE TABLE "users" ("id" serial PRIMARY KEY);\n';

function journalRepo(dialect: string, version = '5'): Record<string, string> {
  return {
    'apps/web/drizzle/meta/_journal.json': JSON.stringify({
      version,
      dialect,
      entries: [{ idx: 0, version, when: 1713262741218, tag: '0000_init', breakpoints: true }],
    }),
    'apps/web/drizzle/0000_init.sql': MIGRATION,
  };
}

function configRepo(config: string): Record<string, string> {
  return {
    'drizzle.config.ts': `import type { Config } from "drizzle-kit";\nexport default {\n${config}\n} satisfies Config;\n`,
    'drizzle/0000_init.sql': MIGRATION,
  };
}

const drizzleLine = (decisions: string[]) => decisions.find((d) => d.includes('Drizzle')) ?? '';

describe("drizzle-kit's names for its database", () => {
  it('a journal drizzle-kit wrote before 0.21 ("pg") is PostgreSQL: one judged series under sql_runner drizzle', () => {
    const found = detectIn(journalRepo('pg'));
    expect(found.sql).toEqual(['apps/web/drizzle/**/*.sql']);
    expect(found.sqlRunner).toBe('drizzle');
    expect(found.dialect?.name).toBe('postgresql');
    expect(drizzleLine(found.decisions)).toContain('1 migration in the order of meta/_journal.json');
    expect(initPolicy(found).policy.policy.migrations?.sql_runner).toBe('drizzle');
  });

  it.each([
    ['postgresql', 'postgresql'],
    ['mysql', 'mysql'],
    ['sqlite', 'sqlite'],
    ['turso', 'sqlite'],
  ])('a journal saying %s is read as %s', (said, dialect) => {
    const found = detectIn(journalRepo(said, '7'));
    expect(found.dialect?.name).toBe(dialect);
    expect(found.sql).toEqual(['apps/web/drizzle/**/*.sql']);
  });

  it.each([
    ['singlestore', 'SingleStore'],
    ['gel', 'Gel'],
    ['mssql', 'SQL Server'],
    ['cockroach', 'CockroachDB'],
    ['duckdb', 'DuckDB'],
  ])('near miss: a journal saying %s is protected and said not judged, by name (%s)', (said, name) => {
    const found = detectIn(journalRepo(said, '7'));
    expect(found.sql).toEqual([]);
    expect(found.protectedPaths).toContain('apps/web/drizzle/');
    const line = drizzleLine(found.decisions);
    expect(line).toContain(
      `not judged (Slipway reads PostgreSQL, MySQL and SQLite migrations, and ${name} (\`${said}\`) is none of them)`,
    );
  });

  it('a name no drizzle-kit writes is said as written, and not judged', () => {
    const line = drizzleLine(detectIn(journalRepo('oracle', '7')).decisions);
    expect(line).toContain('and `oracle` is none of them');
  });

  it('a config from before 0.21 names its database by `driver:` (pg, mysql2, better-sqlite, libsql)', () => {
    expect(
      detectIn(configRepo('  schema: "./src/schema.ts",\n  out: "./drizzle",\n  driver: "pg",')).dialect
        ?.name,
    ).toBe('postgresql');
    expect(detectIn(configRepo('  out: "./drizzle",\n  driver: "mysql2",')).dialect?.name).toBe('mysql');
    expect(detectIn(configRepo('  out: "./drizzle",\n  driver: "better-sqlite",')).dialect?.name).toBe(
      'sqlite',
    );
    expect(detectIn(configRepo('  out: "./drizzle",\n  driver: "libsql",')).dialect?.name).toBe('sqlite');
  });

  it("near miss: a later config's `driver:` (d1-http, with its dialect) does not outvote `dialect:`", () => {
    const found = detectIn(configRepo('  out: "./drizzle",\n  dialect: "sqlite",\n  driver: "d1-http",'));
    expect(found.dialect?.name).toBe('sqlite');
    const pg = detectIn(configRepo('  out: "./drizzle",\n  driver: "pglite",\n  dialect: "postgresql",'));
    expect(pg.dialect?.name).toBe('postgresql');
  });
});
