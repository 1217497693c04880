import { VerifiedAuditLogs } from './deploy/verified-audit-log.js';
import { MigrationAnalyzer } from './migrations/analyze.js';
import type { SqlResultStore } from './migrations/sql-result-store.js';
import { DependencyCaches } from './requirements/dependency-caches.js';

/**
 * What the checks of one repository keep from one run to the next: parsed files, keyed by
 * repository-relative path and reused while their text is unchanged. A host makes one per
 * repository it serves (the language server: one per workspace folder; the CLI: one per run)
 * and passes it to `runCheck` and to the readers it calls itself, so that two repositories
 * that both have `alembic/versions/0001.py` never share an entry.
 */
export class Workspace {
  /** Alembic and SQL migrations: parsed modules, SQL and revision graphs. */
  readonly migrations: MigrationAnalyzer;
  /** Migration files as the change's base has them (MIG105): apart, so they never evict the head's. */
  readonly baseMigrations = new MigrationAnalyzer();
  /** Requirements files and locks: parsed files, parsed lines, each pair's match state. */
  readonly dependencies = new DependencyCaches();
  /** The audit log last verified (REC and AUD rules, and a deploy operation's reads of the log). */
  readonly auditLogs = new VerifiedAuditLogs();

  /**
   * `sqlResults`: per-file results of .sql migrations kept between runs (the CLI's result
   * cache, see SqlResultStore); only the head's files use it.
   */
  constructor(options: { sqlResults?: SqlResultStore } = {}) {
    this.migrations = new MigrationAnalyzer(options.sqlResults);
  }
}
