import type * as PgliteModule from '@electric-sql/pglite';
import { UserError } from '../command.js';
import { moduleNotFound } from '../module-not-found.js';

/**
 * PGlite, the embedded PostgreSQL (WASM) that `pglite://` databases, the demo and `slipway trace`
 * run on. It is an optional dependency of the published CLI (about 25 MB): an install without it
 * (`npm install --omit=optional`) checks and deploys as usual, and says here what to add.
 */
export async function loadPglite(what: string): Promise<typeof PgliteModule> {
  try {
    return await import('@electric-sql/pglite');
  } catch (err) {
    if (!moduleNotFound(err)) throw err;
    throw new UserError(
      `${what} needs the embedded PostgreSQL, @electric-sql/pglite, an optional dependency this install left out; install it beside slipway (npm install -g @electric-sql/pglite)`,
      2,
    );
  }
}
