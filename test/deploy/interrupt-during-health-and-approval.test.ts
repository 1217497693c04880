// Over 300 lines: the two places a signal can land in promote (health checks, the approval
// prompt) share the same health server, fixture and exit-code expectations.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDeployRecord, readAuditLog } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../helpers/wait-until.js';
import { APPROVE, type DeployFixture } from './helpers/deploy-repo.js';
import type { HealthServer } from './helpers/health-server.js';
import { startCliInPty } from './helpers/pty-cli.js';
import { startCli } from './helpers/run-cli.js';
import { shipped } from './helpers/prepared-fixture.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';
/**
 * How long a `delayed` endpoint takes to answer: below the fixture's 5 s health timeout, so an
 * uninterrupted check would pass. That a stop came while it waited is in the audit detail
 * ("not finished, interrupted ... while waiting for an answer"), not in how long the exit took.
 */
const HEALTH_DELAY_MS = 4000;
const lockFile = (f: DeployFixture) => join(f.repo.dir, '.git', 'slipway-deploy.lock');

/** The log is whole and sealed: every entry chains, the last is the record's audit_head (no AUD003). */
function expectCleanChain(f: DeployFixture, logBefore: string) {
  const logText = f.read(LOG) ?? '';
  expect(logText.startsWith(logBefore)).toBe(true);
  expect(logText.endsWith('\n')).toBe(true);
  const record = parseDeployRecord(f.read(RECORD) ?? '').record;
  const log = readAuditLog(logText, record?.audit_head);
  expect(log.issues).toEqual([]);
  expect(record?.audit_head).toBe(log.entries.at(-1)?.hash);
  return { log, record };
}

/** The lock was released: no file left behind, and the next run sees no holder. */
async function expectLockReleased(f: DeployFixture) {
  expect(existsSync(lockFile(f))).toBe(false);
  const dry = await f.cli('promote', '--env', 'production', '--dry-run');
  expect(dry.stdout + dry.stderr).not.toContain('held by');
}

async function expectNoAuditFindings(f: DeployFixture) {
  const check = await startCli(['check', '--tree', '--format', 'json'], { cwd: f.repo.dir, env: f.env }).done;
  const rules = (JSON.parse(check.stdout).findings as { rule: string }[]).map((x) => x.rule);
  expect(rules.filter((r) => r.startsWith('AUD'))).toEqual([]);
}

/**
 * After the deploy command has finished, Slipway checks health with retries and backoff: a slow
 * endpoint means seconds in which a Ctrl-C (or CI cancelling the job) arrives. Slipway must stop
 * the checks at once and log the deploy as failed, not die with a `started` entry and no end.
 */
