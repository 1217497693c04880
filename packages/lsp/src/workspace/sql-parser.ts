import { initMigrationParsers } from '@slipway/policy-core';

let ready: Promise<void> | undefined;

/**
 * Loads the parsers the migration rules need (PostgreSQL's, WASM, and Python's) once. Every
 * check waits for them; a failure is logged, not fatal.
 */
export function sqlParserReady(log: (line: string) => void): Promise<void> {
  ready ??= initMigrationParsers().catch((err: Error) =>
    log(`the migration parsers did not load (${err.message}); migrations are not checked`),
  );
  return ready;
}
