/**
 * The database a connection URL names, by its scheme: libpq's `postgresql://`, SQLAlchemy's
 * `dialect+driver://` (`mysql+pymysql://`, `postgresql+psycopg://`, `sqlite:///`), 12-factor
 * `DATABASE_URL`s. One table for every reader of a URL (the audit's opener, the guard's database
 * step, init's dialect detection), so a MySQL URL is called MySQL everywhere, never "not a
 * database URL".
 */

/** SQLAlchemy's dialect names (and the usual aliases), each with the database it names. */
const DATABASES: Readonly<Record<string, string>> = {
  postgresql: 'PostgreSQL',
  postgres: 'PostgreSQL',
  mysql: 'MySQL',
  mariadb: 'MariaDB',
  sqlite: 'SQLite',
  mssql: 'SQL Server',
  sqlserver: 'SQL Server',
  oracle: 'Oracle',
  cockroachdb: 'CockroachDB',
  redshift: 'Amazon Redshift',
  snowflake: 'Snowflake',
  db2: 'IBM Db2',
  ibm_db_sa: 'IBM Db2',
  firebird: 'Firebird',
  sybase: 'Sybase',
};

/** `dialect` or `dialect+driver`, then `:`; the driver is a Python module name. */
const SCHEME = /^([A-Za-z][A-Za-z0-9_]*)(?:\+([A-Za-z0-9_]+))?:/;

export interface UrlDatabase {
  /** The database's name as people say it: `PostgreSQL`, `MySQL`, `SQL Server`. */
  name: string;
  /** SQLAlchemy's driver part (`psycopg` in `postgresql+psycopg://`), when the URL has one. */
  driver?: string;
}

/** The database `url` names, or undefined when its scheme names none Slipway knows. */
export function urlDatabase(url: string): UrlDatabase | undefined {
  const m = SCHEME.exec(url.trim());
  const name = m ? DATABASES[(m[1] ?? '').toLowerCase()] : undefined;
  if (!m || name === undefined) return undefined;
  return m[2] ? { name, driver: m[2] } : { name };
}

/**
 * A PostgreSQL URL as libpq and node-postgres read it: SQLAlchemy's `+driver` dropped
 * (`postgresql+psycopg://u@h/db` → `postgresql://u@h/db`); anything else unchanged.
 */
export function libpqUrl(url: string): string {
  const db = urlDatabase(url);
  if (db?.name !== 'PostgreSQL' || db.driver === undefined) return url;
  return url.trim().replace(SCHEME, 'postgresql:');
}

/** A scheme anywhere in a text (settings, env files): the capture is what urlDatabase reads. */
export const URL_IN_TEXT = /\b([A-Za-z][A-Za-z0-9_]*(?:\+[A-Za-z0-9_]+)?:\/\/)/g;
