// PostgreSQL migration linting beside squawk, and the lock trace.
//
// 1. `slipway check --tree --format json` on 2,000 generated .sql migrations (about 7,700
//    statements: tables, columns, indexes, foreign keys, volatile defaults, DROP INDEX, data
//    changes) against squawk 2.66 (the `squawk-cli` dev dependency, its native binary, which
//    lints on every core) on the same files, both as whole processes, in turn (side-by-side.mjs).
//    - cold (`--no-cache`: every file read, parsed and judged), on the main thread alone
//      (`--jobs 1`, the default): target <= 1.5x squawk on 2 cores (<= 1.0x on 4);
//    - cold with the worker pool forced on (`--jobs` one per core, SLIPWAY_WORKER_MIN_CHARS=0;
//      below its 2 MB threshold the pool does not start): for information;
//    - warm (`--cache`, filled by the run before: an unchanged file is neither parsed nor judged,
//      PostgreSQL's parser is not even loaded): target <= 0.5x squawk;
//    - the floor: an empty `node -e 0` against the same squawk run. Where it is above a target,
//      no program that starts Node.js meets that target (the warm one, on this corpus).
//    Every run's report must be the same bytes (cold, pool, warm).
//    Where a warm run's time goes (2,000 files, 4,833 findings; main-thread CPU profile at 1 ms,
//    three runs, about 0.34 s in all on 2 cores): Node.js's own start before the first line
//    ~45 ms; compiling the bundle's modules ~21; the policy ~5; the cache file read, its one
//    MAC checked and its JSON parsed ~15; reading the 2,000 files (one open, fstat, read, close
//    each, and a lstat when a later rule asks again) ~70-90; hashing their texts ~11-17;
//    decoding the cached ops and findings ~6-22; the history rules over the cached ops (MIG037's
//    lock timeouts, MIG028's defaults, the graph) ~40; suppression comments ~11; writing 2.5 MB of
//    JSON ~12; garbage collection ~35-43. Nothing in it parses SQL or loads PostgreSQL's parser.
// 2. `slipway trace` of a migration of 20 statements over a 200-statement history, PGlite start
//    included, as a whole process. Target: < 5 s.
// Build first (`pnpm bench` does): the CLI bundle in packages/cli/dist.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, nodeFloor, paired, targetLine, timed } from './side-by-side.mjs';
import { squawkBinary } from './squawk-binary.mjs';
import { SQL_POLICY, syntheticMigration } from './synthetic-sql.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(root, 'packages/cli/dist/slipway.mjs');
const FILES = 2000;
const RUNS = 5;
const COLD_TARGET = 1.5;
const WARM_TARGET = 0.5;
const TRACE_TARGET_S = 5;
const CORES = availableParallelism();

const pad = (s) => s.padEnd(40);

function git(dir, ...args) {
  execFileSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=b', ...args], { cwd: dir });
}

