import { type DbTarget, libpqUrl, urlDatabase } from '../../index.js';
import type { DbClient } from './db-client.js';
import { describeDbError } from './db-error.js';
import { openPg } from './pg-client.js';
import { redactUrl } from './redact-url.js';

/** Opening failed; `message` is one password-free line with host, port and reason. */
export class DbOpenError extends Error {
  override readonly name = 'DbOpenError';
}

export interface OpenDbOptions {
  /** Where a relative `pglite://./dir` points from (the repository root). */
  cwd: string;
  connectTimeoutMs?: number;
  /**
   * Opens a `pglite://` (embedded PostgreSQL) URL. The CLI passes one; the editor's bundled
   * server does not (PGlite alone is larger than the whole extension) and refuses such URLs
   * with the command that can open them.
   */
  openEmbedded?: (url: string, cwd: string) => Promise<DbClient>;
}

const SCHEMES = ['postgres://', 'postgresql://', 'pglite://'];

/**
 * Opens `postgres(ql)://…` (SQLAlchemy's `postgresql+driver://` too) through `pg`, or `pglite://…`
 * through the host's `openEmbedded`. Another database's URL (`mysql+pymysql://`, `sqlite:///`)
 * is refused as that database, in one line that says where the URL came from.
 */
export async function openDb(target: DbTarget, options: OpenDbOptions): Promise<DbClient> {
  const redacted = redactUrl(target.url);
  const named = urlDatabase(target.url);
  if (named !== undefined && named.name !== 'PostgreSQL')
    throw new DbOpenError(
      `${target.name}: the audit reads PostgreSQL only; this database is ${named.name} (from ${target.source}: ${redacted})`,
    );
  const url = libpqUrl(target.url);
  if (!SCHEMES.some((s) => url.startsWith(s))) {
    throw new DbOpenError(
      `${target.name}: ${target.source} is not a database URL (${redacted}); use postgresql://user@host:port/db or pglite:///path/to/dir`,
    );
  }
  const embedded = url.startsWith('pglite://');
  if (!embedded && !URL.canParse(url)) {
    // pg would say only "Invalid URL"; say which setting holds it and what usually breaks it.
    throw new DbOpenError(
      `${target.name}: ${target.source} is not a valid URL (${redacted}): check that the port is a number and that special characters in the user name and password are percent-encoded`,
    );
  }
  if (embedded && !options.openEmbedded) {
    throw new DbOpenError(
      `${target.name}: ${target.source} is an embedded database (${redacted}), which this program cannot open (the editor's language server carries no PGlite): run \`slipway db stamp-baseline\` or \`slipway db audit\` from the command line, or use \`slipway lsp\` as the language server`,
    );
  }
  try {
    if (embedded && options.openEmbedded) return await options.openEmbedded(url, options.cwd);
    return await openPg(url, redacted, { connectTimeoutMs: options.connectTimeoutMs ?? 10_000 });
  } catch (err) {
    throw new DbOpenError(describeDbError(err, target.name, target.url));
  }
}
