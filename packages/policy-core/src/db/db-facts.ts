/**
 * What `slipway db audit` reads from one database: the questions a team's db_audit.sh asked
 * (database, user, search_path, tables, alembic_version), as plain data so that the rules
 * and renderers stay pure and testable without a server.
 */
export interface DbFacts {
  /** Configured name, e.g. "dev" or "prod" (the key under `migrations.databases`). */
  name: string;
  /** Connection URL with the password replaced by `***`. */
  url: string;
  /** `current_database()`. */
  database: string;
  /** `current_user`. */
  user: string;
  /** `current_setting('search_path')`, as the server reports it. */
  searchPath: string;
  /** The schema audited (tables listed, alembic_version looked up): `current_schema()`, where Alembic looks. */
  schema: string;
  /** False when the schema does not exist in the database. */
  schemaExists: boolean;
  /** Base tables in the schema, sorted, the tools' records (`alembic_version`, `django_migrations`) excluded. */
  tables: string[];
  /** The `alembic_version` table: absent, or present with its rows (one per branch head). */
  alembic: AlembicVersionState;
  /**
   * Django's `django_migrations` table in the same schema: absent, or present with one `app.name`
   * per row (every migration applied, of every app); undefined when not read.
   */
  django?: DjangoMigrationsState;
  /**
   * The server's `server_version_num` (e.g. 150018), or why it could not be read (DB007 says so);
   * undefined when not read at all (facts made by hand).
   */
  serverVersion?: ServerVersion;
}

export type ServerVersion = { num: number } | { unreadable: string };

export type AlembicVersionState = { present: false } | { present: true; versions: string[] };
export type DjangoMigrationsState = { present: false } | { present: true; applied: string[] };

/**
 * The major version of a `server_version_num`: 150018 → 15. Before 10 the major version had two
 * parts (9.6 and 9.5 differ as much as 15 and 14 do): 90624 → 9.6.
 */
export function postgresMajor(num: number): number {
  const first = Math.floor(num / 10000);
  return first >= 10 ? first : first + Math.floor((num % 10000) / 100) / 10;
}

/** The diagnosis codes, as teams' audit scripts printed them. */
export type Diagnosis = 'OK' | 'MISMATCH' | 'MISSING';

/** A database that could not be read: one line saying where and why (password-free). */
export interface DbReadFailure {
  name: string;
  url: string;
  error: string;
}

/** The revisions recorded in `alembic_version`, empty when the table is missing or empty. */
export function appliedVersions(facts: DbFacts): string[] {
  return facts.alembic.present ? facts.alembic.versions : [];
}
