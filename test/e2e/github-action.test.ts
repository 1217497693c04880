import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envLines, runAction, runnerFiles, type StepRun } from '../helpers/action-runner.js';
import { mustRun } from '../helpers/run-process.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ACTION = join(root, 'action.yml');
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Ada',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

/**
 * The lean Action (action.yml) run step by step as a runner runs it, on a pull request of an agent
 * branch of examples/mayassistant that edits protected code, checked out shallow as
 * actions/checkout does by default. The CLI it installs is the packed tarball (`package` input).
 */
describe('action.yml on a pull request', () => {
  let work: string;
  let tarball: string;
  let origin: string;
  let baseSha: string;
  /** The `command: setup` job, install step included, and what it wrote to $GITHUB_ENV. */
  let setupRuns: StepRun[];
  let setupEnv: ReturnType<typeof runner>['env'];
  let installed: { steps: string[]; env: Record<string, string> };
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' }).trim();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'slipway-action-'));
    await mustRun('npm', ['pack', '--silent', '--pack-destination', work], {
      cwd: join(root, 'packages/cli'),
    });
    tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) as string);
    // The repository on "GitHub": main, and an agent's branch that edits protected code.
    const author = join(work, 'author');
    cpSync(join(root, 'examples/mayassistant'), author, { recursive: true });
    git(author, 'init', '-q', '-b', 'main');
    git(author, 'add', '-A');
    git(author, 'commit', '-qm', 'mayassistant');
    baseSha = git(author, 'rev-parse', 'HEAD');
    git(author, 'checkout', '-qb', 'auto/tune-auth');
    appendFileSync(join(author, 'backend/app/core/auth.py'), '\nTOKEN_TTL_SECONDS = 86400\n');
    git(author, 'commit', '-qam', 'agent: longer tokens');
    origin = join(work, 'origin.git');
    git(work, 'clone', '-q', '--bare', author, origin);
    const setup = runner('setup');
    setupEnv = setup.env;
    setupRuns = await runAction(ACTION, setup.ws, { package: tarball, command: 'setup' }, setup.env);
    installed = { steps: ['Install Slipway'], env: envLines(setup.env.GITHUB_ENV) };
  }, 180_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A runner's workspace: a shallow checkout of the branch, the event, the runner's files. */
  function runner(name: string) {
    const ws = join(work, name);
    git(work, 'clone', '-q', '--depth', '1', '--branch', 'auto/tune-auth', `file://${origin}`, ws);
    const temp = mkdtempSync(join(work, `${name}-runner-`));
    const event = join(temp, 'event.json');
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: {
          number: 7,
          base: { sha: baseSha, ref: 'main' },
          head: { ref: 'auto/tune-auth', sha: git(ws, 'rev-parse', 'HEAD') },
          labels: [],
          user: { login: 'mayassistant-agent' },
        },
      }),
    );
    const env = {
      ...runnerFiles(temp),
      ...GIT_ENV,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_HEAD_REF: 'auto/tune-auth',
      GITHUB_BASE_REF: 'main',
    };
    return { ws, env };
  }
  const byName = (runs: StepRun[], name: string) =>
    runs.find((r) => (r.step.name ?? r.step.uses ?? '').startsWith(name));

  it('runs the guard once: annotations, the job summary table and SARIF for upload', async () => {
    const { ws, env } = runner('pr');
    const runs = await runAction(ACTION, ws, { package: tarball }, env, installed);
    const install = byName(setupRuns, 'Install Slipway');
    expect(install?.ran).toBe(true);
    expect(install?.code, install?.stderr).toBe(0);
    const fetched = byName(runs, 'Make sure');
    expect(fetched?.code, fetched?.stderr).toBe(0);
    expect(git(ws, 'rev-parse', '--is-shallow-repository')).toBe('false');
    const run = byName(runs, 'Run slipway') as StepRun;
    // The agent edited protected code: the guard fails the job, and says where.
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^::error file=backend\/app\/core\/auth\.py,line=\d+.*PATH00\d/m);
    const summary = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8');
    expect(summary).toMatch(/^## Slipway: ❌ blocked/m);
    expect(summary).toMatch(/^\| error \| PATH00\d \| backend\/app\/core\/auth\.py:\d+ \|/m);
    expect(readFileSync(env.GITHUB_OUTPUT, 'utf8')).toContain('sarif-file=slipway.sarif');
    const sarif = JSON.parse(readFileSync(join(ws, 'slipway.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^PATH00\d$/)]),
    );
    // The upload runs even though the guard failed the step (if: always() ...).
    const upload = byName(runs, 'Upload SARIF') as StepRun;
    expect(upload.wanted).toBe(true);
    expect(upload.step.with).toMatchObject({ sarif_file: 'slipway.sarif' });
  }, 180_000);

  it('near miss: with the protected label given as an input, the protected path passes', async () => {
    const { ws, env } = runner('labelled');
    const runs = await runAction(
      ACTION,
      ws,
      { package: tarball, labels: ' approved-core-change ', command: 'check' },
      env,
      installed,
    );
    const run = byName(runs, 'Run slipway') as StepRun;
    // The protected path needs the label, which the input gave (trimmed): no PATH finding is left.
    // The example's record names a commit this history lacks (REC004): the base's already, in a
    // file this change did not touch, so not this change's (counted in a note, change-own-findings.ts).
    expect(run.stdout).not.toMatch(/PATH00/);
    const rows = readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8').match(/^\| error \| \w+/gm);
    expect(rows).toBeNull();
    expect(run.code, run.stderr).toBe(0);
  }, 180_000);

  it('says exactly what the checkout step needs when the history cannot be fetched', async () => {
    const { ws, env } = runner('offline');
    git(ws, 'remote', 'set-url', 'origin', join(work, 'gone.git'));
    const runs = await runAction(ACTION, ws, { package: tarball }, env, installed);
    const fetched = byName(runs, 'Make sure') as StepRun;
    expect(fetched.code).not.toBe(0);
    expect(fetched.stdout.trim()).toBe(
      "::error title=Slipway::this clone is shallow and its history could not be fetched; add 'with: { fetch-depth: 0 }' to the actions/checkout step",
    );
    expect(byName(runs, 'Run slipway')?.ran).toBe(false);
    expect(existsSync(join(ws, 'slipway.sarif'))).toBe(false);
  }, 180_000);

  it('setup only installs: $SLIPWAY runs the CLI in later steps', () => {
    const install = byName(setupRuns, 'Install Slipway');
    expect(install?.code, install?.stderr).toBe(0);
    expect(byName(setupRuns, 'Run slipway')?.ran).toBe(false);
    const slipway = /^SLIPWAY=(.*)$/m.exec(readFileSync(setupEnv.GITHUB_ENV, 'utf8'))?.[1] as string;
    expect(execFileSync(process.execPath, [slipway, '--version'], { encoding: 'utf8' })).toMatch(
      /^slipway \d/,
    );
  });
});
