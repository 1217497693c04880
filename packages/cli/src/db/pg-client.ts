import type { DbClient, DbQueryable } from '@slipway/policy-core/node';

export interface PgOptions {
  /** Connection timeout in milliseconds (an unreachable host fails after this). */
  connectTimeoutMs: number;
}

/** A real PostgreSQL server through `pg`: one connection, used for one audit or one stamp. */
export async function openPg(url: string, redacted: string, options: PgOptions): Promise<DbClient> {
  // Loaded here, not at start-up: importing pg touches Node's lazily loaded fetch machinery
  // (30–40 ms), and most commands that can reach a database (guard, promote) do not have one.
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs,
    application_name: 'slipway',
    // Statements here are catalogue reads and a one-row insert; a lock held elsewhere must not hang us.
    statement_timeout: 30_000,
  });
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
