import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FreshClusters, type OpenTraceDb, type PgliteClass } from '@slipway/policy-core/node';

const CLI_PACKAGE = fileURLToPath(new URL('../../packages/cli/', import.meta.url));

/** What the database looks like empty: schemas, roles, extensions, relations in `public`. */
const FINGERPRINT = `SELECT
  (SELECT string_agg(nspname::text, ',' ORDER BY nspname) FROM pg_namespace) AS schemas,
  (SELECT string_agg(rolname::text, ',' ORDER BY rolname) FROM pg_roles) AS roles,
  (SELECT string_agg(extname::text, ',' ORDER BY extname) FROM pg_extension) AS extensions,
  (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public') AS relations`;

/** Every schema a migration may have made, `public` included, then an empty `public`. */
const EMPTY_AGAIN = `DO $$ DECLARE s text; BEGIN
  FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema')
    AND nspname NOT LIKE 'pg_toast%' AND nspname NOT LIKE 'pg_temp%'
  LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END $$;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC`;

/**
 * Empty in-memory databases for traces in this process, on the CLI's own PGlite (its optional
 * dependency, where `slipway lsp` and `slipway trace` find it): one PGlite, started once, lent to
 * one trace at a time and emptied when the trace closes it. Starting PGlite takes about a second
 * on a quiet machine (several, and 3 s of CPU, on a busy one), and `slipway lsp` and `slipway
 * trace` start one per trace; emptying takes milliseconds. For the language server's in-process
 * tests (its host's openTraceDb) and the CLI's in-process `trace` runs (CommandContext.openTraceDb).
 * Emptied means as started: session state discarded, every schema a migration made dropped, and
 * then the same schemas, roles, extensions and no relations as when it started, or the next
 * trace fails with what was left. `close` ends the database itself.
 */
export async function emptyTraceDbs(): Promise<{ openTraceDb: OpenTraceDb; close(): Promise<void> }> {
  const entry = realpathSync(
    join(CLI_PACKAGE, 'node_modules', '@electric-sql', 'pglite', 'dist', 'index.js'),
  );
  const { PGlite } = (await import(pathToFileURL(entry).href)) as { PGlite: PgliteClass };
  // As `slipway lsp` starts its clusters: from the snapshot of a fresh one, once there is one.
  const db = await new FreshClusters(process.env, dirname(entry)).create(PGlite);
  const fingerprint = async () => JSON.stringify((await db.query(FINGERPRINT)).rows);
  const empty = await fingerprint();
  let lent = false;
  let left: string | undefined;
  const openTraceDb: OpenTraceDb = async () => {
    if (lent) throw new Error('the shared trace database is lent to another trace');
    if (left !== undefined) throw new Error(`the last trace left the database not empty: ${left}`);
    lent = true;
    return {
      exec: (sql, options) => db.exec(sql, options),
      query: <T>(sql: string) => db.query<T>(sql),
      close: async () => {
        await db.exec('ROLLBACK').catch(() => {});
        await db.exec('DISCARD ALL');
        await db.exec(EMPTY_AGAIN);
        const now = await fingerprint();
        if (now !== empty) left = `${now}, not ${empty}`;
        lent = false;
      },
    };
  };
  return { openTraceDb, close: () => db.close() };
}
