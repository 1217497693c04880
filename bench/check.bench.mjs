// `slipway check` on a 100,000-file repository with a 5,000-file change set, against the git
// floor: `git ls-files -z` plus `git diff --name-status -z base head`, run back to back.
// Target (the change-set check): wall time ≤ 2× the floor, with a paths-only policy, measured in the same run
// (beside it, what an empty `node -e 0` costs: the part of that budget any Node.js program spends first).
// The repository is built once with `git fast-import` and cached in .bench-cache/ (gitignored).
// Build first: `node scripts/build.mjs` (the CLI bundle); without it the bench skips. Second target (the base policy): reading and parsing the policy on the change's base (one
// `git cat-file --batch`, no checkout) adds under 10 ms. `SLIPWAY_TRACE_GIT=1 slipway check …` shows where a slow run spends its git time.
// Over 300 lines: one repository (built once, 100,000 files) and every figure taken on it, each
// measured in the same alternating loop so that drift hits all alike.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { skip } from './skip.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = 100_000;
const CHANGED = 5_000;
const RUNS = 7;
const TARGET = 2;
const BASE_POLICY_TARGET_MS = 10;
const repo = join(root, '.bench-cache', `check-repo-${FILES}-${CHANGED}-v2`);
const cli = join(root, 'packages/cli/dist/slipway.mjs');

const POLICY = `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths: [backend/app/core/, backend/app/security/, backend/app/services/payments*, backend/app/db/migrations/]
agents:
  branches: ["auto/*"]
  identities: ["*[bot]@users.noreply.github.com"]
  allowed: [/docs/*.md, /backend/app/routers/, /backend/app/services/, /backend/app/api/deps.py, /src/]
`;

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const git = (args, opts = {}) =>
  execFileSync('git', args, { cwd: repo, env: gitEnv, maxBuffer: 1 << 30, ...opts });

function pathOf(i) {
  // 100 top-level areas × 100 dirs × 10 files, with a few areas real policies protect.
  const areas = ['src', 'docs', 'backend/app/services', 'backend/app/routers', 'backend/app/core', 'tests'];
  const area = i % 100 < areas.length ? areas[i % 100] : `pkg${i % 100}`;
  return `${area}/mod${Math.floor(i / 1000) % 100}/file-${i}.txt`;
}

