import { availableParallelism } from 'node:os';
import type { SqlWorkerOptions } from '@slipway/policy-core/node';
import { type CommandContext, UserError } from './command.js';

/** `--jobs N`: how many threads read migrations (1: none but the main one). */
export const JOBS_USAGE = `  --jobs N            read .sql migrations the cache does not hold and Alembic revisions on N
                      threads (\`auto\`: one per core) once there are 2 MB of them; default 1,
                      the main thread alone`;

/**
 * The worker-thread options of a check: `--jobs` (default 1: on a 2-core machine shared with other
 * work the threads cost more CPU than they save time; see bench/sql-pool.bench.mjs) and the
 * worker script the bundle ships (none when run from source: then no pool). The environment
 * sets a worker's time (SLIPWAY_WORKER_TIMEOUT_MS) and heap (SLIPWAY_WORKER_HEAP_MB) per file,
 * for a machine whose real migrations call for other bounds, and how much SQL starts the pool
 * (SLIPWAY_WORKER_MIN_CHARS; the tests run small repositories through it).
 */
export function workerOptions(jobs: string | undefined, ctx: CommandContext): SqlWorkerOptions | undefined {
  const n = jobs === undefined ? 1 : jobs === 'auto' ? availableParallelism() : Number(jobs);
  if (!Number.isInteger(n) || n < 1 || n > 1024)
    throw new UserError(
      `--jobs takes a whole number from 1 to 1024 or auto, not ${JSON.stringify(jobs)} (see \`slipway check --help\`)`,
    );
  if (!ctx.workerScript) return undefined;
  const timeout = positive(ctx.env.SLIPWAY_WORKER_TIMEOUT_MS);
  const heap = positive(ctx.env.SLIPWAY_WORKER_HEAP_MB);
  const min = ctx.env.SLIPWAY_WORKER_MIN_CHARS;
  return {
    script: ctx.workerScript,
    jobs: n,
    ...(timeout ? { timeoutMs: timeout } : {}),
    ...(heap ? { heapMb: heap } : {}),
    ...(min !== undefined && Number.isInteger(Number(min)) ? { minChars: Number(min) } : {}),
    ...(ctx.debug ? { note: (line: string) => ctx.stderr.write(`slipway check: ${line}\n`) } : {}),
  };
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}
