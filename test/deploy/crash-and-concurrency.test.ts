import { parseDeployRecord, readAuditLog } from '@slipway/policy-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../helpers/wait-until.js';
import { DeployFixture } from './helpers/deploy-repo.js';
import { shipped } from './helpers/prepared-fixture.js';
import { runCli, startCli } from './helpers/run-cli.js';

const APPROVE = ['--yes', '--approved-by', 'Ada Approver'];
const RECORD = 'infrastructure/LAST_PROD_DEPLOY.json';
const LOG = 'infrastructure/deploy-audit.jsonl';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SIGKILL at swept points during promote, rollback and unpin', () => {
  let f: DeployFixture;
  let shaA = '';
  let shaB = '';
  const cli = (args: string[], env: Record<string, string> = {}) =>
    runCli(args, { cwd: f.repo.dir, env: { ...f.env, ...env } });

  beforeAll(async () => {
    // v1 (A) in production, v2 (B) on staging: the start every crash is swept from.
    ({ f, v1: shaA, v2: shaB } = await shipped(['staging']));
  });
  afterAll(() => f.dispose());

  type Kind = 'promote' | 'rollback' | 'unpin';
  const ARGS: Record<Kind, () => string[]> = {
    promote: () => ['promote', shaB, '--env', 'production', ...APPROVE],
    rollback: () => ['rollback', '--to', shaA, '--reason', 'crash test', '--yes'],
    unpin: () => ['unpin', '--reason', 'crash test', '--yes'],
  };
  /** Brings production to the state `kind` starts from: promote A->B, rollback B->A, unpin a pin. */
  async function prepare(kind: Kind): Promise<void> {
    for (let i = 0; i < 4; i++) {
      const r = parseDeployRecord(f.read(RECORD) ?? '').record;
      if (!r) throw new Error('no record');
      const at = r.last_good_sha === shaA ? 'A' : 'B';
      if (kind === 'unpin' && r.pinned) return;
      if (kind !== 'unpin' && r.pinned) {
        expect((await cli(ARGS.unpin())).code).toBe(0);
        continue;
      }
      if (kind === 'promote' && at === 'A') return;
      if (kind === 'rollback' && at === 'B') return;
      const step = at === 'A' ? ARGS.promote() : ARGS.rollback();
      const res = await cli(step);
      expect(res.code, res.stdout + res.stderr).toBe(0);
    }
    throw new Error(`could not prepare ${kind}`);
  }

  it('always leaves the old or the new record, and never loses an acknowledged audit entry', async () => {
    // The kill comes a swept delay after the command has begun to write (its first audit-log
    // append, seen on disk), never during Node's start-up, which writes nothing: the delays sweep
    // the rest of the run (log appends, the slow deploy, health, record write); the deploy script
    // sleeps to widen the window in which the process is mid-deploy. Each command is put into
    // its starting state by normal (unkilled) runs first.
    const plan: [Kind, number][] = [
      ['promote', 0],
      ['rollback', 0],
      ['unpin', 0],
      ['promote', 100],
      ['rollback', 100],
      ['unpin', 50],
      ['promote', 450],
      ['rollback', 450],
      ['unpin', 200],
      ['promote', 900],
      ['rollback', 900],
      ['promote', 1600],
      ['rollback', 1600],
    ];
    const outcomes = new Map<string, number>();
    for (const [kind, delay] of plan) {
      await prepare(kind);
      const before = parseDeployRecord(f.read(RECORD) ?? '').record;
      expect(before).toBeDefined();
      if (!before) return;
      const logBefore = f.read(LOG) ?? '';
      const args = ARGS[kind]();
      const run = startCli(args, { cwd: f.repo.dir, env: { ...f.env, DEPLOY_SLEEP: '0.4' } });
      let exited = false;
      void run.done.then(() => {
        exited = true;
      });
      const writing = () => (f.read(LOG) ?? '') !== logBefore;
      await waitUntil(() => writing() || exited, `${kind} to append to the audit log`);
      const wrote = writing();
      await sleep(delay);
      const killed = run.child.kill('SIGKILL');
      const result = await run.done;
      // The detached deploy script may still be finishing; let it, so it cannot race the next run.
      await waitUntil(() => f.deploysUnderWay() === 0, 'the deploy script the killed run started to end');
      const key = `${args[0]}:${result.signal === 'SIGKILL' && killed ? (wrote ? 'killed' : 'killed before writing') : `exit ${result.code}`}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);

      const recordText = f.read(RECORD) ?? '';
      const after = parseDeployRecord(recordText);
      expect(after.problems, `record after ${key} at ${delay} ms:\n${recordText}`).toEqual([]);
      expect([shaA, shaB]).toContain(after.record?.last_good_sha);
      const logAfter = f.read(LOG) ?? '';
      expect(logAfter.startsWith(logBefore), `audit log lost entries after ${key} at ${delay} ms`).toBe(true);
      const log = readAuditLog(logAfter, after.record?.audit_head);
      const serious = log.issues.filter((i) => i.kind === 'chain' || i.kind === 'head-missing');
      expect(serious, `chain after ${key} at ${delay} ms`).toEqual([]);
      // A malformed line may only be a torn tail, and AUD001 reports it.
      for (const i of log.issues) if (i.kind === 'malformed') expect(i.torn).toBe(true);
    }
    // Both kinds of command were killed mid-way (after their first write) at least once, so the
    // sweep meant something.
    expect(outcomes.get('promote:killed'), JSON.stringify([...outcomes])).toBeGreaterThanOrEqual(1);
    expect(outcomes.get('rollback:killed'), JSON.stringify([...outcomes])).toBeGreaterThanOrEqual(1);
    // And after all that, a normal run still works on the same files and seals the chain.
    const last = parseDeployRecord(f.read(RECORD) ?? '').record;
    if (last?.pinned) expect((await cli(['unpin', '--reason', 'done', '--yes'])).code).toBe(0);
    const h = await cli(['history', '--limit', '0']);
    expect(h.code).toBe(0);
    const rec = parseDeployRecord(f.read(RECORD) ?? '').record;
    const final = readAuditLog(f.read(LOG) ?? '', rec?.audit_head);
    expect(final.issues.filter((i) => i.kind === 'chain' || i.kind === 'head-missing')).toEqual([]);
  }, 300_000);
});

describe('two promotes at once', () => {
  let f: DeployFixture;
  beforeAll(async () => {
    f = await new DeployFixture().start();
    const r = await runCli(['promote', '--env', 'staging'], { cwd: f.repo.dir, env: f.env });
    expect(r.code).toBe(0);
  });
  afterAll(() => f.dispose());

  it('exactly one wins; the other names the lock holder and deploys nothing', async () => {
    const env = { ...f.env, DEPLOY_SLEEP: '3' };
    const a = startCli(['promote', '--env', 'production', ...APPROVE], { cwd: f.repo.dir, env });
    const b = startCli(['promote', '--env', 'production', ...APPROVE], { cwd: f.repo.dir, env });
    const [ra, rb] = await Promise.all([a.done, b.done]);
    const codes = [ra.code, rb.code].sort();
    expect(codes).toEqual([0, 1]);
    const loser = ra.code === 1 ? ra : rb;
    const winner = ra.code === 1 ? b : a;
    expect(loser.stderr).toMatch(
      /another deploy holds the lock: slipway promote [0-9a-f]{12} --env production \(pid \d+ on /,
    );
    expect(loser.stderr).toContain(`pid ${winner.child.pid} `);
    expect(f.requests().filter((l) => l.startsWith('deploy production'))).toHaveLength(1);
    const events = f.auditLines().filter((l) => l.event === 'PROMOTE');
    expect(events.map((e) => e.outcome)).toEqual(['started', 'succeeded']);
  });
});
