// Real histories beside squawk: the corpus cache of scripts/fetch-corpus.sh (Debian packages'
// Alembic histories; none ships .sql migrations), as whole processes, medians of RUNS runs.
//
// 1. `slipway check --tree --format json` on every cached Alembic history at once (one repository,
//    `migrations.alembic` listing each tree), full analysis, against CPython's `ast.parse` of the
//    same files in one python3 process: on the main thread alone (`--jobs 1`, target <= 1.5x)
//    and with the worker pool (one thread per core, target <= 1.0x on 2 cores). squawk reads no
//    Python, so it has no figure here.
// 2. The same SQL for both: the literal SQL each revision runs (`op.execute("...")`,
//    `text("...")`), one .sql file per revision (bench/alembic-execute-sql.py), checked by
//    `slipway check --tree` and by squawk 2.66 (the `squawk-cli` dev dependency's native binary),
//    in turn A B A B so that the machine's drift hits both alike. The findings of each are counted:
//    squawk lints every statement as if it ran on an existing table with nothing known about the
//    rest of the history; Slipway reports what its rules find (no target: the counts are there to
//    be read, not compared as a score). Cold (`--no-cache`, `--jobs 1`): target <= 1.5x squawk;
//    warm (`--cache`, filled by the run before): target <= 0.6x squawk; the worker pool forced on
//    (one thread per core) and an empty `node -e 0` (the floor under any Node.js program) beside
//    them, for information (side-by-side.mjs).
// Build first (`pnpm bench` does).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeFloor, paired, targetLine, timed as timedRun } from './side-by-side.mjs';
import { skip } from './skip.mjs';
import { squawkBinary } from './squawk-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(root, 'packages/cli/dist/slipway.mjs');
const CACHE = join(
  process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'),
  'alembic',
);
const RUNS = 5;

const pad = (s) => s.padEnd(34);

function git(dir, ...args) {
  execFileSync('git', ['-c', 'user.email=b@example.com', '-c', 'user.name=b', ...args], { cwd: dir });
}

const trees = existsSync(CACHE) ? readdirSync(CACHE).sort() : [];
if (trees.length === 0) skip(`the Alembic corpus is empty (${CACHE}): run scripts/fetch-corpus.sh`);
console.log(
  `${pad('machine')}${availableParallelism()} cores (shared), ${RUNS} runs each, medians of wall time`,
);

