import type { DbTarget } from '@slipway/policy-core';
import { type DbClient, describeDbError, redactUrl } from '@slipway/policy-core/node';
import { openPg } from './pg-client.js';
import { openPglite } from './pglite-client.js';

export type { DbTarget };

/** Opening failed; `message` is one password-free line with host, port and reason. */
export class DbOpenError extends Error {
  override readonly name = 'DbOpenError';
}

export interface OpenOptions {
  cwd: string;
  connectTimeoutMs?: number;
}

const SCHEMES = ['postgres://', 'postgresql://', 'pglite://'];

/** Opens `pglite://…` in-process or `postgres(ql)://…` through `pg`. */
export async function openDb(target: DbTarget, options: OpenOptions): Promise<DbClient> {
  const redacted = redactUrl(target.url);
  if (!SCHEMES.some((s) => target.url.startsWith(s))) {
    throw new DbOpenError(
      `${target.name}: ${target.source} is not a database URL (${redacted}); use postgresql://user@host:port/db or pglite:///path/to/dir`,
    );
  }
  if (!target.url.startsWith('pglite://') && !URL.canParse(target.url)) {
    // pg would say only "Invalid URL"; say which setting holds it and what usually breaks it.
    throw new DbOpenError(
      `${target.name}: ${target.source} is not a valid URL (${redacted}): check that the port is a number and that special characters in the user name and password are percent-encoded`,
    );
  }
  try {
    if (target.url.startsWith('pglite://')) return await openPglite(target.url, options.cwd);
    return await openPg(target.url, redacted, { connectTimeoutMs: options.connectTimeoutMs ?? 10_000 });
  } catch (err) {
    throw new DbOpenError(describeDbError(err, target.name, target.url));
  }
}
