import type { MigrationModule } from './alembic-module.js';
import { storedOrRead } from './folder-modules.js';
import { alembicModuleKey, moduleFacts } from './module-facts.js';
import { isSqlParserReady } from './sql-parser.js';
import type { SqlResultStore } from './sql-result-store.js';

/**
 * The Alembic version files of the analyzer's trees read into modules, each cached by its text
 * (an edit re-reads one file) and, with a `store` (the CLI's result cache), kept between runs.
 * What was read with PostgreSQL's parser loaded stays right; what was read without it (op.execute's
 * SQL unread) is read again once it loads, and never stored.
 */
export class AlembicModules {
  private readonly cache = new Map<string, { text: string; sqlReady: boolean; value: MigrationModule }>();

  constructor(private readonly store?: SqlResultStore) {}

  /** Facts of one Python migration file; a binary one is a syntax error. */
  module(path: string, text: string): MigrationModule {
    const ready = isSqlParserReady();
    const hit = this.cache.get(path);
    if (hit && hit.text === text && (hit.sqlReady || !ready)) return hit.value;
    const { value, stored } = storedOrRead(this.store, alembicModuleKey(path), text, ready, () =>
      moduleFacts(path, text),
    );
    this.cache.set(path, { text, sqlReady: ready || stored, value });
    return value;
  }

  /** A file's facts read elsewhere (on a worker thread, with both parsers loaded). */
  preload(path: string, text: string, value: MigrationModule): void {
    this.cache.set(path, { text, sqlReady: true, value });
  }

  /** Forget files that are gone. */
  keep(seen: ReadonlySet<string>): void {
    for (const k of this.cache.keys()) if (!seen.has(k)) this.cache.delete(k);
  }
}
