import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDeployRecord, readAuditLog } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../helpers/wait-until.js';
import { APPROVE, type DeployFixture } from './helpers/deploy-repo.js';
import { startCli } from './helpers/run-cli.js';
import { shipped } from './helpers/prepared-fixture.js';

const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';
/** How long the deploy script sleeps between asking to deploy and switching production over. */
const DEPLOY_SLEEP_S = 2.5;

/**
 * The deploy command runs in its own process group, so the terminal's Ctrl-C (or a `kill`)
 * reaches only Slipway: Slipway must stop the command's group, log the interruption and exit,
 * not leave the deploy finishing unwatched.
 */
describe('a signal while the deploy or rollback command runs', () => {
  let f: DeployFixture;
  let shaA = '';
  let shaB = '';
  beforeAll(async () => {
    ({ f, v1: shaA, v2: shaB } = await shipped(['staging']));
  });
  afterAll(() => f.dispose());

  const running = () => readFileSync(join(f.state, 'production.current'), 'utf8').trim();

  /** Starts `args` with a slow deploy, sends `signal` once the script is mid-deploy. */
  async function interrupt(args: string[], signal: NodeJS.Signals, request: string) {
    const before = parseDeployRecord(f.read(RECORD) ?? '').record;
    const logBefore = f.read(LOG) ?? '';
    // An earlier test may have asked for the same request: wait for one more than now.
    const asked = () => f.requests().filter((r) => r === request).length;
    const already = asked();
    const run = startCli(args, { cwd: f.repo.dir, env: { ...f.env, DEPLOY_SLEEP: String(DEPLOY_SLEEP_S) } });
    // The script logs the request, then sleeps: from then on the deploy is under way.
    await waitUntil(() => asked() > already, `the deploy script to be asked for "${request}"`);
    expect(asked()).toBe(already + 1);
    const underWay = f.deploysUnderWay();
    run.child.kill(signal);
    const result = await run.done;
    // The script's process gone (not a fixed wait past its sleep): it can no longer switch
    // production over, so production still on the old SHA shows the command was stopped, and
    // it never reached its end.
    await waitUntil(() => !f.deployRunning(), 'the deploy script to be stopped');
    expect(f.deploysUnderWay(), 'the deploy script ran to its end').toBe(underWay);
    return { result, before, logBefore };
  }

  function expectLoggedInterruption(signal: string, logBefore: string) {
    const logText = f.read(LOG) ?? '';
    expect(logText.startsWith(logBefore)).toBe(true);
    expect(logText.endsWith('\n')).toBe(true);
    const record = parseDeployRecord(f.read(RECORD) ?? '').record;
    const log = readAuditLog(logText, record?.audit_head);
    expect(log.issues).toEqual([]);
    const [started, last] = log.entries.slice(-2).map((e) => e.event);
    expect(started?.outcome).toBe('started');
    expect(last?.outcome).toBe('failed');
    expect(last?.details?.join('\n')).toContain(`interrupted by ${signal}`);
    return { started, last, record };
  }

  async function expectNoAuditFindings() {
    const check = await startCli(['check', '--tree', '--format', 'json'], { cwd: f.repo.dir, env: f.env })
      .done;
    const rules = (JSON.parse(check.stdout).findings as { rule: string }[]).map((x) => x.rule);
    expect(rules.filter((r) => r.startsWith('AUD'))).toEqual([]);
  }

  it('SIGINT during a promote: the deploy is stopped, logged as failed, the record kept, exit 130', async () => {
    const { result, before, logBefore } = await interrupt(
      ['promote', shaB, '--env', 'production', '--skip-staging', '--reason', 'x', ...APPROVE],
      'SIGINT',
      `deploy production ${shaB}`,
    );
    expect(result.code, result.stdout + result.stderr).toBe(130);
    expect(result.stdout).toMatch(/^interrupted by SIGINT: stopped the deploy command .*still names/m);
    // The script's process group was killed: production never switched to B.
    expect(running()).toBe(shaA);
    const { started, last, record } = expectLoggedInterruption('SIGINT', logBefore);
    expect(started).toMatchObject({ event: 'PROMOTE', to: shaB });
    expect(last).toMatchObject({ event: 'PROMOTE', from: shaA, to: shaB });
    // No automatic rollback was started, and the record still describes A (only its head moved).
    expect(f.requests().filter((r) => r.startsWith('rollback'))).toEqual([]);
    expect({ ...record, audit_head: undefined }).toEqual({ ...before, audit_head: undefined });
    expect(existsSync(join(f.repo.dir, '.git', 'slipway-deploy.lock'))).toBe(false);
    await expectNoAuditFindings();
  }, 120_000);

  it('SIGTERM during a rollback: the same, exit 143', async () => {
    // Put B on production first, so that a rollback to A has something to do.
    const ok = await startCli(['promote', shaB, '--env', 'production', ...APPROVE], {
      cwd: f.repo.dir,
      env: f.env,
    }).done;
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const { result, before, logBefore } = await interrupt(
      ['rollback', '--to', shaA, '--reason', 'signal test', '--yes'],
      'SIGTERM',
      `rollback production ${shaA}`,
    );
    expect(result.code, result.stdout + result.stderr).toBe(143);
    expect(result.stdout).toMatch(/^interrupted by SIGTERM: stopped the rollback command/m);
    expect(running()).toBe(shaB);
    const { last, record } = expectLoggedInterruption('SIGTERM', logBefore);
    expect(last).toMatchObject({ event: 'SYSTEM_CORRECTION_EVENT', from: shaB, to: shaA });
    expect({ ...record, audit_head: undefined }).toEqual({ ...before, audit_head: undefined });
    expect(existsSync(join(f.repo.dir, '.git', 'slipway-deploy.lock'))).toBe(false);
    await expectNoAuditFindings();
  }, 120_000);

  it("SIGINT during watch's automatic rollback: the same, exit 130, nothing pinned", async () => {
    // Production runs B (the rollback above was stopped) and starts failing its health checks.
    f.prod.defaultMode = 'failing';
    try {
      const { result, before, logBefore } = await interrupt(
        ['watch', '--interval', '50ms', '--failures', '1', '--for', '20s'],
        'SIGINT',
        `rollback production ${shaA}`,
      );
      expect(result.code, result.stdout + result.stderr).toBe(130);
      expect(result.stdout).toMatch(/^interrupted by SIGINT: stopped the rollback command/m);
      expect(running()).toBe(shaB);
      const { last, record } = expectLoggedInterruption('SIGINT', logBefore);
      expect(last).toMatchObject({ event: 'SYSTEM_CORRECTION_EVENT', from: shaB, to: shaA });
      expect(record?.pinned).toBeUndefined();
      expect({ ...record, audit_head: undefined }).toEqual({ ...before, audit_head: undefined });
      expect(existsSync(join(f.repo.dir, '.git', 'slipway-deploy.lock'))).toBe(false);
    } finally {
      f.prod.defaultMode = 'healthy';
    }
  }, 120_000);
});
