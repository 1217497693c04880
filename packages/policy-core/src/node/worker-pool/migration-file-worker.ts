import { parentPort } from 'node:worker_threads';
import { moduleFacts } from '../../migrations/module-facts.js';
import { initPythonParser } from '../../migrations/python-parser.js';
import { sqlPieceOps } from '../../migrations/sql-file-pieces.js';
import { initSqlParser } from '../../migrations/sql-parser.js';
import type { SqlRunner } from '../../policy/schema/migrations.js';
import type { PrismaScripts } from '../../migrations/prisma-version.js';
import { MIG_FILE_RULES } from '../../rules/families.js';
import { sqlFileResults } from '../../rules/migrations/facts/sql-file-results.js';
import { encodeResults } from '../result-cache/compact-ranges.js';

/**
 * A worker thread of the migration pool (migration-results-from-workers.ts): loads PostgreSQL's parser
 * once (and Python's with the first Alembic file), then answers each task, one .sql migration
 * file, a piece of a big one or a file of an Alembic version folder, as JSON.
 * The CLI bundles this file as an entry of its own (scripts/build.mjs).
 */
export interface SqlFileTask {
  path: string;
  /** The file's text, or one padded piece of it (sql-file-pieces.ts). */
  text: string;
  runner: SqlRunner;
  /** Under `sql_runner: prisma`: how the project's Prisma sends the file. */
  prisma?: PrismaScripts;
  /** `text` is a piece: the answer is its ops alone (or null when it does not parse alone). */
  piece?: true;
  /** An Alembic version file: the answer is its MigrationModule (moduleFacts). */
  module?: true;
}

/**
 * One task's answer: a file's SqlFileResults, or a piece's ops, as JSON in the compact form; an
 * Alembic file's facts as JSON (plain data: only keys whose value is undefined do not survive).
 */
function answer(task: SqlFileTask): string {
  if (task.module) return JSON.stringify(moduleFacts(task.path, task.text));
  if (task.piece) {
    const ops = sqlPieceOps(task.text);
    return JSON.stringify(ops ? encodeResults({ ops }) : null);
  }
  return JSON.stringify(
    encodeResults(sqlFileResults(task.path, task.text, task.runner, MIG_FILE_RULES, task.prisma)),
  );
}

const port = parentPort;
if (port) {
  await initSqlParser();
  // The pool sends a worker its next batch only once it answered the last: one at a time.
  port.on('message', async ({ id, tasks }: { id: number; tasks: SqlFileTask[] }) => {
    try {
      if (tasks.some((t) => t.module)) await initPythonParser();
      // A string: V8 clones an object graph of ops and findings field by field, at several
      // times the cost of writing and reading it as JSON. (A test's stand-in for this script
      // loops on a file: test/e2e/cli-with-hanging-worker.ts.)
      const values = tasks.map(answer);
      port.postMessage({ id, values });
    } catch (err) {
      port.postMessage({ id, error: `failed (${err instanceof Error ? err.message : String(err)})` });
    }
  });
  port.postMessage({ ready: true });
}
