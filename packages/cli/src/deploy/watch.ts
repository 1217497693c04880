import type { DeploySection } from '@slipway/policy-core';
import { UserError } from '../command.js';
import { runCorrectionStep } from './correction.js';
import { signalExitCode } from './interrupted.js';
import { appendEvent, readDeployState, recordedSha, refuseIfUnusable, sealHead } from './deploy-state.js';
import { commitExists } from './git-ops.js';
import { healthAll } from './deploy-step.js';
import { type ResolvedEnvironment, resolveEnvironment } from './environment.js';
import { commitIfAsked, lockStatus, nowIso, type OperationContext, takeLock } from './operation.js';
import { defaultRollbackTarget } from './record-update.js';

export interface WatchOptions {
  envName: string;
  intervalMs: number;
  failures: number;
  forMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Seed 001's monitoring: poll the health endpoints; after `failures` consecutive failed polls,
 * roll back to the last good SHA once (a SYSTEM_CORRECTION_EVENT naming the failing checks),
 * then stop. It never acts while a promote or rollback holds the lock: a deploy in progress
 * is expected to fail checks for a moment.
 */
export async function watch(ctx: OperationContext, opts: WatchOptions): Promise<number> {
  const deploy = ctx.doc.policy.deploy;
  if (!deploy) throw new UserError('the policy has no deploy: section');
  const base = resolveEnvironment(ctx.doc, opts.envName, ctx.env);
  if (!base.isProduction)
    throw new UserError(`watch rolls back "${deploy.production}", the environment the record describes.`);
  if (base.health.length === 0)
    throw new UserError(`${opts.envName} has no health endpoints to watch; add health: to it.`);
  // Each poll is one attempt per endpoint: consecutive polls are the retries. The rollback
  // itself is a deploy and gets the policy's retries and backoff (`base`): a service that is
  // still starting must not turn a good rollback into a failed one.
  const env = { ...base, health: base.health.map((h) => ({ ...h, options: { ...h.options, retries: 0 } })) };
  const o = ctx.out;
  const deadline = opts.forMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + opts.forMs;
  let streak = 0;
  let streakSha: string | undefined;
  // Failed polls ignored because a deploy held the lock: the closing line must not call that run
  // healthy.
  let uncounted = 0;
  o.write(
    `watching ${env.name} every ${opts.intervalMs} ms; rolling back after ${opts.failures} consecutive failures\n`,
  );
  while (Date.now() < deadline) {
    const results = await healthAll(env);
    const failed = results.filter((r) => !r.ok);
    const holder = await lockStatus(ctx.root);
    if (holder) {
      streak = 0;
      if (failed.length > 0) uncounted++;
      o.write(`${ctx.now().toISOString()} deploy in progress (${holder}): not counting this poll\n`);
    } else if (failed.length === 0) {
      if (streak > 0) o.write(`${ctx.now().toISOString()} healthy again after ${streak} failed poll(s)\n`);
      streak = 0;
    } else {
      // Failures count against one deploy: a deploy that finished between two polls (or was
      // recorded by another clone and pulled) starts the count afresh.
      const now = recordedSha(ctx.root, deploy);
      if (streak > 0 && now !== streakSha) {
        o.write(
          `${ctx.now().toISOString()} ${env.name} now runs ${now?.slice(0, 12) ?? '(nothing recorded)'} (was ${streakSha?.slice(0, 12) ?? '(nothing recorded)'}): counting failures afresh\n`,
        );
        streak = 0;
      }
      if (streak === 0) streakSha = now;
      streak++;
      o.write(
        `${ctx.now().toISOString()} failure ${streak}/${opts.failures}: ${failed.map((r) => `${r.url} ${r.detail}`).join('; ')}\n`,
      );
      if (streak >= opts.failures) {
        const reason = `watch: ${streak} consecutive failed health polls (${failed.map((r) => `${r.url}: ${r.detail}`).join('; ')})`;
        const done = await rollBackOnce(ctx, base, reason, deploy);
        if (done !== 'busy') return done;
        // A deploy took the lock between the poll and now: it is acting; count afresh after it.
        streak = 0;
      }
    }
    const wait = Math.min(opts.intervalMs, deadline - Date.now());
    if (wait > 0) await sleep(wait);
  }
  o.write(
    uncounted > 0
      ? `watch: ${uncounted} poll(s) of ${env.name} failed but were not counted because a deploy held the lock; stopping without acting\n`
      : `watch: ${env.name} stayed healthy enough for the whole run; stopping\n`,
  );
  return 0;
}

async function rollBackOnce(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  reason: string,
  deploy: DeploySection,
): Promise<number | 'busy'> {
  const o = ctx.out;
  if (ctx.dryRun) {
    o.write(`dry run: would roll ${env.name} back now (${reason}); stopping\n`);
    return 1;
  }
  let lock: Awaited<ReturnType<typeof takeLock>>;
  try {
    lock = await takeLock(ctx.root, `slipway watch --env ${env.name} (automatic rollback)`);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    o.write(`${ctx.now().toISOString()} not rolling back now: ${err.message}; watching on\n`);
    return 'busy';
  }
  try {
    const state = readDeployState(ctx.root, deploy);
    const attempt = {
      event: 'SYSTEM_CORRECTION_EVENT' as const,
      environment: env.name,
      actor: ctx.actor,
      reason,
    };
    refuseIfUnusable(state, { ...attempt, time: nowIso(ctx), from: null, to: null });
    const record = state.record;
    const target = record ? defaultRollbackTarget(record) : undefined;
    if (!record || !target) {
      o.write(
        `watch: ${env.name} is failing but no earlier good deploy is recorded to roll back to; stopping\n`,
      );
      return 1;
    }
    if (!(await commitExists(ctx.root, target))) {
      const why = `${target.slice(0, 12)}, the rollback target in ${deploy.record}, is not a commit in this repository; fetch it`;
      const e = appendEvent(state, {
        ...attempt,
        time: nowIso(ctx),
        from: record.last_good_sha,
        to: target,
        outcome: 'refused',
        details: [why],
      });
      sealHead(state, e.hash);
      o.write(`watch: not rolling back: ${why}; stopping (the refusal is logged)\n`);
      return 1;
    }
    const step = await runCorrectionStep(ctx, env, state, {
      from: record.last_good_sha,
      to: target,
      reason,
      pin: true,
      updateRecord: true,
    });
    // Stopped by a signal: logged as failed and said by runCorrectionStep; exit as a shell would.
    if (step.interrupted) return signalExitCode(step.interrupted);
    const ok = step.ok;
    await commitIfAsked(
      ctx,
      state,
      `slipway: automatic rollback of ${env.name} to ${target.slice(0, 12)}`,
      `SYSTEM_CORRECTION_EVENT ${env.name} ${target}`,
    );
    // runCorrectionStep writes (and pins) the record only after a healthy rollback.
    o.write(
      ok
        ? 'watch: rolled back once successfully; stopping (production is pinned until `slipway unpin`)\n'
        : `watch: rolled back once but the rollback FAILED; stopping. Nothing was pinned: ${deploy.record} still names ${record.last_good_sha.slice(0, 12)}, and production may run either that or ${target.slice(0, 12)}, unhealthy; it needs a person now\n`,
    );
    return ok ? 0 : 1;
  } finally {
    lock.release();
  }
}
