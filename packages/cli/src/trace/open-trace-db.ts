import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { FreshClusters, type OpenTraceDb } from '@slipway/policy-core/node';
import { loadPglite } from '../db/load-pglite.js';

let clusters: FreshClusters | undefined;

/**
 * A fresh in-memory PGlite for one trace, loaded only now (`slipway check` never loads it), from
 * a snapshot of a fresh cluster once there is one (FreshClusters).
 */
export const openTraceDb: OpenTraceDb = async () => {
  const { PGlite } = await loadPglite('slipway trace');
  clusters ??= new FreshClusters(process.env, pgliteDist());
  return clusters.create(PGlite);
};

/** Where PGlite's WASM and data files are, as this install resolves it. */
function pgliteDist(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  } catch {
    return undefined;
  }
}
