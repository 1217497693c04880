import type { MigrationModule } from '../../migrations/alembic-module.js';
import { alembicVersionFiles } from '../../migrations/analyze.js';
import { alembicModuleKey, moduleFacts } from '../../migrations/module-facts.js';
import type { MigrationLocations } from '../../migrations/migration-locations.js';
import { migrationSources } from '../../migrations/policy-sources.js';
import { refusedPythonModule } from '../../migrations/refused-file.js';
import { initMigrationParsers } from '../../migrations/sql-parser.js';
import { PrecomputedSqlResults, type SqlFileText } from '../../migrations/precomputed-sql-results.js';
import { joinPieceOps, sqlFilePieces } from '../../migrations/sql-file-pieces.js';
import type { SqlFileResults, SqlResultStore } from '../../migrations/sql-result-store.js';
import type { SqlRunner } from '../../policy/schema/migrations.js';
import { type PrismaScripts, prismaScriptsAt, sqlResultKey } from '../../migrations/prisma-version.js';
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

/** An Alembic version file read on a worker thread: the analyzer takes it (preloadModule). */
export interface ModuleFromWorker {
  path: string;
  text: string;
  module: MigrationModule;
}

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
  /**
   * Less than this to read (characters of SQL and Python, default POOL_MIN_CHARS) is read on the
   * main thread. A character of Python costs about what one of SQL does, or less: 768 real
   * revisions (1.7 M characters) take ~0.45 s to read, 2,000 small .sql files (0.5 MB) ~0.27 s.
   */
  minChars?: number;
}

/** What the pool read: a store for the Workspace's .sql results, and the Alembic files' facts. */
export interface MigrationResultsFromWorkers {
  sqlResults: SqlResultStore | undefined;
  modules: ModuleFromWorker[];
}

/**
 * The results of the .sql migrations `section` names that `lasting` (the result cache) does not
 * already hold, and the facts of its Alembic version files, computed in worker threads when
 * there are enough of them to pay for the threads: a store to give the check's Workspace in
 * place of `lasting`, and modules for its analyzer (MigrationAnalyzer.preloadModule). Files go
 * to the workers largest first, so that a big one does not start last. A file whose worker
 * crashed or hung is reported unread (MIG030 for SQL, MIG130 for Python), naming it and why;
 * the others are read as usual. Every worker has ended when this returns. `lasting` and no
 * modules when no pool ran (too little work, one job, or a worker that could not start: the
 * check then reads the files on the main thread, as without a pool).
 */
