// `extends:` a shared base, warm (the base already in the verified cache). Target: a whole
// `slipway check --tree` process costs ≤ 5 ms more with `extends:` than with the same merged
// policy written out in full; medians of alternating runs, wall time and the process's own CPU
// time (on a loaded machine wall time includes waiting for a core, so the CPU figure is the one
// judged, the wall figure printed beside it). In process, the added work alone (read the cache
// entry, re-hash the commit, trees and blob, parse the base, merge) is printed for information.
// Build first: `node scripts/build.mjs` (pnpm bench does).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadPolicy } from '../packages/policy-core/dist/node/index.js';

const RUNS = 41;
const TARGET_MS = 5;
const cli = fileURLToPath(new URL('../packages/cli/dist/slipway.mjs', import.meta.url));
const preload = fileURLToPath(new URL('./cpu-at-exit.mjs', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const BASE = `version: 1
protected:
  label: approved-core-change
  paths: [ledger/core/, billing/]
agents:
  branches: ["agent/*", "auto/*"]
  allowed: [docs/, tools/]
  limits: { files: 20, lines: 800 }
migrations:
  sql: ["db/*.sql"]
max_waiver_days: 90
rules:
  MIG001: error
`;
const OWN = 'protected:\n  paths: [payments/]\n';

const tmp = mkdtempSync(join(tmpdir(), 'slipway-extends-bench-'));
const env = {
  ...process.env,
  SLIPWAY_CACHE_DIR: join(tmp, 'cache'),
  // The base is a bare repository in a temp folder, served as git+file://.
  SLIPWAY_ALLOW_FILE_BASES: '1',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
function repository(dir, files) {
  git(tmp, 'init', '-q', '-b', 'main', dir);
  for (const [path, text] of Object.entries(files)) {
    execFileSync('mkdir', ['-p', join(dir, path, '..')]);
    writeFileSync(join(dir, path), text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'init');
  return dir;
}

const policies = repository(join(tmp, 'policies'), { 'slipway-base.yaml': BASE });
const sha = git(policies, 'rev-parse', 'HEAD');
git(tmp, 'clone', '-q', '--bare', policies, join(tmp, 'policies.git'));
const code = {
  'db/0001_create.sql': "SET lock_timeout = '5s';\nCREATE TABLE t (id int);\n",
  'docs/index.md': '# docs\n',
  'ledger/core/book.py': 'x = 1\n',
  'billing/invoice.py': 'y = 2\n',
  'payments/pay.py': 'z = 3\n',
};
const extending = repository(join(tmp, 'extending'), {
  ...code,
  'slipway.yaml': `version: 1\nextends: git+file://${join(tmp, 'policies.git')}#slipway-base.yaml@${sha}\n${OWN}`,
});
// The same effective policy written out in full (lists appended as the merge appends them).
const inline = repository(join(tmp, 'inline'), {
  ...code,
  'slipway.yaml': BASE.replace(
    'paths: [ledger/core/, billing/]',
    'paths: [ledger/core/, billing/, payments/]',
  ),
});

function run(cwd) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', preload, cli, 'check', '--tree'], {
    cwd,
    env,
    encoding: 'utf8',
  });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`check exited ${r.status}: ${r.stdout}${r.stderr}`);
  const m = /cpu-at-exit (\d+)\s*$/.exec(r.stderr);
  return { wall, cpu: m ? Number(m[1]) / 1000 : Number.NaN };
}

// Warm: the first run fetches the base into the cache; the page cache holds the bundles.
run(extending);
run(inline);
const w = { wall: [], cpu: [] };
const n = { wall: [], cpu: [] };
for (let i = 0; i < RUNS; i++) {
  const a = run(inline);
  n.wall.push(a.wall);
  n.cpu.push(a.cpu);
  const b = run(extending);
  w.wall.push(b.wall);
  w.cpu.push(b.cpu);
}

// In process: loadPolicy with and without extends (the cache entry read and verified each time).
const inProcess = (dir) => {
  const xs = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    const loaded = loadPolicy(dir);
    xs.push(performance.now() - t);
    if (loaded.kind !== 'ok') throw new Error(`policy in ${dir}: ${loaded.kind}`);
  }
  return median(xs.slice(50));
};
process.env.SLIPWAY_CACHE_DIR = env.SLIPWAY_CACHE_DIR;
process.env.SLIPWAY_ALLOW_FILE_BASES = '1';
const loadWith = inProcess(extending);
const loadWithout = inProcess(inline);
rmSync(tmp, { recursive: true, force: true });

const cpuDiff = median(w.cpu) - median(n.cpu);
const wallDiff = median(w.wall) - median(n.wall);
const f = (x) => x.toFixed(1);
const signed = (x, digits = 1) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
console.log(
  `extends.warm-check-cpu ${signed(cpuDiff)} ms (target ≤ ${TARGET_MS} ms) ${cpuDiff <= TARGET_MS ? 'PASS' : 'FAIL'}  (CPU ${f(median(w.cpu))} vs ${f(median(n.cpu))} ms, medians of ${RUNS} alternating runs)`,
);
console.log(
  `extends.warm-check-wall ${signed(wallDiff)} ms (information)  (${f(median(w.wall))} vs ${f(median(n.wall))} ms, load average ${loadavg()[0].toFixed(1)})`,
);
console.log(
  `extends.load-policy-in-process ${signed(loadWith - loadWithout, 2)} ms (information)  (${loadWith.toFixed(2)} vs ${loadWithout.toFixed(2)} ms: cache read, re-hash, parse the base, merge)`,
);
