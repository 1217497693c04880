import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDeployRecord, readAuditLog } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { APPROVE, DeployFixture } from './helpers/deploy-repo.js';
import type { Run } from './helpers/run-cli.js';
import { readWorkflow, runWorkflowShell } from './helpers/workflow-step.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';

/**
 * The generated workflows' own shell, run as GitHub would run it (bash -eo pipefail), in
 * separate clones of one bare "origin", each clone standing for a runner. Two jobs that both
 * append to the audit log race to push to main: the loser's push is rejected, and its record
 * commit must land on top of the winner's, with the hash chain whole and the record sealed, and
 * production must then see the staging verification. Only the approval step (GitHub's API) is
 * left out: the approver's login is given as that step's output would be.
 */
describe('generated workflows: jobs racing to push the record and the log', () => {
  let f: DeployFixture;
  let origin = '';
  let v2 = '';
  let agent = '';
  const runners: string[] = [];

  const git = (dir: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    });

  /** A runner's checkout of main, with every branch fetched (actions/checkout, fetch-depth: 0). */
  function runner(): string {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-runner-'));
    runners.push(dir);
    git(dir, 'clone', '-q', origin, '.');
    git(dir, 'checkout', '-q', 'main');
    return dir;
  }

  /** Runs the steps named by `names` of `job` in `file`, with `${{ }}` values from `values`. */
  async function runJob(
    dir: string,
    file: string,
    job: string,
    names: RegExp[],
    values: Record<string, string>,
  ): Promise<Run> {
    const steps = readWorkflow(dir, file).jobs[job]?.steps ?? [];
    let stdout = '';
    let stderr = '';
    for (const name of names) {
      const step = steps.find((s) => s.name !== undefined && name.test(s.name));
      if (!step?.run) throw new Error(`${file}: no step ${name} in job ${job}`);
      const stepEnv = Object.fromEntries(
        Object.entries(step.env ?? {}).map(([k, v]) => [
          k,
          String(v).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
            const value = values[expr];
            if (value === undefined) throw new Error(`no value for \${{ ${expr} }}`);
            return value;
          }),
        ]),
      );
      const r = await runWorkflowShell(dir, step.run, {
        ...f.env,
        GITHUB_SHA: values['github.sha'] ?? '',
        ...stepEnv,
      });
      stdout += r.stdout;
      stderr += r.stderr;
      if (r.code !== 0) return { ...r, stdout, stderr };
    }
    return { code: 0, signal: null, stdout, stderr };
  }

  const stagingJob = (dir: string, sha: string) =>
    runJob(dir, 'slipway-promote.yml', 'staging', [/^Commit identity/, /^Deploy .* to staging/], {
      'github.sha': sha,
      'github.ref_name': 'auto/agent-x',
    });
  const productionJob = (dir: string, sha: string) =>
    runJob(dir, 'slipway-promote.yml', 'production', [/^Commit identity/, /^Promote to production/], {
      'inputs.sha': sha,
      'inputs.reason': 'release v2',
      'steps.approver.outputs.login': 'grace',
    });

  /** main as origin has it: the record, the log verified against the record's head. */
  function originMain() {
    const dir = runner();
    const recordText = readFileSync(join(dir, RECORD), 'utf8');
    const record = parseDeployRecord(recordText).record;
    const log = readAuditLog(readFileSync(join(dir, LOG), 'utf8'), record?.audit_head);
    return { dir, record, log };
  }

  beforeAll(async () => {
    f = await new DeployFixture().start();
    const init = await f.cli('init', '--ci', 'github', '--action', 'acme/slipway@v1');
    expect(init.code, init.stderr).toBe(0);
    const v1 = f.repo.commit('workflows');
    // Production runs the first release; v2 is on main and verified on staging.
    expect((await f.cli('promote', v1, '--env', 'staging', '--commit')).code).toBe(0);
    expect((await f.cli('promote', v1, '--env', 'production', ...APPROVE, '--commit')).code).toBe(0);
    f.repo.write({ 'app.txt': 'v2\n' });
    v2 = f.repo.commit('v2');
    expect((await f.cli('promote', v2, '--env', 'staging', '--commit')).code).toBe(0);
    // An agent's branch off main, not yet verified.
    f.repo.git('checkout', '-q', '-b', 'auto/agent-x');
    f.repo.write({ 'app.txt': 'v3 by an agent\n' });
    agent = f.repo.commit('agent change');
    f.repo.git('checkout', '-q', 'main');
    origin = mkdtempSync(join(tmpdir(), 'slipway-origin-'));
    git(origin, 'clone', '-q', '--bare', f.repo.dir, '.');
  }, 60_000);

  afterAll(async () => {
    for (const d of runners) rmSync(d, { recursive: true, force: true });
    rmSync(origin, { recursive: true, force: true });
    await f.dispose();
  });

  it('staging loses the race to production: it restacks, and production then sees the verification', async () => {
    const stagingRunner = runner();
    const productionRunner = runner();
    const before = git(origin, 'rev-parse', 'main').trim();

    const promoted = await productionJob(productionRunner, v2);
    expect(promoted.code, promoted.stdout + promoted.stderr).toBe(0);
    const verified = await stagingJob(stagingRunner, agent);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain('restacked 1 commit(s) onto origin/main');

    const main = originMain();
    expect(main.log.issues).toEqual([]);
    expect(main.record?.last_good_sha).toBe(v2);
    expect(main.record?.audit_head).toBe(main.log.lastHash);
    const tail = main.log.entries.slice(-4).map((e) => `${e.event.event} ${e.event.outcome} ${e.event.to}`);
    expect(tail).toEqual([
      `PROMOTE started ${v2}`,
      `PROMOTE succeeded ${v2}`,
      `STAGING_VERIFIED started ${agent}`,
      `STAGING_VERIFIED succeeded ${agent}`,
    ]);
    // The agent branch itself carries no record or log change: nothing to conflict on merge.
    expect(git(origin, 'diff', '--name-only', `${before}`, 'auto/agent-x', '--', RECORD, LOG)).toBe('');
    // Every commit the two jobs pushed is Slipway's: the guard on main finds no hand edit and
    // a whole chain.
    const check = execFileSync(
      process.execPath,
      [
        CLI,
        'check',
        '--base',
        before,
        '--head',
        'HEAD',
        '--format',
        'json',
        '--rule',
        'REC',
        '--rule',
        'AUD',
      ],
      { cwd: main.dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } },
    );
    expect((JSON.parse(check) as { findings: unknown[] }).findings).toEqual([]);

    // The reviewer merges the agent branch (a merge commit keeps its SHA on main) and production
    // promotes it: the staging verification recorded on main is what lets it through.
    git(
      main.dir,
      '-c',
      'user.name=Rev',
      '-c',
      'user.email=rev@example.com',
      'merge',
      '-q',
      '--no-ff',
      '-m',
      'merge auto/agent-x',
      'origin/auto/agent-x',
    );
    git(main.dir, 'push', '-q', 'origin', 'HEAD:main');
    const shipped = await productionJob(runner(), agent);
    expect(shipped.code, shipped.stdout + shipped.stderr).toBe(0);
    expect(originMain().record?.last_good_sha).toBe(agent);
  }, 120_000);

  it('a job that committed nothing while main moved on ends with its own exit code, not a push alarm', async () => {
    const stale = runner();
    // main moves on (another job's push) after this runner checked out.
    const other = runner();
    git(
      other,
      '-c',
      'user.name=Dev',
      '-c',
      'user.email=dev@example.com',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'moved on',
    );
    git(other, 'push', '-q', 'origin', 'HEAD:main');
    // The command stops before writing anything (no such commit here).
    const r = await stagingJob(stale, '0'.repeat(40));
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain('::error::');
    // One push, rejected, one fetch, and the loop stopped: it never slept to try again (what the
    // time this took once stood for; a retry would push, and be rejected, a second time).
    expect(r.stderr.match(/! \[rejected\]/g)).toHaveLength(1);
    expect(r.stderr.match(/^From /gm)).toHaveLength(1);
  }, 60_000);

  it('production loses the race to staging and restacks; two production changes that cross are refused', async () => {
    // Another agent branch, pushed to origin.
    const author = runner();
    git(author, 'checkout', '-q', '-b', 'auto/agent-y');
    git(
      author,
      '-c',
      'user.name=Agent',
      '-c',
      'user.email=agent@example.com',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'agent y',
    );
    const agentY = git(author, 'rev-parse', 'HEAD').trim();
    git(author, 'push', '-q', 'origin', 'auto/agent-y');
    // Three runners start from the same main: staging for agent-y, and two "Rollback to last
    // good" runs (the shared concurrency group should keep them apart; here they cross).
    const stagingRunner = runner();
    const first = runner();
    const second = runner();
    const rollbackJob = (dir: string) =>
      runJob(dir, 'slipway-rollback.yml', 'rollback', [/^Commit identity/, /^Roll back/], {
        'inputs.reason': 'agent release broke checkout',
        'inputs.to': '',
        'steps.approver.outputs.login': 'grace',
      });

    const verified = await stagingJob(stagingRunner, agentY);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).not.toContain('restacked');

    const rolledBack = await rollbackJob(first);
    expect(rolledBack.code, rolledBack.stdout + rolledBack.stderr).toBe(0);
    expect(rolledBack.stdout).toContain('restacked 1 commit(s) onto origin/main');
    let main = originMain();
    expect(main.log.issues).toEqual([]);
    expect(main.record?.last_good_sha).toBe(v2);
    expect(main.record?.pinned).toBe(true);
    expect(main.record?.audit_head).toBe(main.log.lastHash);
    expect(main.log.entries.slice(-4).map((e) => `${e.event.event} ${e.event.outcome}`)).toEqual([
      'STAGING_VERIFIED started',
      'STAGING_VERIFIED succeeded',
      'SYSTEM_CORRECTION_EVENT started',
      'SYSTEM_CORRECTION_EVENT succeeded',
    ]);
    const afterFirst = git(origin, 'rev-parse', 'main').trim();

    // The second rollback read a record that no longer holds: it must not be stacked on top.
    const crossed = await rollbackJob(second);
    expect(crossed.code).toBe(1);
    expect(crossed.stdout).toMatch(/::error::The deploy record\/audit log commit cannot be restacked/);
    expect(crossed.stderr).toMatch(/no longer says what that command read/);
    expect(crossed.stdout).toMatch(/^Subject: \[PATCH\] slipway: /m);
    expect(git(origin, 'rev-parse', 'main').trim()).toBe(afterFirst);
    main = originMain();
    expect(main.log.issues).toEqual([]);
    expect(main.record?.last_good_sha).toBe(v2);
  }, 120_000);
});
