import type { OpenTraceDb } from '@slipway/policy-core/node';
import { loadPglite } from '../db/load-pglite.js';
import { FreshClusters } from './fresh-cluster.js';

const clusters = new FreshClusters(process.env);

/** A fresh in-memory PGlite for one trace, loaded only now (`slipway check` never loads it). */
export const openTraceDb: OpenTraceDb = async () => {
  const { PGlite } = await loadPglite('slipway trace');
  return clusters.create(PGlite);
};
