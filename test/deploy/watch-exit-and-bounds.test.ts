import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDeployRecord, readAuditLog } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../helpers/wait-until.js';
import { APPROVE, DeployFixture } from './helpers/deploy-repo.js';
import { runCli, startCli } from './helpers/run-cli.js';
import { readWorkflow, runWorkflowShell } from './helpers/workflow-step.js';
import { shipped } from './helpers/prepared-fixture.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });

describe('watch: a rollback fails the scheduled job, and the generated workflow still pushes it', () => {
  let f: DeployFixture;
  let origin = '';
  let runner = '';
  let v1 = '';
  let v2 = '';

  beforeAll(async () => {
    f = await new DeployFixture().start();
    const init = await f.cli('init', '--ci', 'github', '--action', 'acme/slipway@v1');
    expect(init.code, init.stderr).toBe(0);
    v1 = f.repo.commit('workflows');
    expect((await f.cli('promote', v1, '--env', 'staging', '--commit')).code).toBe(0);
    expect((await f.cli('promote', v1, '--env', 'production', ...APPROVE, '--commit')).code).toBe(0);
    f.repo.write({ 'app.txt': 'v2\n' });
    v2 = f.repo.commit('v2');
    expect((await f.cli('promote', v2, '--env', 'staging', '--commit')).code).toBe(0);
    expect((await f.cli('promote', v2, '--env', 'production', ...APPROVE, '--commit')).code).toBe(0);
    origin = mkdtempSync(join(tmpdir(), 'slipway-origin-'));
    git(origin, 'clone', '-q', '--bare', f.repo.dir, '.');
    runner = mkdtempSync(join(tmpdir(), 'slipway-runner-'));
    git(runner, 'clone', '-q', origin, '.');
  }, 60_000);
  afterAll(async () => {
    rmSync(origin, { recursive: true, force: true });
    rmSync(runner, { recursive: true, force: true });
    await f.dispose();
  });

  it('the watch step exits 1 after a successful automatic rollback, after pushing the record', async () => {
    f.prod.badShas.add(v2);
    const steps = readWorkflow(runner, 'slipway-watch.yml').jobs.watch?.steps ?? [];
    const identity = steps.find((s) => s.name?.startsWith('Commit identity'));
    const watchStep = steps.find((s) => s.name?.startsWith('Watch '));
    expect(identity?.run && watchStep?.run).toBeTruthy();
    // The step as generated, with a poll interval a test can wait for.
    const script = (watchStep?.run ?? '').replace('--interval 45s', '--interval 100ms');
    expect(script).toContain('--interval 100ms');
    // stdout and stderr together, as a job's log shows them.
    const bash = async (run: string, env: Record<string, string> = {}) => {
      const r = await runWorkflowShell(runner, run, { ...f.env, ...env });
      return { ...r, stdout: r.stdout + r.stderr, stderr: '' };
    };
    expect((await bash(identity?.run ?? '')).code).toBe(0);
    const r = await bash(script, { ...(watchStep?.env ?? {}), PUSH_BRANCH: 'main' });
    // Red: production was unhealthy and is now pinned; people must look.
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toContain('production was rolled back once successfully; stopping with exit 1');
    expect(f.requests().at(-1)).toBe(`rollback production ${v1}`);
    // ... and the record commit reached origin before the step failed.
    const pushed = mkdtempSync(join(tmpdir(), 'slipway-check-'));
    try {
      git(pushed, 'clone', '-q', origin, '.');
      expect(git(pushed, 'log', '-1', '--format=%B')).toContain(
        `Slipway-Event: SYSTEM_CORRECTION_EVENT production ${v1}`,
      );
      const record = parseDeployRecord(readFileSync(join(pushed, RECORD), 'utf8')).record;
      expect(record).toMatchObject({ last_good_sha: v1, pinned: true, rolled_back_from: v2 });
      const log = readAuditLog(readFileSync(join(pushed, LOG), 'utf8'), record?.audit_head);
      expect(log.issues).toEqual([]);
      expect(log.entries.at(-1)?.event).toMatchObject({
        event: 'SYSTEM_CORRECTION_EVENT',
        outcome: 'succeeded',
      });
    } finally {
      rmSync(pushed, { recursive: true, force: true });
    }
  });
});

