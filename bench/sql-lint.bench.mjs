// PostgreSQL migration linting beside squawk, and the lock trace.
//
// 1. `slipway check --tree --format json` on 2,000 generated .sql migrations (about 7,000
//    statements: tables, columns, indexes, foreign keys, volatile defaults, DROP INDEX, data
//    changes) against squawk 2.66 (the `squawk-cli` dev dependency, its native binary) on the
//    same files, both as whole processes, run in turn A B A B ... so that the ratio is taken pair
//    by pair while the machine's speed drifts. Target: Slipway no slower than squawk (<= 1.0x).
//    Twice: cold (`--no-cache`: every file read, parsed and judged) and warm (`--cache`, filled by
//    the run before: an unchanged file is neither parsed nor judged, PostgreSQL's parser is not
//    even loaded). The target is judged on the cold figure: squawk keeps no cache, a CI gate
//    runs without one by default, and the first run after any edit of the policy or an upgrade
//    is cold. The warm figure is what a developer's repeated runs cost.
// 2. `slipway trace` of a migration of 20 statements over a 200-statement history, PGlite start
//    included, as a whole process. Target: < 5 s.
// Build first (`pnpm bench` does): the CLI bundle in packages/cli/dist.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { squawkBinary } from './squawk-binary.mjs';
import { SQL_POLICY, syntheticMigration } from './synthetic-sql.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(root, 'packages/cli/dist/slipway.mjs');
const FILES = 2000;
const RUNS = 5;
const CHECK_TARGET = 1.0;
const TRACE_TARGET_S = 5;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pad = (s) => s.padEnd(34);

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

function timed(cmd, args, cwd, env = process.env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) throw r.error;
  return { s, out: r.stdout };
}

/** Slipway (with `flag`) and squawk in turn, RUNS pairs after one of each unmeasured. */
function paired(flag) {
  const runA = () =>
    timed(process.execPath, [CLI, 'check', '--tree', '--format', 'json', flag], corpus.dir, cacheEnv);
  const runB = () =>
    timed(squawk.cmd, [...squawk.args, '--reporter', 'json', 'migrations/*.sql'], corpus.dir);
  const first = runA();
  runB();
  const a = [];
  const b = [];
  const ratios = [];
  for (let i = 0; i < RUNS; i++) {
    const x = runA();
    const y = runB();
    a.push(x.s);
    b.push(y.s);
    ratios.push(x.s / y.s);
  }
  return { a: median(a), b: median(b), ratio: median(ratios), out: first.out };
}

// 1. check against squawk, cold then warm. The cache key lives in a cache home of its own.
const corpus = checkCorpus();
const squawk = squawkBinary(root);
const cacheHome = mkdtempSync(join(tmpdir(), 'slipway-sql-bench-cache-'));
const cacheEnv = { ...process.env, XDG_CACHE_HOME: cacheHome };
const cold = paired('--no-cache');
const warm = paired('--cache');
const findings = JSON.parse(cold.out.toString('utf8')).findings.length;
const same = cold.out.equals(warm.out);
rmSync(corpus.dir, { recursive: true, force: true });
rmSync(cacheHome, { recursive: true, force: true });
console.log(`${pad('corpus')}${FILES} .sql files, ${corpus.statements} statements`);
console.log(
  `${pad('slipway check cold (median wall)')}${cold.a.toFixed(2)} s (${findings} findings), squawk ${cold.b.toFixed(2)} s`,
);
console.log(
  `${pad('cold/squawk ratio (paired)')}${cold.ratio.toFixed(2)}x  target <= ${CHECK_TARGET}x  ${cold.ratio <= CHECK_TARGET ? 'PASS' : 'FAIL'}`,
);
console.log(
  `${pad('slipway check warm (median wall)')}${warm.a.toFixed(2)} s (same report: ${same ? 'yes' : 'NO'}), squawk ${warm.b.toFixed(2)} s`,
);
console.log(
  `${pad('warm/squawk ratio (paired)')}${warm.ratio.toFixed(2)}x  (no target: see the comment at the top)`,
);

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
