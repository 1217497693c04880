// `slipway test` on 200 policy test cases, the whole process as a user runs it (start, read the
// policy and the cases, run each through the engine, print). Target: ≤ 300 ms wall, median of
// 7 runs. Two suites: cases about paths, branches, identities and labels; and the same with one
// case in ten carrying a requirements file or a .sql migration's text (the rules that read files
// run, and PostgreSQL's parser loads). On a shared machine wall time includes waiting for a core:
// the process's own CPU time and the load average are printed beside it.
// Build first: `node scripts/build.mjs` (pnpm bench does).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CPU_WRAPPER, cpuMsOf } from './cpu-wrapper.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/cli/dist/slipway.mjs');
const CASES = 200;
const RUNS = 7;
const TARGET_MS = 300;

const POLICY = `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths: [backend/app/core/, backend/app/security/, backend/app/services/payments*, backend/app/db/migrations/]
agents:
  branches: ["auto/*"]
  identities: ["*[bot]@users.noreply.github.com", "mayassistant-agent@*"]
  allowed: [/docs/*.md, /backend/app/routers/, /backend/app/services/, /infrastructure/*.yml]
dependencies:
  requirements: backend/requirements.txt
  lock: backend/requirements.lock
  mode: mirror
  label: approved-dependency-upgrade
migrations:
  sql: ["backend/app/db/migrations/**/*.sql"]
`;

const AGENT = '"agent[bot] <1+agent[bot]@users.noreply.github.com>"';

/** The i-th case: one of the kinds a policy's suite holds, each with its own paths. */
function testCase(i, withText) {
  const n = i.toString().padStart(3, '0');
  const kind =
    withText && i % 10 === 0
      ? i % 20 === 0
        ? 'sql'
        : 'deps'
      : ['agent-core', 'person-core', 'labelled', 'allowed', 'outside', 'trailer', 'prod'][i % 7];
  switch (kind) {
    case 'agent-core':
      return c(
        n,
        'an agent edits core',
        `branch: auto/f${n}\n      author: ${AGENT}\n      files: [backend/app/core/m${n}.py]`,
        1,
        [`PATH003 backend/app/core/m${n}.py`],
      );
    case 'person-core':
      return c(n, 'a person edits security', `files: [backend/app/security/m${n}.py]`, 1, [
        `PATH001 backend/app/security/m${n}.py`,
      ]);
    case 'labelled':
      return c(
        n,
        'a labelled change to payments',
        `labels: [approved-core-change]\n      files: [backend/app/services/payments_${n}.py]`,
        0,
        [],
      );
    case 'allowed':
      return c(
        n,
        'an agent edits a router',
        `branch: auto/r${n}\n      files: [backend/app/routers/r${n}.py, docs/n${n}.md]`,
        0,
        [],
      );
    case 'outside':
      return c(n, 'an agent edits main', `branch: auto/o${n}\n      files: [backend/app/main${n}.py]`, 1, [
        `PATH002 backend/app/main${n}.py`,
      ]);
    case 'trailer':
      return c(
        n,
        'a co-authored change to core',
        `commits:\n        - author: Dev <dev@example.com>\n          trailers: ["Co-authored-by: Claude <noreply@anthropic.com>"]\n      files:\n        - renamed: backend/app/core/new${n}.py\n          from: backend/app/core/old${n}.py`,
        1,
        [`PATH003 backend/app/core/new${n}.py`],
      );
    case 'prod':
      return c(
        n,
        'an agent commits on main',
        `branch: main\n      author: ${AGENT}\n      files: [docs/p${n}.md]`,
        1,
        ['BR001 slipway.yaml'],
      );
    case 'deps':
      return c(
        n,
        'an unpinned requirement',
        `labels: [approved-dependency-upgrade]\n      files:\n        - modified: backend/requirements.txt\n          contents: "fastapi>=0.${n}\\n"\n      unchanged:\n        backend/requirements.lock: "fastapi==0.${n}.0\\n"`,
        1,
        ['DEP001 backend/requirements.txt:1'],
      );
    default:
      return c(
        n,
        'a migration drops a table',
        `labels: [approved-core-change]\n      files:\n        - added: backend/app/db/migrations/${n}_drop.sql\n          contents: "SET lock_timeout = '5s';\\nDROP TABLE t${n};\\n"`,
        1,
        [`MIG001 backend/app/db/migrations/${n}_drop.sql:2`],
      );
  }
}