/** One fast-import stream: a base commit on main, then one commit on feature/bench touching 5,000 files. */
function buildRepo() {
  const tmp = `${repo}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', tmp]);
  const parts = [
    'commit refs/heads/main\ncommitter Bench <bench@example.com> 1767225600 +0000\ndata 4\nbase\n',
  ];
  const inline = (path, text) => `M 100644 inline ${path}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  parts.push(inline('slipway.yaml', POLICY));
  for (let i = 0; i < FILES - 1; i++) parts.push(inline(pathOf(i), `line ${i}\n`));
  // A person's feature branch: PATH001 weighs all 5,000 files against the protected paths and
  // reports the ~50 under backend/app/core/, a realistic amount of output.
  parts.push('commit refs/heads/feature/bench\ncommitter Bench <bench@example.com> 1767229200 +0000\n');
  parts.push('data 6\nchange\nfrom refs/heads/main\n');
  // 4,000 modified, 500 deleted, 500 added: the change set is 5,000 files.
  const step = Math.floor((FILES - 1) / 4_500);
  for (let k = 0; k < 4_500; k++) {
    const path = pathOf(k * step);
    parts.push(k < 4_000 ? inline(path, `changed ${k}\n`) : `D ${path}\n`);
  }
  for (let k = 0; k < 500; k++) parts.push(inline(`src/new/added-${k}.txt`, `new ${k}\n`));
  execFileSync('git', ['fast-import', '--quiet'], { cwd: tmp, input: parts.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['checkout', '-q', '-f', 'feature/bench'], { cwd: tmp });
  execFileSync('git', ['repack', '-adq'], { cwd: tmp });
  renameSync(tmp, repo);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function timeAsync(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function measureFloor() {
  return time(() => {
    git(['ls-files', '-z']);
    git(['diff', '--name-status', '-z', 'main', 'feature/bench']);
  });
}

// NODE_EXTRA_CA_CERTS (set on some machines for a proxy's certificate) makes every Node process
// read and parse that bundle before V8 starts: about 50 ms here, a third of Node's start-up. The
// target is judged in the environment as it is; the same run without it is printed for information.
const CA_VAR = 'NODE_EXTRA_CA_CERTS';
/** An empty Node.js process, as the CLI's is started (same environment). */
const measureNode = () => time(() => execFileSync(process.execPath, ['-e', '0']));

// The command the target names: the base given, as CI passes it. Without --base the base comes from
// the policy's production branch, so the change set's git starts only once the policy is parsed
// (startEarlyGit): that form is printed for information.
const CHECK_ARGS = ['check', '--repo', repo, '--base', 'main', '--format', 'json'];
const POLICY_BASE_ARGS = ['check', '--repo', repo, '--format', 'json'];

function measureCli(env = process.env, args = CHECK_ARGS) {
  return time(() => {
    const r = spawnSync(process.execPath, [cli, ...args], {
      env: { ...env, GITHUB_EVENT_PATH: '', GITHUB_HEAD_REF: '' },
      maxBuffer: 1 << 30,
    });
    // Exit 1 (findings at error severity) is a normal answer here.
    if (r.status !== 0 && r.status !== 1) {
      throw new Error(`slipway check exited ${r.status}: ${r.stderr.toString().trim().split('\n')[0]}`);
    }
  });
}

/**
 * The git adapters alone (file list and change set, concurrently, as `check` runs them), inside
 * this process: how much of the budget they take, apart from Node start-up, bundle loading,
 * policy parsing and the rules. Bundled from source with esbuild so that it needs no build step.
 */
async function loadAdapters() {
  const out = join(root, '.bench-cache', 'adapters.mjs');
  const src = join(root, 'packages/policy-core/src/node');
  await build({
    stdin: {
      contents: `export { openRepo } from ${JSON.stringify(join(src, 'fs-repo.ts'))};
export { readChangeSet } from ${JSON.stringify(join(src, 'git/read-change-set.ts'))};
export { loadGoverningPolicy, readPolicyFilesAt } from ${JSON.stringify(join(src, 'governing-policy.ts'))};
export { parsePolicyText } from ${JSON.stringify(join(src, '../policy/parse.ts'))};
export { POLICY_FILES } from ${JSON.stringify(join(src, '../policy/policy-files.ts'))};
export { readBlobsAtAsync } from ${JSON.stringify(join(src, 'git/base-reader.ts'))};
export { RAW_DIFF_ARGS } from ${JSON.stringify(join(src, 'git/name-status.ts'))};
export { runGit } from ${JSON.stringify(join(src, 'git/run-git.ts'))};`,
      resolveDir: src,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'warning',
    // The TOML parser is CommonJS and requires Node built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return import(pathToFileURL(out).href);
}

function measureAdapters({ openRepo, readChangeSet }) {
  return timeAsync(() =>
    Promise.all([
      openRepo(repo).then((r) => r.listFiles()),
      readChangeSet({ repo, productionBranch: 'main', env: {} }),
    ]),
  );
}

/**
 * What the base policy adds to a check. readChangeSet reads the policy files at the merge base
 * with one cat-file started as soon as the merge base is known, beside the diff and the log; what
 * remains on the critical path is parsing that text and choosing the governing policy.
 */
function measureBasePolicy({ loadGoverningPolicy, parsePolicyText }, change, headText = POLICY) {
  const head = parsePolicyText(headText, 'slipway.yaml').document;
  return time(() => {
    const decided = loadGoverningPolicy(repo, head, change);
    if (!decided.ok || decided.policy.source !== 'base') throw new Error('the base policy was not read');
  });
}

/** The cat-file on its own (synchronously, nothing beside it): what it would cost if it were not hidden. */
function measureCatFile({ readPolicyFilesAt }, mergeBase) {
  return time(() => readPolicyFilesAt(repo, mergeBase));
}

/**
 * What the cat-file adds to the wall time where readChangeSet runs it: the diff and the log alone,
 * then with the cat-file beside them, alternated; the difference of the medians. On a busy machine
 * that difference is within the noise of the two medians: printed for information.
 */
async function measureCatFileBesideDiff(
  { runGit, RAW_DIFF_ARGS, readBlobsAtAsync, POLICY_FILES },
  mergeBase,
) {
  const diffAndLog = () =>
    Promise.all([
      runGit(repo, [...RAW_DIFF_ARGS, 'main...feature/bench', '--']),
      runGit(repo, ['log', '--format=%H', 'main..feature/bench', '--']),
    ]);
  const alone = [];
  const beside = [];
  for (let i = 0; i < 3 * RUNS; i++) {
    alone.push(await timeAsync(diffAndLog));
    beside.push(
      await timeAsync(() => Promise.all([diffAndLog(), readBlobsAtAsync(repo, mergeBase, POLICY_FILES)])),
    );
  }
  return median(beside) - median(alone);
}

if (!existsSync(repo)) {
  const t = time(buildRepo);
  console.log(
    `built ${FILES} files / ${CHANGED}-file change in ${(t / 1000).toFixed(1)} s (cached in ${repo})`,
  );
}
writeFileSync(join(root, '.bench-cache', '.gitignore'), '*\n');

// The target is the CLI's: without its bundle the bench skips, rather than hold the in-process
// adapters (no process start, no bundle load) to the same target.
if (!existsSync(cli)) skip(`no CLI bundle at ${cli}: run \`node scripts/build.mjs\` first`);
const adapters = await loadAdapters();
// Warm the page cache and git's index once; then alternate floor and subjects so drift hits all.
measureFloor();
await measureCli();
await measureAdapters(adapters);
const floors = [];
const subjects = [];
const adapterTimes = [];
const withoutCa = [];
const policyBase = [];
const nodeAlone = [];
const envWithoutCa = { ...process.env };
delete envWithoutCa[CA_VAR];
for (let i = 0; i < RUNS; i++) {
  floors.push(measureFloor());
  subjects.push(await measureCli());
  adapterTimes.push(await measureAdapters(adapters));
  if (process.env[CA_VAR]) withoutCa.push(measureCli(envWithoutCa));
  policyBase.push(measureCli(process.env, POLICY_BASE_ARGS));
  nodeAlone.push(measureNode());
}
const floor = median(floors);
const subject = median(subjects);
const adapterTime = median(adapterTimes);
const ratio = subject / floor;
const name = 'slipway check --base main --format json (new process)';
const pad = (text) => text.padEnd(58);
console.log(
  `${pad('git floor: ls-files -z + diff --name-status -z')}${floor.toFixed(1)} ms (median of ${RUNS})`,
);
console.log(
  `${pad('git adapters in-process: openRepo + readChangeSet')}${adapterTime.toFixed(1)} ms (${(adapterTime / floor).toFixed(2)}x floor, for information)`,
);
console.log(`${pad(name)}${subject.toFixed(1)} ms (median of ${RUNS})`);
if (withoutCa.length > 0) {
  const t = median(withoutCa);
  console.log(
    `${pad(`  same without ${CA_VAR}`)}${t.toFixed(1)} ms (${(t / floor).toFixed(2)}x floor, for information)`,
  );
}
if (policyBase.length > 0) {
  const t = median(policyBase);
  console.log(
    `${pad('  without --base (base from the policy)')}${t.toFixed(1)} ms (${(t / floor).toFixed(2)}x floor, for information)`,
  );
}
console.log(
  `${pad('  empty node -e 0, same environment')}${median(nodeAlone).toFixed(1)} ms (${(median(nodeAlone) / floor).toFixed(2)}x floor, for information)`,
);
console.log(
  `${pad('check/floor ratio')}${ratio.toFixed(2)}x  target <= ${TARGET}x  ${ratio <= TARGET ? 'PASS' : 'FAIL'}`,
);
if (ratio > TARGET) process.exitCode = 1;

const change = await adapters.readChangeSet({ repo, productionBranch: 'main', env: {} });
if (!change.policyFilesAtBase) throw new Error('readChangeSet did not read the policy at the base');
// A change that leaves the policy alone (the head's parse is reused), and one that edits it.
const EDITED = `${POLICY}rules: { POL002: warning }\n`;
measureBasePolicy(adapters, change, EDITED);
const samePolicy = median(Array.from({ length: RUNS }, () => measureBasePolicy(adapters, change)));
const basePolicy = median(Array.from({ length: RUNS }, () => measureBasePolicy(adapters, change, EDITED)));
const catFile = median(Array.from({ length: RUNS }, () => measureCatFile(adapters, change.base)));
console.log(
  `${pad('base policy, change leaves it alone: decide')}${samePolicy.toFixed(1)} ms (for information)`,
);
console.log(
  `${pad('base policy, change edits it: parse + decide')}${basePolicy.toFixed(1)} ms  target < ${BASE_POLICY_TARGET_MS} ms  ${basePolicy < BASE_POLICY_TARGET_MS ? 'PASS' : 'FAIL'}`,
);
console.log(
  `${pad('  its cat-file --batch, run beside the diff')}${catFile.toFixed(1)} ms (alone, for information)`,
);
const besideDiff = await measureCatFileBesideDiff(adapters, change.base);
console.log(
  `${pad('  added beside the diff and log (median difference)')}${besideDiff.toFixed(1)} ms (for information)`,
);
if (basePolicy >= BASE_POLICY_TARGET_MS) process.exitCode = 1;