describe('watch: --for bounds the polls, not a rollback that has started', () => {
  let f: DeployFixture;
  let v1 = '';
  let v2 = '';

  beforeAll(async () => {
    ({ f, v1, v2 } = await shipped(['production']));
  }, 60_000);
  afterAll(() => f.dispose());

  it('a health request still waiting at the --for limit is dropped then, not at its timeout', async () => {
    // /health answers after 10 s; the policy's timeout is 5 s: either would overrun a 1 s run, and
    // a run that waited for the timeout would count the poll (the output says which happened).
    f.prod.modes.set('/health', 'delayed');
    f.prod.delayMs = 10_000;
    try {
      const r = await f.cli('watch', '--interval', '100ms', '--failures', '2', '--for', '1s');
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        /the --for limit came during a poll \(no answer yet from \$\{PROD_URL\}\/health\): not counting it/,
      );
      expect(r.stdout).not.toContain('failure 1/2');
      expect(r.stdout).toContain(
        'watch: no poll of production finished within the run; stopping without acting',
      );
      // The server sees the dropped request close.
      await waitUntil(() => f.prod.waiting === 0, 'the dropped health request to close');
    } finally {
      f.prod.modes.delete('/health');
    }
  });

  it('an automatic rollback that started before the limit finishes after it, and is logged', async () => {
    f.prod.badShas.add(v2);
    const started = Date.now();
    // The rollback's command takes 8 s; the run's limit is 4 s: long enough for the first poll
    // to finish on a loaded machine (0.5 s was not), well before the rollback would end.
    const r = await runCli(['watch', '--interval', '100ms', '--failures', '1', '--for', '4s'], {
      cwd: f.repo.dir,
      env: { ...f.env, DEPLOY_SLEEP: '8' },
    });
    expect(Date.now() - started).toBeGreaterThan(8000);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).not.toContain('--for limit');
    expect(r.stdout).toContain('production was rolled back once successfully');
    expect(f.requests().at(-1)).toBe(`rollback production ${v1}`);
    expect(f.record()).toMatchObject({ last_good_sha: v1, pinned: true, rolled_back_from: v2 });
    expect(f.auditLines().slice(-2)).toMatchObject([
      { event: 'SYSTEM_CORRECTION_EVENT', outcome: 'started', from: v2, to: v1 },
      { event: 'SYSTEM_CORRECTION_EVENT', outcome: 'succeeded', from: v2, to: v1 },
    ]);
  });
});

describe('watch: nothing to roll back to', () => {
  let f: DeployFixture;
  let v1 = '';

  beforeAll(async () => {
    ({ f, v1 } = await shipped());
  }, 60_000);
  afterAll(() => f.dispose());

  it('logs the rollback it could not make as refused, naming the failing checks and why, sealed and committed', async () => {
    f.prod.badShas.add(v1);
    const head = f.repo.git('rev-parse', 'HEAD').trim();
    const r = await f.cli('watch', '--interval', '100ms', '--failures', '2', '--for', '30s', '--commit');
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(
      /watch: production is failing \(.*\/health: failed, HTTP 503.*\) but it was NOT rolled back: infrastructure\/LAST_PROD_DEPLOY\.json records no earlier good deploy to roll back to \(only [0-9a-f]{12}\)/,
    );
    expect(f.requests().filter((x) => x.startsWith('rollback'))).toEqual([]);
    const last = f.auditLines().at(-1);
    expect(last).toMatchObject({
      event: 'SYSTEM_CORRECTION_EVENT',
      outcome: 'refused',
      from: v1,
      to: null,
      actor: { kind: 'agent' },
    });
    expect(last?.reason).toMatch(
      /^watch: 2 consecutive failed health polls \(.*\/health: HTTP 503; .*\/health\/deep: HTTP 503\)$/,
    );
    expect(last?.details).toEqual([
      `health \${PROD_URL}/health: failed, HTTP 503`,
      `health \${PROD_URL}/health/deep: failed, HTTP 503`,
      expect.stringMatching(
        /^not rolled back: infrastructure\/LAST_PROD_DEPLOY\.json records no earlier good deploy/,
      ),
    ]);
    // Sealed: the record's head is that line, nothing else in the record changed.
    const lines = (f.read(LOG) ?? '').split('\n').filter(Boolean);
    expect(f.record()).toMatchObject({ last_good_sha: v1, audit_head: sha256(lines.at(-1) ?? '') });
    expect(f.record()?.pinned).toBeUndefined();
    // Committed: one Slipway commit with the record and the log, nothing left in the tree.
    expect(f.repo.git('rev-list', '--count', `${head}..HEAD`).trim()).toBe('1');
    expect(f.repo.git('log', '-1', '--format=%B')).toContain(
      'Slipway-Event: SYSTEM_CORRECTION_EVENT production refused',
    );
    expect(f.repo.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort()).toEqual(
      [RECORD, LOG].sort(),
    );
    expect(f.repo.git('status', '--porcelain', '--', RECORD, LOG)).toBe('');
  });
});