describe('a signal while the health checks run', () => {
  let f: DeployFixture;
  let shaA = '';
  let shaB = '';
  beforeAll(async () => {
    ({ f, v1: shaA, v2: shaB } = await shipped(['staging']));
    f.prod.delayMs = HEALTH_DELAY_MS;
    f.staging.delayMs = HEALTH_DELAY_MS;
  });
  afterAll(() => f.dispose());

  const running = () => readFileSync(join(f.state, 'production.current'), 'utf8').trim();

  /**
   * Starts `args`, sends `signal` once `server` holds a health check waiting for its answer and
   * Slipway has printed the quick one's result (`quickLine`): the client read that answer.
   */
  async function interrupt(server: HealthServer, args: string[], signal: NodeJS.Signals, quickLine: string) {
    const before = parseDeployRecord(f.read(RECORD) ?? '').record;
    const logBefore = f.read(LOG) ?? '';
    const requestsBefore = f.requests();
    // A check an earlier run left waiting ends when that run's socket closes.
    await waitUntil(() => server.waiting === 0, "an earlier run's health check to close");
    const run = startCli(args, { cwd: f.repo.dir, env: f.env });
    await waitUntil(() => server.waiting > 0, 'a health check waiting for its answer');
    await waitUntil(() => run.output().stdout.includes(quickLine), `Slipway to print ${quickLine}`);
    run.child.kill(signal);
    const result = await run.done;
    return { result, before, logBefore, requestsBefore };
  }

  function expectLoggedInterruption(signal: string, logBefore: string, slowUrl: string, quickUrl: string) {
    const { log, record } = expectCleanChain(f, logBefore);
    const [started, last] = log.entries.slice(-2).map((e) => e.event);
    expect(started?.outcome).toBe('started');
    expect(last?.outcome).toBe('failed');
    const details = last?.details ?? [];
    expect(details).toContain('command: sh exited 0');
    expect(details).toContain(`health checks: interrupted by ${signal} before ${slowUrl} finished`);
    // Dropped while it waited: not answered (it would be, within the timeout) nor timed out.
    expect(details).toContain(
      `health ${slowUrl}: not finished, interrupted by ${signal} while waiting for an answer`,
    );
    expect(details).toContain(`health ${quickUrl}: ok, HTTP 200`);
    return { started, last, record };
  }

  it('SIGINT during the health checks of a production promote: stopped at once, logged as failed, the record kept, exit 130', async () => {
    f.prod.modes.set('/health/deep', 'delayed');
    try {
      const { result, before, logBefore, requestsBefore } = await interrupt(
        f.prod,
        ['promote', shaB, '--env', 'production', ...APPROVE],
        'SIGINT',
        `health ok   \${PROD_URL}/health:`,
      );
      expect(result.code, result.stdout + result.stderr).toBe(130);
      expect(result.stdout).toMatch(
        new RegExp(
          `^interrupted by SIGINT: stopped the health checks of the deploy; logged as failed; ${RECORD} still names ${shaA.slice(0, 12)}; nothing was rolled back`,
          'm',
        ),
      );
      // The deploy command itself had finished: production runs B, unverified.
      expect(running()).toBe(shaB);
      const { started, last, record } = expectLoggedInterruption(
        'SIGINT',
        logBefore,
        `\${PROD_URL}/health/deep`,
        `\${PROD_URL}/health`,
      );
      expect(started).toMatchObject({ event: 'PROMOTE', to: shaB });
      expect(last).toMatchObject({ event: 'PROMOTE', from: shaA, to: shaB });
      // No automatic rollback: the deploy script was asked for the deploy and nothing else.
      expect(f.requests()).toEqual([...requestsBefore, `deploy production ${shaB}`]);
      expect(record?.last_good_sha).toBe(shaA);
      expect({ ...record, audit_head: undefined }).toEqual({ ...before, audit_head: undefined });
      await expectLockReleased(f);
      await expectNoAuditFindings(f);
    } finally {
      f.prod.modes.delete('/health/deep');
    }
  }, 120_000);

  it('SIGHUP during the health checks of a staging promote: the same, exit 129, staging not verified', async () => {
    // C commits app.txt alone: B's staging verification stays as the flow wrote it (uncommitted in
    // this checkout, trusted); swept into a person's commit it would be a hand-written entry.
    f.repo.write({ 'app.txt': 'v3\n' });
    f.repo.git('add', 'app.txt');
    f.repo.git('commit', '-q', '-m', 'v3');
    const shaC = f.repo.git('rev-parse', 'HEAD').trim();
    f.staging.modes.set('/api/health/db', 'delayed');
    try {
      const { result, before, logBefore } = await interrupt(
        f.staging,
        ['promote', '--env', 'staging'],
        'SIGHUP',
        `health ok   \${STAGING_URL}/api/health/:`,
      );
      expect(result.code, result.stdout + result.stderr).toBe(129);
      expect(result.stdout).toMatch(/^interrupted by SIGHUP: stopped the health checks of the deploy;/m);
      const { last, record } = expectLoggedInterruption(
        'SIGHUP',
        logBefore,
        `\${STAGING_URL}/api/health/db`,
        `\${STAGING_URL}/api/health/`,
      );
      expect(last).toMatchObject({ event: 'STAGING_VERIFIED', environment: 'staging', to: shaC });
      expect({ ...record, audit_head: undefined }).toEqual({ ...before, audit_head: undefined });
      // Not verified: production refuses C for want of a staging verification.
      const dry = await f.cli('promote', shaC, '--env', 'production', '--dry-run');
      expect(dry.code).toBe(1);
      expect(dry.stdout).toContain('FAIL verified on staging');
      await expectLockReleased(f);
    } finally {
      f.staging.modes.delete('/api/health/db');
    }
  }, 120_000);

  it('SIGTERM during the health checks of a rollback: stopped, logged as failed, nothing pinned, exit 143', async () => {
    // Record B as production's (the promote above was stopped), so that a rollback to A has work.
    const ok = await startCli(['promote', shaB, '--env', 'production', ...APPROVE], {
      cwd: f.repo.dir,
      env: f.env,
    }).done;
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    f.prod.modes.set('/health', 'delayed');
    try {
      const { result, before, logBefore, requestsBefore } = await interrupt(
        f.prod,
        ['rollback', '--to', shaA, '--reason', 'signal test', '--yes'],
        'SIGTERM',
        `health ok   \${PROD_URL}/health/deep:`,
      );
      expect(result.code, result.stdout + result.stderr).toBe(143);
      expect(result.stdout).toMatch(
        new RegExp(
          `^interrupted by SIGTERM: stopped the health checks of the rollback; logged as failed; ${RECORD} still names ${shaB.slice(0, 12)};`,
          'm',
        ),
      );
      expect(running()).toBe(shaA);
      const { last, record } = expectLoggedInterruption(
        'SIGTERM',
        logBefore,
        `\${PROD_URL}/health`,
        `\${PROD_URL}/health/deep`,
      );
      expect(last).toMatchObject({ event: 'SYSTEM_CORRECTION_EVENT', from: shaB, to: shaA });
      expect(f.requests()).toEqual([...requestsBefore, `rollback production ${shaA}`]);
      expect(record?.pinned).toBeUndefined();
      expect({ ...record, audit_head: undefined }).toEqual({ ...before, audit_head: undefined });
      await expectLockReleased(f);
      await expectNoAuditFindings(f);
    } finally {
      f.prod.modes.delete('/health');
    }
    // Near miss: with the endpoints answering, the next promote runs to the end.
    const again = await startCli(['promote', shaB, '--env', 'production', ...APPROVE], {
      cwd: f.repo.dir,
      env: f.env,
    }).done;
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain(`promoted ${shaB.slice(0, 12)} to production`);
    expect(f.record()?.last_good_sha).toBe(shaB);
    expectCleanChain(f, '');
  }, 120_000);

  it("SIGINT during the health checks of watch's automatic rollback: the same, exit 130", async () => {
    // Production (B) fails its checks; the rollback script sleeps, and meanwhile /health/deep
    // turns slow, so that the rollback's own checks are the ones waiting when the signal comes.
    f.prod.defaultMode = 'failing';
    const before = parseDeployRecord(f.read(RECORD) ?? '').record;
    const logBefore = f.read(LOG) ?? '';
    const rollbackAsked = `rollback production ${shaA}`;
    const already = f.requests().filter((r) => r === rollbackAsked).length;
    try {
      const run = startCli(['watch', '--interval', '50ms', '--failures', '1', '--for', '20s'], {
        cwd: f.repo.dir,
        // The rollback script's 3 s are the time to turn /health/deep slow before its checks.
        env: { ...f.env, DEPLOY_SLEEP: '3' },
      });
      await waitUntil(
        () => f.requests().filter((r) => r === rollbackAsked).length > already,
        'watch to ask for the rollback',
      );
      f.prod.modes.set('/health/deep', 'delayed');
      await waitUntil(() => f.prod.waiting > 0, "the rollback's health check waiting for its answer");
      // The quick check has failed (its retry too) and said so: only /health/deep is unfinished.
      await waitUntil(
        () => run.output().stdout.includes(`health FAIL \${PROD_URL}/health:`),
        "the rollback's /health check to fail",
      );
      run.child.kill('SIGINT');
      const result = await run.done;
      expect(result.code, result.stdout + result.stderr).toBe(130);
      expect(result.stdout).toMatch(/^interrupted by SIGINT: stopped the health checks of the rollback;/m);
      const { log, record } = expectCleanChain(f, logBefore);
      const last = log.entries.at(-1)?.event;
      expect(last).toMatchObject({
        event: 'SYSTEM_CORRECTION_EVENT',
        outcome: 'failed',
        from: shaB,
        to: shaA,
      });
      expect(last?.details).toContain(
        `health checks: interrupted by SIGINT before \${PROD_URL}/health/deep finished`,
      );
      expect(last?.details).toContain(
        `health \${PROD_URL}/health/deep: not finished, interrupted by SIGINT while waiting for an answer`,
      );
      expect(record?.pinned).toBeUndefined();
      expect({ ...record, audit_head: undefined }).toEqual({ ...before, audit_head: undefined });
      await expectLockReleased(f);
    } finally {
      f.prod.defaultMode = 'healthy';
      f.prod.modes.delete('/health/deep');
    }
  }, 120_000);
});

