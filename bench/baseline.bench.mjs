// The findings baseline on 10,000 findings (500 SQL migrations of 20 DROP TABLEs each, MIG001),
// through the real engine on an in-memory repository. Targets:
//   1. `slipway baseline`'s work after the check (fingerprint 10,000 findings, write the file
//      sorted) ≤ 1 s; the whole run, check included, is printed beside it.
//   2. Matching adds ≤ 5% to the tree check: the check with the baseline against the same check
//      with none, medians of alternating runs; on the synthetic worst case (every statement a
//      finding), then on real Alembic histories judged whole (3.), whose checks are short enough
//      in process that a millisecond is several percent: the whole CLI process is the user's figure.
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
  `check --tree, ${entries} findings: ${without.toFixed(0)} ms without a baseline, ${withMs.toFixed(0)} ms with it: +${(overhead * 100).toFixed(1)}% (target ≤ ${OVERHEAD_TARGET * 100}%) ${overhead <= OVERHEAD_TARGET ? 'PASS' : 'FAIL'}; matching alone ${matchMs.toFixed(0)} ms`,
);

// 3. The same ratio on real histories (Glance, committed; Ironic, Octavia, Magnum once the corpus
// cache holds them), judged whole (no applied_through): what a team that baselines its history
// instead of declaring it run pays on every check.
const { readdirSync, readFileSync, statSync, existsSync } = await import('node:fs');
const { join, relative } = await import('node:path');
const { homedir } = await import('node:os');
const cache = join(
  process.env.SLIPWAY_CORPUS_CACHE ?? join(homedir(), '.cache', 'slipway-corpus'),
  'alembic',
);
const committed = new URL('../test/corpus/alembic/', import.meta.url).pathname;
const realPolicyText = 'version: 1\nmigrations:\n  alembic: migrations/versions\n';
const { document: realPolicy } = parsePolicyText(realPolicyText);
const realCheck = (repo, baseline) =>
  runCheck({ policy: realPolicy, repo, sha256: nativeSha256, ...(baseline ? { baseline } : {}) });
for (const name of ['glance', 'ironic', 'octavia', 'magnum']) {
  const dir = [join(cache, name, 'versions'), join(committed, name, 'versions')].find((d) => existsSync(d));
  if (!dir) continue;
  const tree = { 'slipway.yaml': realPolicyText };
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const full = join(d, n);
      if (statSync(full).isDirectory()) walk(full);
      else if (!n.endsWith('.pyc'))
        tree[`migrations/versions/${relative(dir, full)}`] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  const found = realCheck(new MemoryRepo(tree), 'record').findings;
  const withTree = {
    ...tree,
    '.slipway/baseline.json': serializeBaseline(buildBaseline(found, (f) => tree[f], nativeSha256)),
  };
  realCheck(new MemoryRepo(withTree)); // warm
  const plainRuns = [];
  const baselinedRuns = [];
  for (let i = 0; i < RUNS; i++) {
    plainRuns.push(time(() => realCheck(new MemoryRepo(tree))).ms);
    const w = time(() => realCheck(new MemoryRepo(withTree)));
    if (w.out.findings.length !== 0) throw new Error(`${name}: the baseline did not accept every finding`);
    baselinedRuns.push(w.ms);
  }
  const a = median(baselinedRuns);
  const b = median(plainRuns);
  const ratio = (a - b) / b;
  console.log(
    `check --tree on ${name}'s history (${Object.keys(tree).length - 1} files, ${found.length} findings baselined): ${b.toFixed(0)} ms without, ${a.toFixed(0)} ms with: +${(ratio * 100).toFixed(1)}% (target ≤ ${OVERHEAD_TARGET * 100}%) ${ratio <= OVERHEAD_TARGET ? 'PASS' : 'FAIL'}`,
  );
}
