import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { FreshClusters, type OpenTraceDb } from '@slipway/policy-core/node';
import { loadPglite } from '../db/load-pglite.js';

let clusters: FreshClusters | undefined;

/**
 * A fresh in-memory PGlite for one trace, loaded only now (`slipway check` never loads it), from
 * a snapshot of a fresh cluster once there is one (FreshClusters), with the contrib extensions
 * the migrations create (each a small bundle of PGlite's, loaded only when named).
 */
export const openTraceDb: OpenTraceDb = async (names = []) => {
  const { PGlite } = await loadPglite('slipway trace');
  clusters ??= new FreshClusters(process.env, pgliteDist());
  const extensions: Record<string, unknown> = {};
  for (const name of names) {
    // PGlite's module and export for `CREATE EXTENSION "uuid-ossp"` are `uuid_ossp`.
    const id = name.replace(/-/g, '_');
    if (!/^[a-z_]+$/.test(id)) continue;
    try {
      const mod = (await import(`@electric-sql/pglite/contrib/${id}`)) as Record<string, unknown>;
      if (mod[id] !== undefined) extensions[id] = mod[id];
    } catch {
      // Not in this PGlite: its CREATE EXTENSION fails, and the trace says so.
    }
  }
  return clusters.create(PGlite, extensions);
};

/** Where PGlite's WASM and data files are, as this install resolves it. */
function pgliteDist(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  } catch {
    return undefined;
  }
}
