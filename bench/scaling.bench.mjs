// Scaling: a gate no input can stall costs time linear in its input. For each unit a pull request
// can multiply (ops in one Alembic migration, ops on one line, statements in one SQL file,
// requirement lines, audit entries, update-state entries, files in a change), the whole
// `slipway check --tree --format json` process (`check --base main` for a change) at n, 2n and 4n,
// less the same command on a repository of the same kind holding one unit (the start-up floor).
// Target: each doubling of n costs at most 2.2× (linear is 2×, quadratic 4×).
// Absolute targets, whole process: one Alembic migration of 160,000 ops in ≤ 2 s; a 10 MB SQL seed
// migration analysed in ≤ 2 s, its DROP TABLE reported on its line; an update state of 100,000
// entries answered with findings, no crash, in ≤ 1 s.
// packages/policy-core/test/scaling/ holds the same kinds to a bound in CPU time, in process.
// Build first (`node bench/run.mjs scaling` does). `node bench/scaling.bench.mjs c g` runs only
// those kinds; `abs` names the absolute targets.
import { cpus, loadavg } from 'node:os';
import { changeRepo, treeRepo } from './scaling/bench-repo.mjs';
import { alembicOps, KINDS, sqlSeed, updateState } from './scaling/inputs.mjs';
import { answered, leastInRounds } from './scaling/timed-check.mjs';

const PER_DOUBLING = 2.2;
const TREE = ['check', '--tree', '--format', 'json'];
const CHANGE = ['check', '--base', 'main', '--format', 'json'];

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' ',
    )} on ${cpus().length} cores; times are the least of 3–5 runs (of one, past 4 s), cpu is that run's own`,
);
// A killed run reports no CPU time.
const fmt = (ms) => (Number.isNaN(ms) ? '-' : `${ms.toFixed(0)} ms`);
const count = (n) => n.toLocaleString('en-US');

/** The repository of `kind` at size n, built once and cached (its input made only to build it). */
function repoOf(kind, n) {
  const name = `scaling-v1-${kind.id}-${n}`;
  if (kind.change) return changeRepo(name, () => kind.make(n));
  return treeRepo(name, () => withPolicy(kind.make(n)));
}
const withPolicy = (input) => ({ 'slipway.yaml': input.policy, ...input.files });

let crashed = false;
/** Says so when the CLI did not answer (exit 2: a family threw): a crash is no figure. */
function answeredOrSaid(run) {
  if (answered(run)) return true;
  console.log(`  the check exited ${run.status}: ${`${run.stderr}${run.stdout}`.trim().slice(0, 300)}`);
  crashed = true;
  return false;
}

const only = process.argv.slice(2);
const wanted = (id) => only.length === 0 || only.includes(id);
for (const kind of KINDS.filter((k) => wanted(k.id))) {
  const args = kind.change ? CHANGE : TREE;
  const sizes = [kind.n, 2 * kind.n, 4 * kind.n];
  // The floor (one unit) and the three sizes, in rounds. Past 30 s a run is stopped: quadratic
  // code at 4n can take minutes.
  const jobs = [1, ...sizes].map((n) => ({ dir: repoOf(kind, n), args, limitMs: 30_000 }));
  const [floor, ...runs] = leastInRounds(jobs);
  // Below the floor's own noise (the spread of its runs, 10 ms at least) a time past start-up is
  // no figure: a ratio over it would say anything, or (floored) 1.00 and a PASS that checked
  // nothing. Such a doubling is a SKIP that says so; a larger n would measure it.
  const noise = Math.max(floor.spread, 10);
  console.log(
    `\n(${kind.id}) ${kind.name}: start-up floor ${fmt(floor.ms)} ± ${fmt(floor.spread)} (cpu ${fmt(floor.cpu)})`,
  );
  answeredOrSaid(floor);
  let previous;
  for (const [i, run] of runs.entries()) {
    const ok = answeredOrSaid(run);
    const past = run.ms - floor.ms;
    const more = run.timedOut ? '> ' : '';
    let verdict = '';
    if (previous && previous.past <= noise)
      verdict = `  SKIP: n = ${count(sizes[i - 1])} took ${fmt(previous.past)} past start-up, within its noise (${fmt(noise)}): no ratio`;
    else if (previous) {
      const ratio = past / previous.past;
      // A stopped run is a lower bound, and so is its ratio: a pass only when neither was stopped.
      const pass = ok && !run.timedOut && !previous.timedOut && ratio <= PER_DOUBLING;
      verdict =
        `${more}${ratio.toFixed(2)}× per doubling`.padStart(22) +
        `  ≤ ${PER_DOUBLING}×  ${pass ? 'PASS' : 'FAIL'}`;
    }
    console.log(
      `  (${kind.id}) n = ${count(sizes[i]).padStart(7)}  ${`${more}${fmt(past)}`.padStart(11)} past start-up  (cpu ${fmt(run.cpu).padStart(8)})${verdict}`,
    );
    previous = { past, timedOut: run.timedOut };
  }
}

