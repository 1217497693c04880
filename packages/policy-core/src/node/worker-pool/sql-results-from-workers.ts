import { type MigrationLocations, migrationSources } from '../../migrations/policy-sources.js';
import { PrecomputedSqlResults } from '../../migrations/precomputed-sql-results.js';
import type { SqlResultStore } from '../../migrations/sql-result-store.js';
import type { RepoView } from '../../repo.js';
import { unreadSqlFileResults } from '../../rules/migrations/facts/sql-file-results.js';
import { decodeResults } from '../result-cache/compact-ranges.js';
import type { SqlFileTask } from './migration-file-worker.js';
import { WorkerPool } from './worker-pool.js';

/**
 * Below this much SQL to read the pool costs more than it saves. A worker takes about 0.12 s of
 * CPU to load the rules and PostgreSQL's parser, and warms its compiler up again: on 2 cores,
 * 2,000 small migrations (1.8 MB) cost 1.7 times the CPU of reading them on the main thread,
 * for no gain in time (bench/sql-pool.bench.mjs measures both sides).
 */
export const POOL_MIN_CHARS = 2 << 20;

export interface SqlWorkerOptions {
  /** The worker script: migration-file-worker.ts, as the host ships it. */
  script: string;
  /** Threads at most (the CLI's `--jobs`, default one per available core); 1 starts none. */
  jobs: number;
  /** One line on what the pool did (the CLI prints it with --debug). */
  note?: (line: string) => void;
  /** Past this one file's worker is ended and the file reported unread (default 60 s). */
  timeoutMs?: number;
  /** Each worker's heap (default 1,024 MB): a file that needs more is reported unread. */
  heapMb?: number;
  /** Less SQL than this (characters, default POOL_MIN_CHARS) is read on the main thread. */
  minChars?: number;
}

/**
 * The results of the .sql migrations `section` names that `lasting` (the result cache) does not
 * already hold, computed in worker threads when there are enough of them to pay for the threads:
 * a store to give the check's Workspace in place of `lasting`. Files go to the workers largest
 * first, so that a big one does not start last. A file whose worker crashed or hung gets one
 * MIG030 error naming it and why; the others are read as usual. Every worker has ended when this
 * returns. `lasting` itself when no pool ran (too little work, one job, or a worker that could
 * not start: the check then reads the files on the main thread, as without a pool).
 */
export async function sqlResultsFromWorkers(
  repo: RepoView,
  section: MigrationLocations,
  lasting: SqlResultStore | undefined,
  options: SqlWorkerOptions,
): Promise<SqlResultStore | undefined> {
  const sources = migrationSources(repo, section);
  const store = new PrecomputedSqlResults(lasting);
  const files = store.unanswered(repo, sources.sqlFiles);
  let chars = 0;
  for (const f of files) chars += f.text.length;
  const size = Math.min(options.jobs, files.length);
  const enough = chars >= (options.minChars ?? POOL_MIN_CHARS);
  if (options.jobs < 2 || size === 0 || !enough) {
    options.note?.(
      `worker pool: none (${files.length} files to read, ${chars} characters, --jobs ${options.jobs})`,
    );
    return lasting;
  }
  const runner = sources.sqlRunner ?? 'plain';
  const order = files
    .map((_, i) => i)
    .sort((a, b) => (files[b]?.text.length ?? 0) - (files[a]?.text.length ?? 0));
  const tasks = order.map((i): SqlFileTask => ({ ...(files[i] as { path: string; text: string }), runner }));
  const heapMb = options.heapMb ?? 1024;
  const pool = new WorkerPool<SqlFileTask, string>({
    script: options.script,
    size,
    timeoutMs: options.timeoutMs ?? 60_000,
    heapMb,
    // About 30 small migrations a message; a big file goes alone.
    batchWeight: 1 << 14,
    weight: (task) => task.text.length,
  });
  let outcomes: Awaited<ReturnType<typeof pool.run>>;
  options.note?.(`worker pool: ${size} threads for ${files.length} files (${chars} characters)`);
  try {
    outcomes = await pool.run(tasks);
  } catch (err) {
    options.note?.(`worker pool: could not start (${(err as Error).message}); reading on the main thread`);
    return lasting;
  } finally {
    await pool.close();
  }
  let failed = 0;
  outcomes.forEach((outcome, i) => {
    const { path, text } = tasks[i] as SqlFileTask;
    const results = outcome.ok ? decodeResults(JSON.parse(outcome.value)) : undefined;
    if (results) store.add(path, text, results, true);
    else {
      failed++;
      const how = outcome.ok ? 'answered in a form Slipway does not read' : outcome.why;
      const why = `${path} was not checked: the worker thread reading it ${how}; run \`slipway check --jobs 1\` to read it on the main thread, or split it into smaller migrations.`;
      store.add(path, text, unreadSqlFileResults(path, text, why), false);
    }
  });
  options.note?.(`worker pool: done, ${failed} of ${files.length} files not read`);
  return store;
}