export async function migrationResultsFromWorkers(
  repo: RepoView,
  section: MigrationLocations,
  lasting: SqlResultStore | undefined,
  options: SqlWorkerOptions,
): Promise<MigrationResultsFromWorkers> {
  const none = { sqlResults: lasting, modules: [] };
  // One thread (the default) starts no pool: the files are not read ahead of the analyzer, unless
  // --debug asks how many there were.
  if (options.jobs < 2 && !options.note) return none;
  const sources = migrationSources(repo, section);
  const store = new PrecomputedSqlResults(lasting);
  const prismaOf = (path: string) => prismaScriptsAt(sources.prismaScripts, path);
  const files = store.unanswered(repo, sources.sqlFiles, (path) => sqlResultKey(path, prismaOf(path)));
  const pythonFiles: SqlFileText[] = [];
  for (const path of alembicVersionFiles(repo, sources.alembic)) {
    const text = repo.readFile(path);
    // A file the result cache holds is answered by it (MigrationAnalyzer.module), not read again.
    if (text !== undefined && !lasting?.getModule?.(alembicModuleKey(path), text))
      pythonFiles.push({ path, text });
  }
  let chars = 0;
  for (const f of files) chars += f.text.length;
  for (const f of pythonFiles) chars += f.text.length;
  const enough = chars >= (options.minChars ?? POOL_MIN_CHARS);
  const count = files.length + pythonFiles.length;
  if (options.jobs < 2 || count === 0 || !enough) {
    options.note?.(`worker pool: none (${count} files to read, ${chars} characters, --jobs ${options.jobs})`);
    return none;
  }
  const runner = sources.sqlRunner ?? 'plain';
  const began = performance.now();
  const { tasks, reads } = planTasks(files, runner, prismaOf);
  const firstModule = tasks.length;
  // With Alembic files this thread reads its share (every jobs-th file, sizes mixed as listed)
  // while the workers read the rest, and one worker fewer starts: the check loads both parsers
  // here anyway, and on 2 cores that is one worker to start and warm up, not two.
  const here = pythonFiles.filter((_, i) => i % options.jobs === 0);
  const there = pythonFiles.filter((_, i) => i % options.jobs !== 0);
  for (const f of there) tasks.push({ ...f, runner, module: true });
  const planned = performance.now();
  const heapMb = options.heapMb ?? 1024;
  const threads = Math.min(options.jobs - (here.length > 0 ? 1 : 0), tasks.length);
  if (here.length > 0) await initMigrationParsers();
  const pool = new WorkerPool<SqlFileTask, string>({
    script: options.script,
    size: threads,
    timeoutMs: options.timeoutMs ?? 60_000,
    heapMb,
    // About 30 small migrations a message; a big file or a piece goes alone. While this thread
    // reads its own share it hands out the next batch only between two of its files: batches
    // of about 64 KB (some 25 revisions) then keep a worker from waiting on it after each file.
    batchWeight: here.length > 0 ? 1 << 16 : 1 << 14,
    weight: (task) => task.text.length,
  });
  let outcomes: TaskOutcome<string>[];
  options.note?.(
    `worker pool: ${threads} threads for ${count} files (${chars} characters, ${tasks.length} tasks${here.length ? `, ${here.length} Alembic files on this thread` : ''})`,
  );
  const readHere: ModuleFromWorker[] = [];
  let hereDone = planned;
  try {
    const running = tasks.length > 0 ? pool.run(tasks) : Promise.resolve([]);
    running.catch(() => {});
    for (const f of here) {
      const module = moduleFacts(f.path, f.text);
      lasting?.putModule?.(alembicModuleKey(f.path), f.text, module);
      readHere.push({ ...f, module });
      // The pool hands each worker its next batch from this thread's event loop.
      await new Promise<void>((done) => setImmediate(done));
    }
    hereDone = performance.now();
    outcomes = await running;
  } catch (err) {
    options.note?.(`worker pool: could not start (${(err as Error).message}); reading on the main thread`);
    return { sqlResults: lasting, modules: readHere };
  } finally {
    await pool.close();
  }
  const ran = performance.now();
  let failed = 0;
  const unread = (path: string, how: string) => {
    failed++;
    return `${path} was not checked: the worker thread reading it ${how}; run \`slipway check --jobs 1\` to read it on the main thread, or split it into smaller migrations.`;
  };
  for (const read of reads) {
    const { path, text } = read.file;
    const key = read.file.key ?? path;
    const answers = outcomes.slice(read.first, read.first + read.count);
    const crash = answers.find((a) => !a.ok);
    const results = crash ? undefined : fileResults(answers as { ok: true; value: string }[], read.pieces);
    if (results) store.add(key, text, results, true);
    // A piece PostgreSQL rejects alone: the whole file's verdict says where, on the main thread.
    else if (results === null) continue;
    else {
      const how = crash && !crash.ok ? crash.why : 'answered in a form Slipway does not read';
      store.add(key, text, unreadSqlFileResults(path, text, unread(path, how), MIG_FILE_RULES), false);
    }
  }
  const modules = there.map(({ path, text }, i): ModuleFromWorker => {
    const outcome = outcomes[firstModule + i] as TaskOutcome<string>;
    const module = outcome.ok ? moduleOf(outcome.value, path) : undefined;
    // The file's own facts outlive the run; a failure's stand-in does not (a later run reads it again).
    if (module) lasting?.putModule?.(alembicModuleKey(path), text, module);
    const how = outcome.ok ? 'answered in a form Slipway does not read' : outcome.why;
    return { path, text, module: module ?? refusedPythonModule(path, text, unread(path, how)) };
  });
  const ms = (from: number, to: number) => `${Math.round(to - from)} ms`;
  options.note?.(
    `worker pool: done, ${failed} of ${count} files not read (cutting ${ms(began, planned)}, threads ${ms(planned, ran)}${here.length ? `, this thread's share ${ms(planned, hereDone)}` : ''}, joining ${ms(ran, performance.now())})`,
  );
  return { sqlResults: store, modules: [...readHere, ...modules] };
}

/** A worker's answer for an Alembic file, when it is the facts of that file. */
function moduleOf(json: string, path: string): MigrationModule | undefined {
  const parsed = JSON.parse(json) as MigrationModule | null;
  return parsed !== null && typeof parsed === 'object' && parsed.path === path ? parsed : undefined;
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
  prismaOf: (path: string) => PrismaScripts | undefined,
): { tasks: SqlFileTask[]; reads: FileRead[] } {
  const tasks: SqlFileTask[] = [];
  const reads: FileRead[] = [];
  for (const file of [...files].sort((a, b) => b.text.length - a.text.length)) {
    const pieces = sqlFilePieces(file.path, file.text, runner);
    reads.push({ file, first: tasks.length, count: pieces?.length ?? 1, pieces: pieces !== undefined });
    if (pieces) for (const text of pieces) tasks.push({ path: file.path, text, runner, piece: true });
    else {
      const prisma = prismaOf(file.path);
      tasks.push({ path: file.path, text: file.text, runner, ...(prisma ? { prisma } : {}) });
    }
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
