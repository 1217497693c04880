import type { MigrationDialect } from '../policy/schema/migrations.js';

/**
 * The names Prisma and drizzle-kit give a database in their own files, and which of them Slipway
 * reads. Every spelling each tool has written is here, so a name missing from this table is one
 * no version of either tool writes:
 *
 * - drizzle-kit's `dialect` (drizzle.config.*, meta/_journal.json): `postgresql`, `mysql`,
 *   `sqlite`, `turso` (libSQL, SQLite's dialect), `singlestore`, `gel`, `mssql`, `cockroach`,
 *   `duckdb` (drizzle-kit/src/schemaValidator.ts `dialects`, the 1.0 beta's included). Before
 *   0.21 its journals and snapshots said `pg` (snapshot version 5 and earlier:
 *   serializer/pgSchema.ts `dialect: literal('pg')`; Dokploy's journal still does), and configs
 *   had no `dialect`, only `driver`: `pg`, `mysql2`, `better-sqlite`, `libsql`, `turso`
 *   (cli/validations/outputs.ts of that era; orm.drizzle.team/docs/upgrade-21).
 * - Prisma's `provider`: `postgresql` (or `postgres`), `mysql`, `sqlite`, `sqlserver`,
 *   `cockroachdb`, `mongodb`.
 */
const READ: Record<string, MigrationDialect> = {
  postgresql: 'postgresql',
  postgres: 'postgresql',
  pg: 'postgresql',
  mysql: 'mysql',
  sqlite: 'sqlite',
  turso: 'sqlite',
};

/** Pre-0.21 drizzle.config `driver:` values, for a config with no `dialect:`. */
const LEGACY_DRIVERS: Record<string, MigrationDialect> = {
  pg: 'postgresql',
  mysql2: 'mysql',
  'better-sqlite': 'sqlite',
  libsql: 'sqlite',
  turso: 'sqlite',
};

/**
 * The databases the tools name that Slipway does not read, by their own names. CockroachDB and
 * SingleStore speak PostgreSQL's and MySQL's protocols but change schemas their own way (each
 * its own online schema changes), so PostgreSQL's and MySQL's lock rules would not describe them.
 */
const NOT_READ: Record<string, string> = {
  singlestore: 'SingleStore',
  gel: 'Gel',
  mssql: 'SQL Server',
  sqlserver: 'SQL Server',
  cockroach: 'CockroachDB',
  cockroachdb: 'CockroachDB',
  duckdb: 'DuckDB',
  mongodb: 'MongoDB',
};

export interface ToolDatabase {
  /** The dialect Slipway reads it as; absent: a database Slipway does not read. */
  dialect?: MigrationDialect;
  /** The tool's own word for it (`pg`, `postgresql`, `mssql`). */
  name: string;
}

/** A tool's name for its database, read. */
export function toolDatabase(name: string): ToolDatabase {
  const dialect = READ[name.toLowerCase()];
  return dialect ? { dialect, name } : { name };
}

/** A pre-0.21 drizzle.config's `driver:`, when it names a database (later drivers do not). */
export function legacyDriverDatabase(driver: string): ToolDatabase | undefined {
  const dialect = LEGACY_DRIVERS[driver.toLowerCase()];
  return dialect ? { dialect, name: driver } : undefined;
}

/** What init says of a database Slipway does not read: its name, and that it is none of the three. */
export function notReadReason(name: string): string {
  const known = NOT_READ[name.toLowerCase()];
  const which = known ? `${known} (\`${name}\`)` : `\`${name}\``;
  return `Slipway reads PostgreSQL, MySQL and SQLite migrations, and ${which} is none of them`;
}