function checkCorpus() {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-sql-bench-'));
  mkdirSync(join(dir, 'migrations'));
  writeFileSync(join(dir, 'slipway.yaml'), SQL_POLICY);
  let statements = 0;
  for (let f = 0; f < FILES; f++) {
    const m = syntheticMigration(f);
    statements += m.statements;
    writeFileSync(join(dir, m.path), m.text);
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  return { dir, statements };
}

// 1. check against squawk. The cache key lives in a cache home of its own.
const corpus = checkCorpus();
const squawk = squawkBinary(root);
const cacheHome = mkdtempSync(join(tmpdir(), 'slipway-sql-bench-cache-'));
const env = { ...process.env, XDG_CACHE_HOME: cacheHome };
const slipway =
  (flags, extraEnv = {}) =>
  () =>
    timed(process.execPath, [CLI, 'check', '--tree', '--format', 'json', ...flags], corpus.dir, {
      ...env,
      ...extraEnv,
    });
const squawkRun = () =>
  timed(squawk.cmd, [...squawk.args, '--reporter', 'json', 'migrations/*.sql'], corpus.dir);
const cold = paired(slipway(['--no-cache', '--jobs', '1']), squawkRun, RUNS);
const pool = paired(
  slipway(['--no-cache', '--jobs', String(CORES)], { SLIPWAY_WORKER_MIN_CHARS: '0' }),
  squawkRun,
  RUNS,
);
const warm = paired(slipway(['--cache']), squawkRun, RUNS);
const floor = nodeFloor(squawkRun, RUNS);
const findings = JSON.parse(cold.out.toString('utf8')).findings.length;
const same = cold.out.equals(warm.out) && cold.out.equals(pool.out);
rmSync(corpus.dir, { recursive: true, force: true });
rmSync(cacheHome, { recursive: true, force: true });
console.log(
  `${pad('machine')}${CORES} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; medians of ${RUNS} pairs, whole processes`,
);
console.log(`${pad('corpus')}${FILES} .sql files, ${corpus.statements} statements, ${findings} findings`);
console.log(`${pad('squawk 2.66 (every core)')}${cold.b.toFixed(3)} s`);
console.log(`${pad('slipway cold, --jobs 1')}${cold.a.toFixed(3)} s`);
console.log(targetLine(pad, '  cold/squawk (paired)', cold.ratio, COLD_TARGET));
console.log(
  `${pad(`slipway cold, pool of ${CORES} forced`)}${pool.a.toFixed(3)} s, ${pool.ratio.toFixed(2)}x squawk (for information)`,
);
console.log(`${pad('slipway warm (--cache)')}${warm.a.toFixed(3)} s`);
console.log(targetLine(pad, '  warm/squawk (paired)', warm.ratio, WARM_TARGET));
console.log(
  `${pad('floor: node -e 0')}${floor.a.toFixed(3)} s, ${floor.ratio.toFixed(2)}x squawk: ${floor.ratio > WARM_TARGET ? 'above the warm target, which no Node.js program can meet here' : 'below the warm target'}`,
);
console.log(`${pad('same report cold, pool and warm')}${same ? 'yes  PASS' : 'NO  FAIL'}`);

// 2. trace: 20 new statements over a 200-statement history
const tdir = mkdtempSync(join(tmpdir(), 'slipway-trace-bench-'));
mkdirSync(join(tdir, 'db'));
writeFileSync(join(tdir, 'slipway.yaml'), 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n');
const history = [];
for (let i = 0; i < 100; i++) {
  history.push(`CREATE TABLE t${i} (id bigint PRIMARY KEY, name text, user_id bigint);`);
  history.push(`CREATE INDEX ix_t${i}_name ON t${i} (name);`);
}
writeFileSync(join(tdir, 'db/001_history.sql'), `${history.join('\n')}\n`);
const change = [];
for (let i = 0; i < 20; i++)
  change.push(
    i % 4 === 0
      ? `ALTER TABLE t${i} ADD COLUMN uid uuid DEFAULT gen_random_uuid();`
      : i % 4 === 1
        ? `ALTER TABLE t${i} ADD CONSTRAINT fk_t${i} FOREIGN KEY (user_id) REFERENCES t0 (id);`
        : i % 4 === 2
          ? `CREATE INDEX ix_t${i}_user ON t${i} (user_id);`
          : `ALTER TABLE t${i} ADD COLUMN note text DEFAULT 'n';`,
  );
writeFileSync(join(tdir, 'db/002_change.sql'), `${change.join('\n')}\n`);
git(tdir, 'init', '-q');
git(tdir, 'add', '-A');
const traces = [];
for (let i = 0; i < 3; i++) traces.push(timed(process.execPath, [CLI, 'trace', 'db/002_change.sql'], tdir).s);
rmSync(tdir, { recursive: true, force: true });
const trace = median(traces);
console.log(
  `${pad('trace 20 over 200 (median wall)')}${trace.toFixed(2)} s  target < ${TRACE_TARGET_S} s  ${trace < TRACE_TARGET_S ? 'PASS' : 'FAIL'}`,
);