function c(n, name, change, exit, findings) {
  const list = findings.length ? `[${findings.map((f) => JSON.stringify(f)).join(', ')}]` : 'none';
  return `  - name: ${name} (${n})\n    change:\n      ${change}\n    expect:\n      exit: ${exit}\n      findings: ${list}\n`;
}

function suite(withText) {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-policy-test-'));
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  writeFileSync(join(dir, 'slipway.yaml'), POLICY);
  const cases = Array.from({ length: CASES }, (_, i) => testCase(i, withText)).join('');
  writeFileSync(join(dir, 'slipway.tests.yaml'), `version: 1\ncases:\n${cases}`);
  return dir;
}

// NODE_EXTRA_CA_CERTS (set on some machines for a proxy's certificate) makes every Node process
// read and parse that bundle before V8 starts. The target is judged in the environment as it is;
// where it is set, the same runs without it are printed for information (as check.bench.mjs does).
const CA_VAR = 'NODE_EXTRA_CA_CERTS';
const withoutCa = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== CA_VAR));

function measure(dir, env = process.env) {
  const walls = [];
  const cpu = [];
  let summary;
  for (let i = 0; i < RUNS + 1; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [CPU_WRAPPER, 'test', '--format', 'json'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    const wall = performance.now() - t;
    if (r.status !== 0) {
      console.log(`unexpected exit ${r.status}: ${r.stderr.slice(0, 600)} ${r.stdout.slice(0, 600)}`);
      process.exit(1);
    }
    summary = JSON.parse(r.stdout).summary;
    // The first run warms the page cache and the compile cache; it is not counted.
    if (i === 0) continue;
    walls.push(wall);
    cpu.push(cpuMsOf(r.stderr));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: median(walls), min: Math.min(...walls), cpu: median(cpu), summary };
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`,
);
// The floor: node starting and printing `slipway --version` (the bundle's entry, no command).
function floorMs(env) {
  const floor = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    spawnSync(process.execPath, [cli, '--version'], { env });
    floor.push(performance.now() - t);
  }
  floor.sort((a, b) => a - b);
  return floor[Math.floor(RUNS / 2)];
}
console.log(
  `${'node + slipway --version (the floor)'.padEnd(58)} ${floorMs(process.env).toFixed(0).padStart(5)} ms`,
);
if (process.env[CA_VAR])
  console.log(`${`  the same without ${CA_VAR}`.padEnd(58)} ${floorMs(withoutCa).toFixed(0).padStart(5)} ms`);
for (const [name, withText] of [
  [`${CASES} cases: paths, branches, identities, labels`, false],
  [`${CASES} cases, 1 in 10 with a requirements or .sql text`, true],
]) {
  const dir = suite(withText);
  try {
    const m = measure(dir);
    const pass = m.wall <= TARGET_MS;
    console.log(
      `${name.padEnd(58)} ${m.wall.toFixed(0).padStart(5)} ms  ≤ ${TARGET_MS} ms  ${pass ? 'PASS' : 'FAIL'}  (min ${m.min.toFixed(0)} ms; cpu ${m.cpu.toFixed(0)} ms; in-process ${m.summary.ms} ms; ${m.summary.passed}/${m.summary.cases} passed)`,
    );
    if (process.env[CA_VAR]) {
      const n = measure(dir, withoutCa);
      console.log(
        `${`  the same without ${CA_VAR}`.padEnd(58)} ${n.wall.toFixed(0).padStart(5)} ms  (min ${n.min.toFixed(0)} ms; cpu ${n.cpu.toFixed(0)} ms; for information)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