/** The least of three runs of one check (one, past 4 s), stopped at 15 s. */
function check(dir) {
  const [run] = leastInRounds([{ dir, args: TREE, limitMs: 15_000 }], { maxRounds: 3 });
  return { ...run, crashed: !answeredOrSaid(run) };
}

if (!wanted('abs')) process.exit(crashed ? 1 : 0);
console.log('\nabsolute targets (whole process, wall time; a run is stopped at 15 s)');
const row = (name, run, targetMs, extra = true) => {
  const pass = !run.crashed && !run.timedOut && run.ms <= targetMs && extra;
  const value = `${run.timedOut ? '> ' : ''}${fmt(run.ms)}`;
  console.log(
    `  ${name.padEnd(52)} ${value.padStart(11)}  ≤ ${fmt(targetMs)}  ${pass ? 'PASS' : 'FAIL'}  (cpu ${fmt(run.cpu)})`,
  );
};

// 1. One Alembic migration of 160,000 op.drop_table calls.
const bigAlembic = check(treeRepo('scaling-v1-alembic-160000', () => withPolicy(alembicOps(160_000))));
row('Alembic migration, 160,000 ops', bigAlembic, 2000);

// 2. A 10 MB seed: analysed (not refused by a limit) and its DROP TABLE found on its own line.
const seed = sqlSeed();
const seedRun = check(
  treeRepo('scaling-v1-sql-seed-10mb', () => ({
    'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/**/*.sql"]\n',
    'db/0001_seed.sql': seed.text,
  })),
);
const seedFindings = seedRun.timedOut || seedRun.crashed ? [] : JSON.parse(seedRun.stdout).findings;
const drop = seedFindings.find((f) => f.rule === 'MIG001' && /legacy_customers/.test(f.message));
row(`SQL seed 10 MB (${count(seed.statements)} statements)`, seedRun, 2000, drop?.line === seed.dropLine);
console.log(
  `    DROP TABLE on line ${count(seed.dropLine)}: ${drop ? `MIG001 reported on line ${count(drop.line)}` : 'not reported'}; findings: ${[...new Set(seedFindings.map((f) => f.rule))].join(', ') || 'none'}`,
);

// 3. 100,000 update-state entries, each wrong: findings, exit 0 or 1, in a second.
const stateRun = check(treeRepo('scaling-v1-update-state-100000', () => withPolicy(updateState(100_000))));
const stateFindings = stateRun.timedOut || stateRun.crashed ? [] : JSON.parse(stateRun.stdout).findings;
const upd = stateFindings.filter((f) => f.rule === 'UPD003').length;
row('update state, 100,000 entries: findings, no crash', stateRun, 1000, upd > 0);
console.log(`    exit ${stateRun.status ?? 'killed'}, ${count(upd)} UPD003 finding(s) listed`);
if (crashed) process.exitCode = 1;
