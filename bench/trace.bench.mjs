// `slipway trace`: 20 new statements over a 200-statement history, the whole process of the
// bundled CLI (Node start, PGlite start, the schema, the 20 measured statements, the static check
// that is judged, the report and the trace kept for the editor). And what a hover on a traced
// statement costs the language server: matching the kept trace to a 2,000-statement file.
// Targets: the trace < 5 s median, PGlite start included; the first hover's matching (a parse of
// the file) < 100 ms median; the server keeps that match for the next hovers on the same text.
// Build first: `node scripts/build.mjs --core` (`pnpm bench` does).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '../packages/policy-core/dist/index.js';
import { paired, timed } from './side-by-side.mjs';

const CLI = join(import.meta.dirname, '../packages/cli/dist/slipway.mjs');
const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

const root = mkdtempSync(join(tmpdir(), 'slipway-trace-bench-'));
try {
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=b', ...args], { cwd: root });
  git('init', '-q', '-b', 'main');
  mkdirSync(join(root, 'db'));
  writeFileSync(join(root, 'slipway.yaml'), 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n');
  // History: 100 tables, each with an index (200 statements).
  const history = [];
  for (let i = 0; i < 100; i++)
    history.push(
      `CREATE TABLE t${i} (id bigint PRIMARY KEY, v text);`,
      `CREATE INDEX ix_t${i}_v ON t${i} (v);`,
    );
  writeFileSync(join(root, 'db/001_history.sql'), `${history.join('\n')}\n`);
  // The change: 20 statements of the kinds the lock rules look at.
  const change = [];
  for (let i = 0; i < 5; i++)
    change.push(
      `ALTER TABLE t${i} ADD COLUMN n int DEFAULT 0;`,
      `ALTER TABLE t${i} ADD CONSTRAINT fk_${i} FOREIGN KEY (id) REFERENCES t${i + 50} (id);`,
      `CREATE INDEX ix_t${i}_n ON t${i} (n);`,
      `ALTER TABLE t${i} ALTER COLUMN v TYPE varchar(200);`,
    );
  writeFileSync(join(root, 'db/002_change.sql'), `${change.join('\n')}\n`);
  git('add', '-A');
  git('commit', '-qm', 'history and change');

  const walls = [];
  let report;
  for (let i = 0; i <= RUNS; i++) {
    const start = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'trace', 'db/002_change.sql', '--format', 'json'], {
      cwd: root,
      encoding: 'utf8',
    });
    const ms = performance.now() - start;
    if (r.status !== 0) throw new Error(`slipway trace exited ${r.status}: ${r.stderr}`);
    report = JSON.parse(r.stdout);
    if (i > 0) walls.push(ms); // the first run warms the disk cache
  }
  const traced = report.statements.filter((s) => s.status === 'ok').length;
  const wall = median(walls);
  console.log(
    `trace of ${report.statements.length} statements (${traced} ok) over ${history.length}: median ${(wall / 1000).toFixed(2)} s of ${RUNS} runs (load ${loadavg()[0].toFixed(2)})  target < 5 s  ${verdict(wall < 5000 && traced === 20)}`,
  );

  // The cluster's start: from the snapshot of a fresh one (the runs above) against initdb (a cache
  // without a snapshot), whole processes in turn. No target: the figure says what the snapshot saves.
  const cache = join(root, '.cache-for-initdb');
  const traceWith = (env) => () =>
    timed(process.execPath, [CLI, 'trace', 'db/002_change.sql', '--format', 'json'], root, env);
  const fromSnapshot = traceWith(process.env);
  const initdb = () => {
    rmSync(cache, { recursive: true, force: true });
    return traceWith({ ...process.env, SLIPWAY_CACHE_DIR: cache })();
  };
  const start = paired(fromSnapshot, initdb, RUNS);
  console.log(
    `the same trace, its cluster from a fresh one's snapshot vs initdb: ${start.a.toFixed(2)} s vs ${start.b.toFixed(2)} s median, ${start.ratio.toFixed(2)}x pair by pair`,
  );

  // The hover: the kept trace matched to the file as it is now, 2,000 statements of it traced.
  await core.initMigrationParsers();
  const big = Array.from({ length: 2000 }, (_, i) => `ALTER TABLE t${i % 100} ADD COLUMN c${i} int;`);
  const text = `${big.join('\n')}\n`;
  const statements = big.map((sql, i) => ({
    file: 'db/big.sql',
    line: i + 1,
    sql: sql.slice(0, -1),
    locks: [{ mode: 'AccessExclusiveLock', relation: `t${i % 100}` }],
    rewrites: [],
    ms: 1,
    status: 'ok',
  }));
  const kept = { statements, findings: [] };
  const times = [];
  let matched = 0;
  for (let i = 0; i < 11; i++) {
    const start = performance.now();
    matched = core.matchTrace(kept, 'db/big.sql', text).length;
    times.push(performance.now() - start);
  }
  const hover = median(times.slice(1));
  console.log(
    `first hover's matching on a 2,000-statement traced file: median ${hover.toFixed(1)} ms (${matched} matched; load ${loadavg()[0].toFixed(2)})  target < 100 ms  ${verdict(hover < 100 && matched === 2000)}`,
  );
  // The kept trace is the report itself.
  const keptOnDisk = JSON.parse(readFileSync(join(root, '.git/slipway/trace.json'), 'utf8'));
  if (keptOnDisk.statements.length !== report.statements.length) throw new Error('kept trace differs');
} finally {
  rmSync(root, { recursive: true, force: true });
}
