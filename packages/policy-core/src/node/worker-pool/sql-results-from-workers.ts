import { type MigrationLocations, migrationSources } from '../../migrations/policy-sources.js';
import { PrecomputedSqlResults, type SqlFileText } from '../../migrations/precomputed-sql-results.js';
import { joinPieceOps, sqlFilePieces } from '../../migrations/sql-file-pieces.js';
import type { SqlFileResults, SqlResultStore } from '../../migrations/sql-result-store.js';
import type { SqlRunner } from '../../policy/schema/migrations.js';
import type { RepoView } from '../../repo.js';
import { MIG_FILE_RULES } from '../../rules/families.js';
import { unreadSqlFileResults } from '../../rules/migrations/facts/sql-file-results.js';
import { decodeResults } from '../result-cache/compact-ranges.js';
import type { SqlFileTask } from './migration-file-worker.js';
import { type TaskOutcome, WorkerPool } from './worker-pool.js';

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
  const enough = chars >= (options.minChars ?? POOL_MIN_CHARS);
  if (options.jobs < 2 || files.length === 0 || !enough) {
    options.note?.(
      `worker pool: none (${files.length} files to read, ${chars} characters, --jobs ${options.jobs})`,
    );
    return lasting;
  }
  const runner = sources.sqlRunner ?? 'plain';
  const began = performance.now();
  const { tasks, reads } = planTasks(files, runner);
  const planned = performance.now();
  const heapMb = options.heapMb ?? 1024;
  const pool = new WorkerPool<SqlFileTask, string>({
    script: options.script,
    size: Math.min(options.jobs, tasks.length),
    timeoutMs: options.timeoutMs ?? 60_000,
    heapMb,
    // About 30 small migrations a message; a big file or a piece goes alone.
    batchWeight: 1 << 14,
    weight: (task) => task.text.length,
  });
  let outcomes: TaskOutcome<string>[];
  options.note?.(
    `worker pool: ${Math.min(options.jobs, tasks.length)} threads for ${files.length} files (${chars} characters, ${tasks.length} tasks)`,
  );
  try {
    outcomes = await pool.run(tasks);
  } catch (err) {
    options.note?.(`worker pool: could not start (${(err as Error).message}); reading on the main thread`);
    return lasting;
  } finally {
    await pool.close();
  }
  const ran = performance.now();
  let failed = 0;
  for (const read of reads) {
    const { path, text } = read.file;
    const answers = outcomes.slice(read.first, read.first + read.count);
    const crash = answers.find((a) => !a.ok);
    const results = crash ? undefined : fileResults(answers as { ok: true; value: string }[], read.pieces);
    if (results) store.add(path, text, results, true);
    // A piece PostgreSQL rejects alone: the whole file's verdict says where, on the main thread.
    else if (results === null) continue;
    else {
      failed++;
      const how = crash && !crash.ok ? crash.why : 'answered in a form Slipway does not read';
      const why = `${path} was not checked: the worker thread reading it ${how}; run \`slipway check --jobs 1\` to read it on the main thread, or split it into smaller migrations.`;
      store.add(path, text, unreadSqlFileResults(path, text, why, MIG_FILE_RULES), false);
    }
  }
  const ms = (from: number, to: number) => `${Math.round(to - from)} ms`;
  options.note?.(
    `worker pool: done, ${failed} of ${files.length} files not read (cutting ${ms(began, planned)}, threads ${ms(planned, ran)}, joining ${ms(ran, performance.now())})`,
  );
  return store;
}

/** How one file is read: `count` consecutive tasks from `first`, its pieces or the whole file. */
interface FileRead {
  file: SqlFileText;
  first: number;
  count: number;
  pieces: boolean;
}

/**
 * The tasks for `files`, largest file first (a big one must not start last), a big file as its
 * pieces (sqlFilePieces), each file's tasks consecutive.
 */
function planTasks(
  files: readonly SqlFileText[],
  runner: SqlRunner,
): { tasks: SqlFileTask[]; reads: FileRead[] } {
  const tasks: SqlFileTask[] = [];
  const reads: FileRead[] = [];
  for (const file of [...files].sort((a, b) => b.text.length - a.text.length)) {
    const pieces = sqlFilePieces(file.path, file.text, runner);
    reads.push({ file, first: tasks.length, count: pieces?.length ?? 1, pieces: pieces !== undefined });
    if (pieces) for (const text of pieces) tasks.push({ path: file.path, text, runner, piece: true });
    else tasks.push({ ...file, runner });
  }
  return { tasks, reads };
}

/**
 * A file's results from its tasks' answers: decoded, or its pieces' ops joined (its per-file
 * findings are then judged on the main thread, over the whole file's ops). Null when a piece
 * did not parse alone; undefined when an answer is not of the form the worker writes.
 */
function fileResults(answers: { value: string }[], pieces: boolean): SqlFileResults | null | undefined {
  const decoded: (SqlFileResults | null | undefined)[] = answers.map((a) => {
    const parsed = JSON.parse(a.value);
    return parsed === null ? null : decodeResults(parsed);
  });
  if (!pieces) return decoded[0];
  if (decoded.includes(null)) return null;
  if (decoded.includes(undefined)) return undefined;
  return { ops: joinPieceOps(decoded.map((d) => (d as SqlFileResults).ops)) };
}
