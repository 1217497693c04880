// The worker pool of `slipway check --jobs N` (.sql migrations read on worker threads) against the
// main thread alone (`--jobs 1`, the default), both as whole processes, cold (`--no-cache`), run
// in turn A B A B ... so that each ratio is taken pair by pair while the machine's speed drifts:
//
// 1. 2,000 generated .sql migrations (the corpus of sql-lint.bench.mjs, about 0.5 MB), the pool
//    forced on below its threshold (SLIPWAY_WORKER_MIN_CHARS=0): what a pool costs where the
//    work is many small files. This is the figure the 2 MB threshold is set by.
// 2. A 10 MB seed migration (70,000 INSERTs and a DROP TABLE), over the threshold: read as 20
//    pieces of 512 KB on the threads. Absolute target: analysed in <= 2 s, its DROP TABLE on its line.
//
// Target for each pair: the pool no slower than the main thread alone (wall ratio <= 1.0), and
// the same report byte for byte. Figures are per machine: the number of cores is printed first.
// Build first (`node bench/run.mjs sql-pool` does).
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeRepo } from './scaling/bench-repo.mjs';
import { paired, timed } from './side-by-side.mjs';
import { sqlSeed } from './scaling/inputs.mjs';
import { SQL_POLICY, syntheticMigration } from './synthetic-sql.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(root, 'packages/cli/dist/slipway.mjs');
const RUNS = 5;
const JOBS = Math.max(2, availableParallelism());
const SEED_TARGET_S = 2;

const pad = (s) => s.padEnd(48);

/** `--jobs JOBS` (A) and `--jobs 1` (B) in turn (side-by-side.mjs), and whether their reports agree. */
function poolAgainstAlone(dir, env = {}) {
  const run = (jobs) => () =>
    timed(
      process.execPath,
      [CLI, 'check', '--tree', '--format', 'json', '--no-cache', '--jobs', String(jobs)],
      dir,
      { ...process.env, ...env },
    );
  const r = paired(run(JOBS), run(1), RUNS);
  return { ...r, same: r.out.equals(r.outB) };
}

function manyFiles() {
  const files = { 'slipway.yaml': SQL_POLICY };
  for (let f = 0; f < 2000; f++) {
    const m = syntheticMigration(f);
    files[m.path] = m.text;
  }
  return files;
}

const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
console.log(
  `${availableParallelism()} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; --jobs ${JOBS} (A) against --jobs 1 (B), medians of ${RUNS} pairs, whole process`,
);

// 1. 2,000 small files, the pool forced on.
const many = poolAgainstAlone(treeRepo('sql-pool-v1-2000-files', manyFiles), {
  SLIPWAY_WORKER_MIN_CHARS: '0',
});
console.log(
  `${pad('2,000 .sql files, cold: pool (forced) / alone')}${many.a.toFixed(2)} s / ${many.b.toFixed(2)} s`,
);
console.log(
  `${pad('  ratio (paired)')}${many.ratio.toFixed(2)}x  target <= 1.0x  ${verdict(many.ratio <= 1)}; same report: ${many.same ? 'yes' : 'NO'}`,
);

// 2. The 10 MB seed, read in pieces.
const seed = sqlSeed();
const seeded = poolAgainstAlone(
  treeRepo('scaling-v1-sql-seed-10mb', () => ({
    'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n',
    'db/0001_seed.sql': seed.text,
  })),
);
const drop = JSON.parse(seeded.out).findings.find((f) => f.rule === 'MIG001');
console.log(`${pad('10 MB seed, cold: pool / alone')}${seeded.a.toFixed(2)} s / ${seeded.b.toFixed(2)} s`);
console.log(
  `${pad('  ratio (paired)')}${seeded.ratio.toFixed(2)}x  target <= 1.0x  ${verdict(seeded.ratio <= 1)}; same report: ${seeded.same ? 'yes' : 'NO'}`,
);
console.log(
  `${pad('  seed with the pool, whole process')}${seeded.a.toFixed(2)} s  target <= ${SEED_TARGET_S} s  ${verdict(seeded.a <= SEED_TARGET_S && drop?.line === seed.dropLine)} (DROP TABLE on line ${drop?.line ?? 'none'})`,
);
if (!many.same || !seeded.same) process.exitCode = 1;
