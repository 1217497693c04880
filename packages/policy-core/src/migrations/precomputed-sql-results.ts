import { LastByText } from '../last-by-text.js';
import type { RepoView } from '../repo.js';
import type { MigrationModule } from './alembic-module.js';
import type { SqlFileResults, SqlResultStore } from './sql-result-store.js';

/** A .sql migration file's path and text, as handed to whatever computes its results. */
export interface SqlFileText {
  path: string;
  text: string;
  /** The key its results are stored under, where it is not the path (prisma-version.ts `sqlResultKey`). */
  key?: string;
}

/**
 * SqlFileResults a host computed for this run before the check (in worker threads), in front of
 * its lasting store (the result cache) if it has one. The analyzer asks it as it asks the cache,
 * so results computed elsewhere enter a check through the one door cached results use, and the
 * rest of the check (cross-file rules, suppressions, severities) runs on them unchanged.
 * Computed results are handed on to the lasting store; one that stands for a failure (a worker
 * that crashed on the file) is not, so that a later run reads the file again.
 */
export class PrecomputedSqlResults implements SqlResultStore {
  private readonly computed = new LastByText<SqlFileResults>();

  constructor(private readonly lasting?: SqlResultStore) {}

  /** `keep`: the results are the file's own (not a failure's stand-in) and may outlive the run. */
  add(path: string, text: string, results: SqlFileResults, keep: boolean): void {
    this.computed.set(path, text, results);
    if (keep) this.lasting?.put(path, text, results);
  }

  get(path: string, text: string): SqlFileResults | undefined {
    return this.computed.peek(path, text) ?? this.lasting?.get(path, text);
  }

  put(path: string, text: string, results: SqlFileResults): void {
    this.lasting?.put(path, text, results);
  }

  // Modules pass through to the lasting store: the pool's own reach the analyzer by preloadModule.
  getModule(key: string, text: string): MigrationModule | undefined {
    return this.lasting?.getModule?.(key, text);
  }

  putModule(key: string, text: string, module: MigrationModule): void {
    this.lasting?.putModule?.(key, text, module);
  }

  /**
   * The files of `paths` that neither this run nor the lasting store can answer, in order, each
   * looked up under `keyOf` its path (the path itself by default).
   */
  unanswered(repo: RepoView, paths: readonly string[], keyOf?: (path: string) => string): SqlFileText[] {
    const out: SqlFileText[] = [];
    for (const path of paths) {
      const text = repo.readFile(path);
      const key = keyOf?.(path) ?? path;
      if (text !== undefined && !this.get(key, text))
        out.push(key === path ? { path, text } : { path, text, key });
    }
    return out;
  }
}
