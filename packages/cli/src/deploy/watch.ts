import type { DeploySection } from '@slipway/policy-core';
import { UserError } from '../command.js';
import { runCorrection } from './correction.js';
import { assertUsable, readDeployState } from './deploy-state.js';
import { healthAll } from './deploy-step.js';
import { type ResolvedEnvironment, resolveEnvironment } from './environment.js';
import { commitIfAsked, lockStatus, type OperationContext, takeLock } from './operation.js';
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
  // Each poll is one attempt per endpoint: consecutive polls are the retries.
  const env = { ...base, health: base.health.map((h) => ({ ...h, options: { ...h.options, retries: 0 } })) };
  const o = ctx.out;
  const deadline = opts.forMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + opts.forMs;
  let streak = 0;
  o.write(
    `watching ${env.name} every ${opts.intervalMs} ms; rolling back after ${opts.failures} consecutive failures\n`,
  );
  while (Date.now() < deadline) {
    const results = await healthAll(env);
    const failed = results.filter((r) => !r.ok);
    const holder = await lockStatus(ctx.root);
    if (holder) {
      streak = 0;
      o.write(`${ctx.now().toISOString()} deploy in progress (${holder}): not counting this poll\n`);
    } else if (failed.length === 0) {
      if (streak > 0) o.write(`${ctx.now().toISOString()} healthy again after ${streak} failed poll(s)\n`);
      streak = 0;
    } else {
      streak++;
      o.write(
        `${ctx.now().toISOString()} failure ${streak}/${opts.failures}: ${failed.map((r) => `${r.url} ${r.detail}`).join('; ')}\n`,
      );
      if (streak >= opts.failures) {
        const reason = `watch: ${streak} consecutive failed health polls (${failed.map((r) => `${r.url}: ${r.detail}`).join('; ')})`;
        return rollBackOnce(ctx, env, reason, deploy);
      }
    }
    const wait = Math.min(opts.intervalMs, deadline - Date.now());
    if (wait > 0) await sleep(wait);
  }
  o.write(`watch: ${env.name} stayed healthy enough for the whole run; stopping\n`);
  return 0;
}

async function rollBackOnce(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  reason: string,
  deploy: DeploySection,
): Promise<number> {
  const o = ctx.out;
  if (ctx.dryRun) {
    o.write(`dry run: would roll ${env.name} back now (${reason}); stopping\n`);
    return 1;
  }
  let lock: Awaited<ReturnType<typeof takeLock>>;
  try {
    lock = await takeLock(ctx.root, `slipway watch --env ${env.name} (automatic rollback)`);
  } catch (err) {
    o.write(`watch: not rolling back: ${(err as Error).message}; stopping\n`);
    return 1;
  }
  try {
    const state = readDeployState(ctx.root, deploy);
    assertUsable(state);
    const record = state.record;
    const target = record ? defaultRollbackTarget(record) : undefined;
    if (!record || !target) {
      o.write(
        `watch: ${env.name} is failing but no earlier good deploy is recorded to roll back to; stopping\n`,
      );
      return 1;
    }
    const ok = await runCorrection(ctx, env, state, {
      from: record.last_good_sha,
      to: target,
      reason,
      pin: true,
      updateRecord: true,
    });
    await commitIfAsked(
      ctx,
      state,
      `slipway: automatic rollback of ${env.name} to ${target.slice(0, 12)}`,
      `SYSTEM_CORRECTION_EVENT ${env.name} ${target}`,
    );
    o.write(
      `watch: rolled back once ${ok ? 'successfully' : 'but the rollback FAILED'}; stopping (production is pinned until \`slipway unpin\`)\n`,
    );
    return ok ? 0 : 1;
  } finally {
    lock.release();
  }
}