describe('watch: a deploy that lands while a poll is in flight', () => {
  let f: DeployFixture;
  let v2 = '';
  let v3 = '';

  beforeAll(async () => {
    ({ f, v2, v3 } = await shipped(['production', 'commit']));
  }, 60_000);
  afterAll(() => f.dispose());

  it("does not count that poll's failures against either deploy", async () => {
    // /health fails at once while v2 runs; /health/deep answers the first poll after 3 s, time
    // for the switch below on a loaded machine (later polls are answered at once).
    f.prod.badShas.add(v2);
    f.prod.modes.set('/health/deep', 'delayed');
    f.prod.delayMs = 3000;
    const run = startCli(['watch', '--interval', '100ms', '--failures', '2', '--for', '30s'], {
      cwd: f.repo.dir,
      env: f.env,
    });
    // While the first poll waits for /health/deep, v3 goes live and is recorded (another
    // clone's promote, pulled here). v3 fails too.
    const switched = new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (f.prod.waiting === 0) return;
        clearInterval(t);
        f.prod.modes.delete('/health/deep');
        writeFileSync(join(f.state, 'production.current'), `${v3}\n`);
        f.prod.badShas.delete(v2);
        f.prod.badShas.add(v3);
        const rec = f.record() ?? {};
        const history = [
          { event: 'PROMOTE', sha: v2, deployed_at: rec.deployed_at },
          ...((rec.history as []) ?? []),
        ];
        f.repo.write({
          [RECORD]: `${JSON.stringify({ ...rec, last_good_sha: v3, previous_sha: v2, history }, null, 2)}\n`,
        });
        resolve();
      }, 5);
    });
    try {
      const r = await run.done;
      await switched;
      expect(r.stderr).toBe('');
      const lines = r.stdout.split('\n');
      const changed = lines.findIndex((l) =>
        l.includes('production changed during this poll: not counting it'),
      );
      expect(changed, r.stdout).toBeGreaterThan(0);
      expect(lines[changed - 1]).toContain(`production now runs ${v3.slice(0, 12)} (was ${v2.slice(0, 12)})`);
      // The failures that roll back are two polls of v3 alone, after the change.
      const counted = lines.filter((l) => /failure \d\/2/.test(l));
      expect(counted).toHaveLength(2);
      expect(lines.findIndex((l) => l.includes('failure 1/2'))).toBeGreaterThan(changed);
      expect(r.code, r.stdout).toBe(1);
      expect(f.requests().at(-1)).toBe(`rollback production ${v2}`);
      expect(f.record()).toMatchObject({ last_good_sha: v2, rolled_back_from: v3, pinned: true });
    } finally {
      f.prod.modes.delete('/health/deep');
    }
  });
});