/**
 * The approval prompt waits, with the deploy lock held, for a person to type the short SHA. A
 * Ctrl-C there (or the job being cancelled) means the approval was abandoned: logged like any
 * other refusal, the lock released, nothing deployed.
 */
describe('a signal while the approval prompt waits', () => {
  let f: DeployFixture;
  let sha1 = '';
  let sha2 = '';
  const pty = (...args: string[]) => startCliInPty(args, { cwd: f.repo.dir, env: f.env });

  beforeAll(async () => {
    ({ f, v1: sha1, v2: sha2 } = await shipped(['staging']));
  });
  afterAll(() => f.dispose());

  it('Ctrl-C at the promote prompt: refused and logged, lock released, nothing deployed, exit 130', async () => {
    const before = parseDeployRecord(f.read(RECORD) ?? '').record;
    const logBefore = f.read(LOG) ?? '';
    const requests = f.requests();
    const run = pty('promote', '--env', 'production', '--reason', 'v2 release');
    await run.waitFor(`type ${sha2.slice(0, 7)} to approve: `);
    expect(existsSync(lockFile(f))).toBe(true);
    run.press('\x03');
    const r = await run.done;
    expect(r.code, r.stdout).toBe(130);
    expect(r.stdout).toMatch(
      new RegExp(
        `interrupted by SIGINT at the approval prompt: promote ${sha2.slice(0, 12)} to production was not approved; nothing was deployed \\(logged as refused\\)\\r?\\n`,
      ),
    );
    expect(f.requests()).toEqual(requests);
    const { record } = expectCleanChain(f, logBefore);
    expect({ ...record, audit_head: undefined }).toEqual({ ...before, audit_head: undefined });
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'PROMOTE',
      environment: 'production',
      from: sha1,
      to: sha2,
      reason: 'v2 release',
      outcome: 'refused',
      details: [
        'approval: not approved: interrupted by SIGINT while waiting for an answer; nothing was deployed.',
      ],
    });
    await expectLockReleased(f);
    await expectNoAuditFindings(f);
  }, 120_000);

  it('SIGTERM at the rollback prompt: the same, exit 143', async () => {
    const before = parseDeployRecord(f.read(RECORD) ?? '').record;
    const logBefore = f.read(LOG) ?? '';
    const requests = f.requests();
    // sha2 on production, so that the rollback has somewhere to go.
    expect((await f.cli('promote', '--env', 'production', ...APPROVE)).code).toBe(0);
    const afterPromote = parseDeployRecord(f.read(RECORD) ?? '').record;
    expect(afterPromote?.last_good_sha).toBe(sha2);
    const run = pty('rollback', '--reason', 'checking the prompt');
    await run.waitFor(`roll production back to ${sha1.slice(0, 12)}: type ${sha1.slice(0, 7)} to approve: `);
    // The lock names the process that waits at the prompt: a `kill` from another terminal.
    const holder = JSON.parse(readFileSync(lockFile(f), 'utf8')) as { pid: number };
    process.kill(holder.pid, 'SIGTERM');
    const r = await run.done;
    expect(r.code, r.stdout).toBe(143);
    expect(r.stdout).toContain(
      `interrupted by SIGTERM at the approval prompt: roll production back to ${sha1.slice(0, 12)} was not approved; nothing was deployed (logged as refused)`,
    );
    expect(f.requests()).toEqual([...requests, `deploy production ${sha2}`]);
    const { record } = expectCleanChain(f, logBefore);
    expect(record?.pinned).toBeUndefined();
    expect({ ...record, audit_head: undefined }).toEqual({ ...afterPromote, audit_head: undefined });
    expect(before?.last_good_sha).toBe(sha1);
    expect(f.auditLines().at(-1)).toMatchObject({
      event: 'SYSTEM_CORRECTION_EVENT',
      from: sha2,
      to: sha1,
      outcome: 'refused',
      details: [
        'approval: not approved: interrupted by SIGTERM while waiting for an answer; nothing was deployed.',
      ],
    });
    await expectLockReleased(f);
    // Near miss: the prompt still approves when answered.
    const ok = pty('rollback', '--reason', 'answered this time');
    await ok.waitFor(`type ${sha1.slice(0, 7)} to approve: `);
    ok.type(sha1.slice(0, 7));
    const done = await ok.done;
    expect(done.code, done.stdout).toBe(0);
    expect(f.record()).toMatchObject({ last_good_sha: sha1, pinned: true });
  }, 120_000);
});
