import { currentSha, resolveEnvironment } from '@slipway/policy-core';
import {
  type HealthResult,
  healthAll,
  lockStatus,
  type OperationContext,
  productionSettings,
  readDeployState,
  recordedSha,
  say,
} from '@slipway/policy-core/node';
import { UserError } from '../command.js';
import { watchLogFailure } from './watch-log-failure.js';
import { watchRollback } from './watch-rollback.js';

export interface WatchOptions {
  envName: string;
  intervalMs: number;
  failures: number;
  forMs?: number;
  /** One poll, then stop: a scheduled health check, or a dry run's look at what watch would do. */
  once?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const short = (sha: string | undefined) => sha?.slice(0, 12) ?? '(nothing recorded)';

/**
 * Production monitoring: poll the health endpoints; after `failures` consecutive failed polls,
 * roll back to the last good SHA once (a SYSTEM_CORRECTION_EVENT naming the failing checks),
 * then stop. On another environment (staging) it rolls nothing back: it logs the failure once
 * (HEALTH_FAILED, the SHA the environment runs), which a production promote of that SHA reads as
 * a failed soak, then stops. It never acts while a promote or rollback holds the lock: a deploy
 * in progress is expected to fail checks for a moment.
 *
 * Exit codes: 0 when the run ended without acting (with `once`: and its poll passed); 1 when it
 * rolled back (even successfully:
 * production was unhealthy and is now pinned, and a scheduled job must go red), when the
 * rollback failed, or when it could not roll back (logged as refused); 128+n when a signal
 * stopped the rollback.
 */
export async function watch(ctx: OperationContext, opts: WatchOptions): Promise<number> {
  const deploy = ctx.doc.policy.deploy;
  if (!deploy) throw new UserError('the policy has no deploy: section');
  const base = resolveEnvironment(ctx.doc, opts.envName, ctx.env);
  if (base.health.length === 0)
    throw new UserError(`${opts.envName} has no health endpoints to watch; add health: to it.`);
  // Production's health URLs and its automatic rollback are production's own, not a checkout's
  // edit. Elsewhere the watch can only log a failure, which refuses a promote and never lets one
  // through, so the checkout's policy is enough.
  if (base.isProduction) await productionSettings(ctx);
  // What the environment runs: production's from the record, another's from the audit log (its
  // last succeeded deploy), read again at each poll.
  const running = base.isProduction
    ? () => recordedSha(ctx.root, deploy)
    : () => currentSha(readDeployState(ctx.root, deploy), base) ?? undefined;
  if (!base.isProduction && running() === undefined)
    throw new UserError(
      `nothing is recorded as running on ${base.name} (no succeeded promote to it in ${deploy.audit_log}), so a failure would name no SHA; promote to ${base.name} first`,
    );
  // Each poll is one attempt per endpoint: consecutive polls are the retries. The rollback
  // itself is a deploy and gets the policy's retries and backoff (`base`): a service that is
  // still starting must not turn a good rollback into a failed one.
  const env = { ...base, health: base.health.map((h) => ({ ...h, options: { ...h.options, retries: 0 } })) };
  const o = { write: (line: string) => say(ctx, 'health', line) };
  const ts = () => ctx.now().toISOString();
  // The run bound. `--for` bounds the polling, health requests in flight included: at the
  // deadline a poll still waiting for its answers is abandoned (its connections dropped, its
  // result not counted), so a slow endpoint cannot stretch the run by its timeout. It never
  // bounds an automatic rollback that has started: that is a deploy with a `started` entry in
  // the log, and it runs to its end and its logged outcome however late that is (its own
  // deploy_timeout_s and health timeouts bound it), because a rollback cut short leaves
  // production in neither state. `bound` is therefore passed to the polls only.
  const deadline = opts.forMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + opts.forMs;
  const limit = new AbortController();
  const timer =
    opts.forMs === undefined ? undefined : setTimeout(() => limit.abort('the --for limit'), opts.forMs);
  const bound = opts.forMs === undefined ? undefined : limit.signal;
  let streak = 0;
  // The SHA the record names, against which failures are counted: a deploy that finishes (or is
  // recorded by another clone and pulled) starts the count afresh against the new one.
  let watched = running();
  // Failed polls ignored because a deploy held the lock or changed production meanwhile: the
  // closing line must not call that run healthy.
  let uncounted = 0;
  let finished = 0;
  o.write(
    `watching ${env.name} (${short(watched)}) every ${opts.intervalMs} ms; ${base.isProduction ? 'rolling back' : 'logging the failure (HEALTH_FAILED)'} after ${opts.failures} consecutive failures\n`,
  );
  try {
    while (Date.now() < deadline) {
      const holderBefore = await lockStatus(ctx.root);
      const shaBefore = running();
      const results = await healthAll(env, bound);
      if (bound?.aborted) {
        o.write(`${ts()} the --for limit came during a poll (${unfinished(results)}): not counting it\n`);
        break;
      }
      finished++;
      const failed = results.filter((r) => !r.ok);
      const holder = holderBefore ?? (await lockStatus(ctx.root));
      const sha = running();
      if (sha !== watched) {
        o.write(
          `${ts()} ${env.name} now runs ${short(sha)} (was ${short(watched)}): counting failures afresh\n`,
        );
        watched = sha;
        streak = 0;
      }
      if (holder) {
        streak = 0;
        if (failed.length > 0) uncounted++;
        o.write(`${ts()} deploy in progress (${holder}): not counting this poll\n`);
      } else if (sha !== shaBefore) {
        // The answers may come from either deploy: they count against neither.
        if (failed.length > 0) uncounted++;
        o.write(`${ts()} ${env.name} changed during this poll: not counting it\n`);
      } else if (failed.length === 0) {
        if (streak > 0) o.write(`${ts()} healthy again after ${streak} failed poll(s)\n`);
        streak = 0;
      } else {
        streak++;
        o.write(
          `${ts()} failure ${streak}/${opts.failures}: ${failed.map((r) => `${r.url} ${r.detail}`).join('; ')}\n`,
        );
        if (streak >= opts.failures) {
          const reason = `watch: ${streak} consecutive failed health polls (${failed.map((r) => `${r.url}: ${r.detail}`).join('; ')})`;
          const failing = failed.map((r) => `health ${r.url}: failed, ${r.detail}`);
          const done = base.isProduction
            ? await watchRollback(ctx, base, deploy, { reason, failing, countedAgainst: watched })
            : await watchLogFailure(ctx, base, deploy, { reason, failing, countedAgainst: watched });
          if (typeof done === 'number') return done;
          // A deploy took the lock, or finished, since the poll: count afresh after it.
          streak = 0;
        }
      }
      if (opts.once) break;
      const wait = Math.min(opts.intervalMs, deadline - Date.now());
      if (wait > 0) await sleep(wait);
    }
  } finally {
    clearTimeout(timer);
  }
  o.write(
    `watch: ${closing(env.name, finished, streak, opts.failures, uncounted)}; stopping without acting\n`,
  );
  // One poll is a health check: a failed one must turn a scheduled job red though nothing acted.
  return opts.once && streak > 0 ? 1 : 0;
}

function unfinished(results: HealthResult[]): string {
  const open = results.filter((r) => r.interrupted).map((r) => r.url);
  return open.length > 0 ? `no answer yet from ${open.join(', ')}` : 'its answers had just come';
}

/** How a run that did not act ended, without calling an unhealthy one healthy. */
function closing(
  name: string,
  finished: number,
  streak: number,
  failures: number,
  uncounted: number,
): string {
  if (finished === 0) return `no poll of ${name} finished within the run`;
  if (streak > 0)
    return `${name} failed the last ${streak} poll(s), fewer than the ${failures} that roll back, when the run ended`;
  if (uncounted > 0)
    return `${uncounted} poll(s) of ${name} failed but were not counted because a deploy held the lock or changed ${name} meanwhile`;
  return `${name} stayed healthy enough for the whole run`;
}
