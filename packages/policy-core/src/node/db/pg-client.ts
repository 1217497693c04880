import type { DbClient, DbQueryable } from './db-client.js';

export interface PgOptions {
  /** Connection timeout in milliseconds (an unreachable host fails after this). */
  connectTimeoutMs: number;
}

/** A real PostgreSQL server through `pg`: one connection, used for one audit or one stamp. */
export async function openPg(url: string, redacted: string, options: PgOptions): Promise<DbClient> {
  // Loaded here, not at start-up: importing pg touches Node's lazily loaded fetch machinery
  // (30–40 ms), and most commands that can reach a database (guard, promote) do not have one.
  const { default: pg } = await import('pg');
  const client = withoutSslModeWarning(
    () =>
      new pg.Client({
        connectionString: url,
        connectionTimeoutMillis: options.connectTimeoutMs,
        application_name: 'slipway',
        // Statements here are catalogue reads and a one-row insert; a lock held elsewhere must not hang us.
        statement_timeout: 30_000,
      }),
  );
  // Without a listener, a connection dropped by the server would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
  const run: DbQueryable = {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
  };
  return {
    url: redacted,
    query: run.query,
    transaction: async (fn) => {
      await client.query('BEGIN');
      try {
        const out = await fn(run);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      }
    },
    close: () => client.end(),
  };
}

/**
 * pg-connection-string announces, through process.emitWarning while the URL is parsed (inside
 * `new Client`), that `sslmode=require` is verified like `verify-full`: nine lines on stderr,
 * where every message here is one line. Slipway only reads, and a certificate that does not
 * verify still fails the connection with its own one-line reason, so that notice is dropped.
 */
function withoutSslModeWarning<T>(fn: () => T): T {
  const original = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (text.startsWith('SECURITY WARNING: The SSL modes')) return;
    (original as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return fn();
  } finally {
    process.emitWarning = original;
  }
}
