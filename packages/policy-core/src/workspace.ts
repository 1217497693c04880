import { VerifiedAuditLogs } from './deploy/verified-audit-log.js';
import type { SqlResultStore } from './migrations/sql-result-store.js';

/**
 * One kind of cache a Workspace keeps, made on first use by the module that reads with it
 * (`workspace-migrations.ts`, `workspace-dependencies.ts`). The workspace
 * imports none of those readers: a run that reads no migration and no lock file (an agent's hook
 * on a write to docs) loads neither.
 */
export interface WorkspacePart<T> {
  make(workspace: Workspace): T;
}

/**
 * What the checks of one repository keep from one run to the next: parsed files, keyed by
 * repository-relative path and reused while their text is unchanged. A host makes one per
 * repository it serves (the language server: one per workspace folder; the CLI: one per run)
 * and passes it to `runCheck` and to the readers it calls itself, so that two repositories
 * that both have `alembic/versions/0001.py` never share an entry.
 */
export class Workspace {
  /**
   * Per-file results of .sql migrations kept between runs (the CLI's result cache, see
   * SqlResultStore); only the head's migrations use it.
   */
  readonly sqlResults: SqlResultStore | undefined;
  /** The audit log last verified (REC and AUD rules, and a deploy operation's reads of the log). */
  readonly auditLogs = new VerifiedAuditLogs();
  readonly #parts = new Map<WorkspacePart<unknown>, unknown>();

  constructor(options: { sqlResults?: SqlResultStore } = {}) {
    this.sqlResults = options.sqlResults;
  }

  /** This workspace's one `kind` of cache, made the first time it is asked for. */
  part<T>(kind: WorkspacePart<T>): T {
    if (!this.#parts.has(kind)) this.#parts.set(kind, kind.make(this));
    return this.#parts.get(kind) as T;
  }
}
