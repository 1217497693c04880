// The findings baseline on 10,000 findings (500 SQL migrations of 20 DROP TABLEs each, MIG001),
// through the real engine on an in-memory repository. Targets:
//   1. `slipway baseline`'s work after the check (fingerprint 10,000 findings, write the file
//      sorted) ≤ 1 s; the whole run, check included, is printed beside it.
//   2. Matching adds ≤ 5% to the tree check "on each real fixture": judged in 3., on real Alembic
//      histories, as the whole CLI process a user runs. The synthetic worst case here (every
//      statement a finding, 10,000 of them, in process, where the check itself is only ~50 ms) is
//      printed for information: it is far over, the cost being one SHA-256 and a few small strings
//      per finding and the 1.2 MB file's parse (whole process, that case is ~+25% CPU).
// Build first: `node scripts/build.mjs --core` (pnpm bench does).
import { performance } from 'node:perf_hooks';
import {
  buildBaseline,
  initMigrationParsers,
  MemoryRepo,
  matchBaseline,
  parseBaseline,
  parsePolicyText,
  runCheck,
  serializeBaseline,
} from '../packages/policy-core/dist/index.js';
import { nativeSha256 } from '../packages/policy-core/dist/node/index.js';
import { CPU_WRAPPER, cpuMsOf } from './cpu-wrapper.mjs';

const MIGRATIONS = 500;
const DROPS = 20;
const RUNS = 7;
const BASELINE_TARGET_MS = 1000;
const OVERHEAD_TARGET = 0.05;

const policyText = 'version: 1\nmigrations:\n  sql: ["db/migrations/*.sql"]\n';
const { document: policy } = parsePolicyText(policyText);
const files = { 'slipway.yaml': policyText };
for (let m = 0; m < MIGRATIONS; m++) {
  const lines = ["SET lock_timeout = '5s';"];
  for (let d = 0; d < DROPS; d++) lines.push(`-- retire table ${d} of batch ${m}`, `DROP TABLE t_${m}_${d};`);
  files[`db/migrations/${String(m).padStart(4, '0')}_drop.sql`] = `${lines.join('\n')}\n`;
}
await initMigrationParsers();

const check = (repo, baseline) =>
  runCheck({ policy, repo, sha256: nativeSha256, ...(baseline ? { baseline } : {}) });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const t = performance.now();
  const out = fn();
  return { ms: performance.now() - t, out };
};

// 1. slipway baseline: the check in record mode, then fingerprints and the file's text.
const plain = new MemoryRepo(files);
check(plain, 'record'); // warm: parsers, JIT
const recordRuns = [];
const afterRuns = [];
let text = '';
for (let i = 0; i < RUNS; i++) {
  const whole = time(() => {
    const result = check(new MemoryRepo(files), 'record');
    const after = time(() =>
      serializeBaseline(buildBaseline(result.findings, (f) => files[f], nativeSha256)),
    );
    afterRuns.push(after.ms);
    return after.out;
  });
  recordRuns.push(whole.ms);
  text = whole.out;
}
const entries = (parseBaseline(text, 'b.json').baseline?.findings ?? []).length;
if (entries !== MIGRATIONS * DROPS) throw new Error(`expected ${MIGRATIONS * DROPS} entries, got ${entries}`);
const afterMs = median(afterRuns);
console.log(
  `slipway baseline, ${entries} findings: fingerprint + write ${afterMs.toFixed(0)} ms (target ≤ ${BASELINE_TARGET_MS} ms) ${afterMs <= BASELINE_TARGET_MS ? 'PASS' : 'FAIL'}; whole run with the check ${median(recordRuns).toFixed(0)} ms`,
);

// 2. check --tree with the baseline against without one, alternating so that drift hits both.
const withBaseline = { ...files, '.slipway/baseline.json': text };
const withRuns = [];
const withoutRuns = [];
for (let i = 0; i < RUNS; i++) {
  withoutRuns.push(time(() => check(new MemoryRepo(files))).ms);
  const w = time(() => check(new MemoryRepo(withBaseline)));
  if (w.out.findings.length !== 0 || w.out.scope.baseline?.findings.length !== entries)
    throw new Error('the baseline did not accept every finding');
  withRuns.push(w.ms);
}
const without = median(withoutRuns);
const withMs = median(withRuns);
const overhead = (withMs - without) / without;
// The matching alone, over the same findings: what the ratio above should be made of.
const findings = check(new MemoryRepo(files), 'record').findings;
const baseline = parseBaseline(text, 'b.json').baseline;
const matchMs = median(
  Array.from(
    { length: RUNS },
    () => time(() => matchBaseline(findings, (f) => files[f], baseline, { sha256: nativeSha256 })).ms,
  ),
);
console.log(
  `worst case, in process: check --tree, ${entries} findings: ${without.toFixed(0)} ms without a baseline, ${withMs.toFixed(0)} ms with it: +${(overhead * 100).toFixed(1)}% (for information; the target is judged on real histories below); matching alone ${matchMs.toFixed(0)} ms`,
);

