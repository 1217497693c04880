import type { DbTarget } from '@slipway/policy-core';
import { type DbClient, DbOpenError, openDb as openWith } from '@slipway/policy-core/node';
import { openPglite } from './pglite-client.js';

export type { DbTarget };
export { DbOpenError };

export interface OpenOptions {
  cwd: string;
  connectTimeoutMs?: number;
}

/** Opens `pglite://…` in-process (the CLI carries PGlite) or `postgres(ql)://…` through `pg`. */
export function openDb(target: DbTarget, options: OpenOptions): Promise<DbClient> {
  return openWith(target, { ...options, openEmbedded: openPglite });
}
