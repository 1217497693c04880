// The GitHub Action's cost to a job (action.yml). Target: under 10 s added, i.e. its own steps
// — installing the published CLI (here from the packed tarball, as the `package` input allows;
// from the registry a job also downloads its ~1 MB and its dependencies) and one guard run that
// writes the annotations, SARIF and the job summary — on a pull request of examples/mayassistant.
// The steps are the action's own `run:` scripts, run with bash as a runner runs them.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { parse } = createRequire(join(root, 'packages/policy-core/package.json'))('yaml');
const RUNS = 3;
const TARGET_S = 10;

const work = mkdtempSync(join(tmpdir(), 'slipway-action-bench-'));
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'B',
  GIT_AUTHOR_EMAIL: 'b@e',
  GIT_COMMITTER_NAME: 'B',
  GIT_COMMITTER_EMAIL: 'b@e',
};
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' }).trim();
try {
  execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
    cwd: join(root, 'packages/cli'),
    stdio: 'pipe',
  });
  const tarball = join(
    work,
    readdirSync(work).find((f) => f.endsWith('.tgz')),
  );
  const repo = join(work, 'repo');
  cpSync(join(root, 'examples/mayassistant'), repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  const base = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'checkout', '-qb', 'auto/change');
  appendFileSync(join(repo, 'docs/reports/2025-02-status.md'), '\nMore.\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'agent: report');

  const steps = parse(readFileSync(join(root, 'action.yml'), 'utf8')).runs.steps;
  const script = (prefix) => steps.find((s) => s.name?.startsWith(prefix)).run;
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const temp = mkdtempSync(join(work, 'runner-'));
    const env = {
      ...gitEnv,
      RUNNER_TEMP: temp,
      GITHUB_ENV: join(temp, 'env'),
      GITHUB_OUTPUT: join(temp, 'out'),
      GITHUB_STEP_SUMMARY: join(temp, 'summary.md'),
      GITHUB_ACTIONS: 'true',
      GITHUB_HEAD_REF: 'auto/change',
      PACKAGE: tarball,
      COMMAND: 'guard',
      ARGS: '',
      BASE: base,
      LABELS: '',
      FORMAT: 'github',
      SARIF: 'true',
      SUMMARY: 'true',
    };
    for (const f of ['env', 'out', 'summary.md']) writeFileSync(join(temp, f), '');
    const start = performance.now();
    const install = spawnSync('bash', ['-eo', 'pipefail', '-c', script('Install Slipway')], {
      cwd: repo,
      env,
      encoding: 'utf8',
    });
    if (install.status !== 0) throw new Error(`install failed: ${install.stderr}`);
    env.SLIPWAY = /^SLIPWAY=(.*)$/m.exec(readFileSync(env.GITHUB_ENV, 'utf8'))[1];
    const run = spawnSync('bash', ['-eo', 'pipefail', '-c', script('Run slipway')], {
      cwd: repo,
      env,
      encoding: 'utf8',
    });
    if (run.status !== 0 && run.status !== 1) throw new Error(`guard failed: ${run.stderr}`);
    times.push((performance.now() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `action steps (install from the tarball + one guard run), median of ${RUNS}: ${median.toFixed(2)} s (${times.map((t) => t.toFixed(2)).join(', ')})`,
  );
  console.log(`  target < ${TARGET_S} s: ${median < TARGET_S ? 'PASS' : 'FAIL'}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
