/**
 * The database access the audit and the stamp need, and nothing more. Implementations live in
 * the CLI (`packages/cli/src/db/`: PGlite and `pg`), so that policy-core does not depend on
 * either driver.
 */
export interface DbQueryable {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface DbClient extends DbQueryable {
  /** The connection URL with its password replaced by `***` (safe to print). */
  readonly url: string;
  /** Runs `fn` inside BEGIN … COMMIT; any error rolls everything back and is rethrown. */
  transaction<T>(fn: (tx: DbQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Quotes an SQL identifier (schema or table name) the way PostgreSQL's quote_ident does. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