// 1. The Alembic histories themselves.
const dir = mkdtempSync(join(tmpdir(), 'slipway-corpus-bench-'));
for (const tree of trees) execFileSync('cp', ['-r', join(CACHE, tree, 'versions'), join(dir, tree)]);
const folders = trees.map((t) => `"${t}"`).join(', ');
writeFileSync(join(dir, 'slipway.yaml'), `version: 1\nmigrations:\n  alembic: [${folders}]\n`);
git(dir, 'init', '-q');
git(dir, 'add', '-A');
const revisions = execFileSync('git', ['ls-files', '*.py'], { cwd: dir, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f !== '' && !f.endsWith('__init__.py')).length;
const py = execFileSync('git', ['ls-files', '*.py'], { cwd: dir, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);
const alembicRun = (jobs) => () =>
  timedRun(process.execPath, [CLI, 'check', '--tree', '--format', 'json', '--no-cache', '--jobs', jobs], dir);
// CPython's ast.parse of the same files, one process, one thread: the yardstick of Python reading.
const astRun = () =>
  timedRun(
    'python3',
    ['-c', 'import ast,sys\nfor p in sys.argv[1:]:\n    ast.parse(open(p,"rb").read())', ...py],
    dir,
  );
const alone = paired(alembicRun('1'), astRun, RUNS);
const pooled = paired(alembicRun(String(availableParallelism())), astRun, RUNS);
const alembicFindings = JSON.parse(alone.out.toString('utf8')).findings.length;
console.log(`${pad('Alembic histories')}${trees.length} trees, ${revisions} revision files`);
console.log(`${pad('CPython ast.parse, whole process')}${alone.b.toFixed(2)} s`);
console.log(
  `${pad('slipway check, --jobs 1')}${alone.a.toFixed(2)} s, ${alembicFindings} findings; squawk: reads no Python`,
);
console.log(targetLine(pad, '  /ast.parse (paired)', alone.ratio, 1.5));
console.log(`${pad(`slipway check, --jobs ${availableParallelism()}`)}${pooled.a.toFixed(2)} s`);
console.log(targetLine(pad, '  /ast.parse (paired)', pooled.ratio, 1.0));
console.log(
  `${pad('same report, pool and alone')}${pooled.out.equals(alone.out) ? 'yes  PASS' : 'NO  FAIL'}`,
);
rmSync(dir, { recursive: true, force: true });

// 2. The same SQL for both.
const sqlDir = mkdtempSync(join(tmpdir(), 'slipway-corpus-sql-bench-'));
mkdirSync(join(sqlDir, 'sql'));
const pairs = trees.map((t) => `${t}=${join(CACHE, t, 'versions')}`);
const extracted = JSON.parse(
  execFileSync('python3', [join(root, 'bench/alembic-execute-sql.py'), join(sqlDir, 'sql'), ...pairs], {
    encoding: 'utf8',
  }),
);
writeFileSync(join(sqlDir, 'slipway.yaml'), 'version: 1\nmigrations:\n  sql: ["sql/**/*.sql"]\n');
git(sqlDir, 'init', '-q');
git(sqlDir, 'add', '-A');
const squawk = squawkBinary(root);
const sqlFiles = execFileSync('git', ['ls-files', 'sql'], { cwd: sqlDir, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);
const cacheHome = mkdtempSync(join(tmpdir(), 'slipway-corpus-sql-bench-cache-'));
const sqlEnv = { ...process.env, XDG_CACHE_HOME: cacheHome };
const slipwayRun =
  (flags, extraEnv = {}) =>
  () =>
    timedRun(process.execPath, [CLI, 'check', '--tree', '--format', 'json', ...flags], sqlDir, {
      ...sqlEnv,
      ...extraEnv,
    });
const squawkRun = () => timedRun(squawk.cmd, [...squawk.args, '--reporter', 'json', ...sqlFiles], sqlDir);
const cold = paired(slipwayRun(['--no-cache', '--jobs', '1']), squawkRun, RUNS);
const pool = paired(
  slipwayRun(['--no-cache', '--jobs', String(availableParallelism())], { SLIPWAY_WORKER_MIN_CHARS: '0' }),
  squawkRun,
  RUNS,
);
const warm = paired(slipwayRun(['--cache']), squawkRun, RUNS);
const floor = nodeFloor(squawkRun, RUNS);
rmSync(cacheHome, { recursive: true, force: true });
const slipwaySql = { s: cold.a, out: cold.out.toString('utf8') };
const squawkSql = { s: cold.b, out: squawkRun().out.toString('utf8') };
const slipwayFindings = JSON.parse(slipwaySql.out).findings;
const squawkFindings = squawkSql.out.trim() ? JSON.parse(squawkSql.out) : [];
const byRule = (list, key) =>
  Object.entries(
    list.reduce((acc, f) => {
      acc[f[key]] = (acc[f[key]] ?? 0) + 1;
      return acc;
    }, {}),
  )
    .sort((a, b) => b[1] - a[1])
    .map(([rule, n]) => `${rule} ${n}`)
    .join(', ');
console.log(`${pad('their literal SQL')}${extracted.files} .sql files, ${extracted.statements} statements`);
console.log(
  `${pad('slipway check --tree (median)')}${slipwaySql.s.toFixed(2)} s, ${slipwayFindings.length} findings (${byRule(slipwayFindings, 'rule')})`,
);
console.log(
  `${pad('squawk (median)')}${squawkSql.s.toFixed(2)} s, ${squawkFindings.length} findings (${byRule(squawkFindings, 'rule_name')})`,
);
console.log(targetLine(pad, '  cold/squawk (paired)', cold.ratio, 1.5));
console.log(
  `${pad('slipway, pool forced')}${pool.a.toFixed(3)} s, ${pool.ratio.toFixed(2)}x squawk (for information)`,
);
console.log(`${pad('slipway warm (--cache)')}${warm.a.toFixed(3)} s`);
console.log(targetLine(pad, '  warm/squawk (paired)', warm.ratio, 0.6));
console.log(
  `${pad('floor: node -e 0')}${floor.a.toFixed(3)} s, ${floor.ratio.toFixed(2)}x squawk (no Node.js program is faster)`,
);
console.log(
  `${pad('same report cold, pool and warm')}${cold.out.equals(warm.out) && cold.out.equals(pool.out) ? 'yes  PASS' : 'NO  FAIL'}`,
);
rmSync(sqlDir, { recursive: true, force: true });
