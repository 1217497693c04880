import { initSqlParser } from '@slipway/policy-core';

let ready: Promise<void> | undefined;

/**
 * Loads the WASM PostgreSQL parser once. Rules parse SQL synchronously and report SQL as unread
 * while it is not loaded, so every check waits for it; a failure is logged, not fatal.
 */
export function sqlParserReady(log: (line: string) => void): Promise<void> {
  ready ??= initSqlParser().catch((err: Error) =>
    log(`the SQL parser did not load (${err.message}); SQL is not checked`),
  );
  return ready;
}
