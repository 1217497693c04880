import { currentSha, type DeploySection, type ResolvedEnvironment } from '@slipway/policy-core';
import { refuseUnusableCommitted } from './refuse-unusable.js';
import { watchLock } from './watch-lock.js';
import {
  appendEvent,
  commitIfAsked,
  type OperationContext,
  readDeployState,
  say,
  sealHead,
} from '@slipway/policy-core/node';

export interface WatchFailureInput {
  /** The HEALTH_FAILED line's reason: how many polls failed in a row. */
  reason: string;
  /** One line per failing check of the last poll ("health URL: failed, HTTP 503"). */
  failing: string[];
  /** The SHA the environment ran (by the audit log) while the failures were counted. */
  countedAgainst: string | undefined;
}

/**
 * Logged (1, the watch's exit code when it ends), or why it was not logged now and the watch
 * should poll on: another deploy holds the lock, or the environment runs another SHA since.
 */
export type WatchFailureResult = 1 | 'busy' | 'changed';

/**
 * What the watch does on an environment it does not roll back (staging): a HEALTH_FAILED line in
 * the audit log naming the SHA that failed and the failing checks, under the deploy lock, sealed
 * into the record and committed with `--commit` (the watch runs unattended, and a trace left in a
 * runner's working tree is lost). A production promote of that SHA reads it as a failed soak
 * (deploy/flow/soak-check.ts): a SHA that went unhealthy on staging does not ship on the
 * verification it failed after. Nothing is deployed or rolled back.
 */
export async function watchLogFailure(
  ctx: OperationContext,
  env: ResolvedEnvironment,
  deploy: DeploySection,
  input: WatchFailureInput,
): Promise<WatchFailureResult> {
  const o = { write: (line: string) => say(ctx, 'health', line) };
  const short = input.countedAgainst?.slice(0, 12) ?? '(nothing recorded)';
  if (ctx.dryRun) {
    o.write(`dry run: would log HEALTH_FAILED for ${env.name} running ${short} now (${input.reason})\n`);
    return 1;
  }
  const lock = await watchLock(
    ctx,
    `slipway watch --env ${env.name} (logging a health failure)`,
    'not logging now',
    o.write,
  );
  if (lock === 'busy') return 'busy';
  try {
    const state = readDeployState(ctx.root, deploy);
    const attempt = {
      event: 'HEALTH_FAILED' as const,
      environment: env.name,
      actor: ctx.actor,
      reason: input.reason,
      time: ctx.now().toISOString(),
    };
    await refuseUnusableCommitted(
      ctx,
      state,
      { ...attempt, from: null, to: input.countedAgainst ?? null },
      {
        subject: `slipway: health failure of ${env.name} not logged`,
        event: `HEALTH_FAILED ${env.name} refused`,
      },
    );
    // A deploy may have finished between the last poll and this lock: the failures belong to
    // what ran before, not to the SHA now there.
    const now = currentSha(state, env) ?? undefined;
    if (now === undefined || now !== input.countedAgainst) {
      o.write(
        `${attempt.time} not logging: ${env.name} now runs ${now?.slice(0, 12) ?? '(nothing recorded)'}, not ${short} that failed; counting afresh\n`,
      );
      return 'changed';
    }
    const e = appendEvent(state, {
      ...attempt,
      from: null,
      to: now,
      outcome: 'failed',
      details: input.failing,
    });
    sealHead(state, e.hash);
    await commitIfAsked(
      ctx,
      state,
      `slipway: health of ${env.name} failed on ${short}`,
      `HEALTH_FAILED ${env.name} ${now}`,
    );
    say(
      ctx,
      'outcome',
      `watch: ${env.name} is failing on ${short} (${input.failing.join('; ')}); logged as HEALTH_FAILED, so a promote that needs ${short}'s verification on ${env.name} refuses it until it is verified again\n`,
    );
    return 1;
  } finally {
    lock.release();
  }
}