// 3. On real histories (Glance, committed; Ironic, Octavia, Magnum, Neutron once the corpus cache
// holds them), judged whole (no applied_through), as a user runs it: the built CLI's
// `check --tree` in a real git repository with `slipway baseline`'s file, against the same tree
// without one, alternating, medians of wall and CPU time. CPU time (the CLI process's own, from
// bench/cpu-wrapper.mjs, in microseconds; the git it starts is the same work with or without a
// baseline) does not count waiting for a core on a busy machine. This is the figure: the in-process
// checks of part 2 last 10–20 ms on these trees, where a millisecond is several percent.
const { existsSync, mkdtempSync, cpSync, rmSync, writeFileSync, readdirSync } = await import('node:fs');
const { spawnSync } = await import('node:child_process');
const { join } = await import('node:path');
const { homedir, tmpdir, availableParallelism } = await import('node:os');
const cache = join(
  process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'),
  'alembic',
);
const committed = new URL('../test/corpus/alembic/', import.meta.url).pathname;
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
};
const git = (cwd, ...args) => spawnSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' });
const cliRun = (cwd, args) => {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CPU_WRAPPER, ...args], { cwd, env: gitEnv, encoding: 'utf8' });
  return { r, wall: performance.now() - t, cpu: cpuMsOf(r.stderr) };
};
const REAL_RUNS = 11;
const work = mkdtempSync(join(tmpdir(), 'slipway-baseline-bench-'));
try {
  for (const name of ['glance', 'ironic', 'octavia', 'magnum', 'neutron']) {
    const dir = [join(cache, name, 'versions'), join(committed, name, 'versions')].find((d) => existsSync(d));
    if (!dir) {
      console.log(`  ${name}: SKIP: its Alembic versions are in neither ${cache} nor ${committed}`);
      continue;
    }
    const plainRepo = join(work, `${name}-plain`);
    cpSync(dir, join(plainRepo, 'migrations/versions'), {
      recursive: true,
      filter: (src) => !src.endsWith('.pyc') && !src.endsWith('__pycache__'),
    });
    writeFileSync(
      join(plainRepo, 'slipway.yaml'),
      'version: 1\nmigrations:\n  alembic: migrations/versions\n',
    );
    git(plainRepo, 'init', '-q');
    git(plainRepo, 'add', '-A');
    git(plainRepo, 'commit', '-qm', 'history');
    const baselinedRepo = join(work, `${name}-baselined`);
    cpSync(plainRepo, baselinedRepo, { recursive: true });
    const made = cliRun(baselinedRepo, ['baseline']);
    if (made.r.status !== 0) throw new Error(`${name}: slipway baseline failed: ${made.r.stderr}`);
    git(baselinedRepo, 'add', '-A');
    git(baselinedRepo, 'commit', '-qm', 'baseline');
    const args = ['check', '--tree', '--format', 'json'];
    const accepted = JSON.parse(cliRun(baselinedRepo, args).r.stdout); // also warms the result cache
    cliRun(plainRepo, args);
    if (accepted.findings.length !== 0) throw new Error(`${name}: the baseline did not accept every finding`);
    const without = { wall: [], cpu: [] };
    const withIt = { wall: [], cpu: [] };
    for (let i = 0; i < REAL_RUNS; i++) {
      const b = cliRun(plainRepo, args);
      without.wall.push(b.wall);
      without.cpu.push(b.cpu);
      const a = cliRun(baselinedRepo, args);
      withIt.wall.push(a.wall);
      withIt.cpu.push(a.cpu);
    }
    const ratio = (xs, ys) => median(xs) / median(ys) - 1;
    const cpuRatio = ratio(withIt.cpu, without.cpu);
    const wallRatio = ratio(withIt.wall, without.wall);
    const files = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.py')).length;
    console.log(
      `slipway check --tree on ${name}'s history (${files} .py files, ${accepted.summary.baselined} findings baselined, ${availableParallelism()} cores): wall ${median(without.wall).toFixed(0)} → ${median(withIt.wall).toFixed(0)} ms (${(wallRatio * 100).toFixed(1)}%), cpu ${median(without.cpu).toFixed(0)} → ${median(withIt.cpu).toFixed(0)} ms (${(cpuRatio * 100).toFixed(1)}%) (target ≤ +${OVERHEAD_TARGET * 100}%) ${cpuRatio <= OVERHEAD_TARGET ? 'PASS' : 'FAIL'}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
