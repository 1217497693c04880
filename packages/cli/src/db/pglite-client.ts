import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DbClient, DbQueryable } from '@slipway/policy-core/node';
import { loadPglite } from './load-pglite.js';

/** Where a `pglite://` URL points: `pglite://memory` or `pglite:///abs/dir`, `pglite://./rel/dir`. */
export function pgliteLocation(url: string, cwd: string): { memory: true } | { memory: false; dir: string } {
  const rest = url.slice('pglite://'.length);
  if (rest === 'memory' || rest === 'memory/' || rest === '') return { memory: true };
  return { memory: false, dir: resolve(cwd, decodeURIComponent(rest)) };
}

interface PGliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  transaction<T>(
    fn: (tx: { query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }> }) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
}

/**
 * An embedded PostgreSQL (WASM) database: the demo's and the fast tests' database. Opening a
 * directory that holds no database is refused rather than silently creating an empty one, so a
 * mistyped path cannot audit (or stamp) the wrong thing.
 */
export async function openPglite(url: string, cwd: string): Promise<DbClient> {
  const where = pgliteLocation(url, cwd);
  if (!where.memory && !existsSync(resolve(where.dir, 'PG_VERSION'))) {
    throw new Error(`no PGlite database in ${where.dir} (PG_VERSION missing)`);
  }
  // Loaded on demand: the WASM module costs seconds to start and pg-only runs never need it.
  const { PGlite } = await loadPglite(`the database ${url}`);
  try {
    const db = (await PGlite.create(where.memory ? undefined : where.dir)) as unknown as PGliteLike;
    return pgliteClient(db, url);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot open the PGlite database in ${where.memory ? 'memory' : where.dir}: ${reason}`);
  }
}

/** Wraps an already open PGlite instance (tests share one across cases). */
export function pgliteClient(db: PGliteLike, url: string, owned = true): DbClient {
  const wrap = (q: PGliteLike | Parameters<Parameters<PGliteLike['transaction']>[0]>[0]): DbQueryable => ({
    query: async <T>(sql: string, params?: unknown[]) => (await q.query<T>(sql, params)).rows,
  });
  return {
    url,
    query: wrap(db).query,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => (owned ? db.close() : Promise.resolve()),
  };
}
