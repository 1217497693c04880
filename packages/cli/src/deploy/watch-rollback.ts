import {
  type DeploySection,
  defaultRollbackTarget,
  productionPin,
  type ResolvedEnvironment,
} from '@slipway/policy-core';
import {
  appendEvent,
  commitExists,
  commitIfAsked,
  type DeployState,
  type OperationContext,
  readDeployState,
  runCorrectionStep,
  say,
  sealHead,
} from '@slipway/policy-core/node';
import { signalExitCode } from './interrupted.js';
import { refuseUnusableCommitted } from './refuse-unusable.js';
import { watchLock } from './watch-lock.js';

const nowIso = (ctx: OperationContext) => ctx.now().toISOString();

export interface WatchRollbackInput {
  /** The SYSTEM_CORRECTION_EVENT's reason: how many polls failed, and which checks. */
  reason: string;
  /** One line per failing check of the last poll ("health URL: failed, HTTP 503"). */
  failing: string[];
  /** The SHA the record named while the failures were counted (undefined: no record). */
  countedAgainst: string | undefined;
}

/**
 * What ended the watch (its exit code), or why it did not act now and should poll on:
 * another deploy holds the lock, or one finished since the failures were counted.
 */
export type WatchRollbackResult = number | 'busy' | 'changed';

/**
 * The watch's one automatic rollback, under the deploy lock. Every way it ends is in the audit
 * log and, with `--commit`, committed: the watch runs unattended (a scheduled CI job), and a
 * trace left only in a runner's working tree is lost. A rollback that ran ends the watch with
 * exit 1 even when it succeeded: production was unhealthy and is now pinned, and the job that
 * ran the watch must go red so that people look.
 */
export async function watchRollback(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  deploy: DeploySection,
  input: WatchRollbackInput,
): Promise<WatchRollbackResult> {
  const o = { write: (line: string) => say(ctx, 'rollback', line) };
  if (ctx.dryRun) {
    o.write(`dry run: would roll ${env.name} back now (${input.reason}); stopping\n`);
    return 1;
  }
  const lock = await watchLock(
    ctx,
    `slipway watch --env ${env.name} (automatic rollback)`,
    'not rolling back now',
    o.write,
  );
  if (lock === 'busy') return 'busy';
  return await underLock(ctx, env, deploy, input).finally(() => lock.release());
}

async function underLock(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  deploy: DeploySection,
  input: WatchRollbackInput,
): Promise<number | 'changed'> {
  const o = { write: (line: string) => say(ctx, 'rollback', line) };
  const state = readDeployState(ctx.root, deploy);
  const attempt = {
    event: 'SYSTEM_CORRECTION_EVENT' as const,
    environment: env.name,
    actor: ctx.actor,
    reason: input.reason,
  };
  await refuseUnusableCommitted(
    ctx,
    state,
    { ...attempt, time: nowIso(ctx), from: null, to: null },
    { subject: refusedSubject(env), event: `SYSTEM_CORRECTION_EVENT ${env.name} refused` },
  );
  const record = state.record;
  // A promote (or another clone's, pulled here) may have finished between the last poll and
  // this lock: the failures were counted against what ran before, and must not roll back the
  // new deploy. Nothing is logged; the watch counts afresh against the new SHA.
  if (record?.last_good_sha !== input.countedAgainst) {
    o.write(
      `${ctx.now().toISOString()} not rolling back: ${env.name} now runs ${record?.last_good_sha.slice(0, 12) ?? '(nothing recorded)'}, not ${input.countedAgainst?.slice(0, 12) ?? '(nothing recorded)'} that failed; counting afresh\n`,
    );
    return 'changed';
  }
  // A pin is a rollback's "production stays here until a person decides" (see
  // pinnedAgainstMachine in rollback-guards.ts): the watch's single move must not overrule it,
  // and a second automatic move after its own is the flapping "once, then stop" prevents.
  const pin = productionPin(state);
  if (pin) {
    const why = `${env.name} is pinned to ${pin.sha.slice(0, 12)} by a rollback (${pin.reason ?? 'no reason recorded'}), so a person decides what runs next, not the watch`;
    return refuse(ctx, env, state, attempt, record?.last_good_sha ?? pin.sha, null, input, why);
  }
  const target = record ? defaultRollbackTarget(record) : undefined;
  if (!record || !target) {
    const why = record
      ? `${deploy.record} records no earlier good deploy to roll back to (only ${record.last_good_sha.slice(0, 12)}); a person must fix or redeploy ${env.name}`
      : `${deploy.record} does not exist: no deploy is recorded to roll back to; a person must fix or redeploy ${env.name}`;
    return refuse(ctx, env, state, attempt, record?.last_good_sha ?? null, null, input, why);
  }
  if (!(await commitExists(ctx.root, target))) {
    const why = `${target.slice(0, 12)}, the rollback target in ${deploy.record}, is not a commit in this repository; fetch it`;
    return refuse(ctx, env, state, attempt, record.last_good_sha, target, input, why);
  }
  const step = await runCorrectionStep(ctx, env, state, {
    from: record.last_good_sha,
    to: target,
    reason: input.reason,
    pin: true,
    updateRecord: true,
  });
  // Stopped by a signal: logged as failed and said by runCorrectionStep; exit as a shell would.
  if (step.interrupted) return signalExitCode(step.interrupted);
  await commitIfAsked(
    ctx,
    state,
    `slipway: automatic rollback of ${env.name} to ${target.slice(0, 12)}`,
    `SYSTEM_CORRECTION_EVENT ${env.name} ${target}`,
  );
  // runCorrectionStep writes (and pins) the record only after a healthy rollback.
  o.write(
    step.ok
      ? `watch: ${env.name} was rolled back once successfully; stopping with exit 1 so that it is noticed (${record.last_good_sha.slice(0, 12)} was unhealthy; ${env.name} now runs ${target.slice(0, 12)}, pinned until \`slipway unpin\`)\n`
      : `watch: rolled back once but the rollback FAILED; stopping. Nothing was pinned: ${deploy.record} still names ${record.last_good_sha.slice(0, 12)}, and production may run either that or ${target.slice(0, 12)}, unhealthy; it needs a person now\n`,
  );
  return 1;
}

/** Logs the rollback the watch could not make (outcome refused), seals and commits it; exit 1. */
async function refuse(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  state: DeployState,
  attempt: {
    event: 'SYSTEM_CORRECTION_EVENT';
    environment: string;
    actor: OperationContext['actor'];
    reason: string;
  },
  from: string | null,
  to: string | null,
  input: WatchRollbackInput,
  why: string,
): Promise<number> {
  const e = appendEvent(state, {
    ...attempt,
    time: nowIso(ctx),
    from,
    to,
    outcome: 'refused',
    details: [...input.failing, `not rolled back: ${why}`],
  });
  sealHead(state, e.hash);
  await commitIfAsked(ctx, state, refusedSubject(env), `SYSTEM_CORRECTION_EVENT ${env.name} refused`);
  say(
    ctx,
    'outcome',
    `watch: ${env.name} is failing (${input.failing.join('; ')}) but it was NOT rolled back: ${why}; stopping (the refusal is logged)\n`,
  );
  return 1;
}

function refusedSubject(env: ResolvedEnvironment): string {
  return `slipway: automatic rollback of ${env.name} refused`;
}
