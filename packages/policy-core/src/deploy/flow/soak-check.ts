/**
 * The soak (`deploy.environments.<name>.min_soak`): how long a SHA must have run on the
 * environment that verifies it first (staging) before a promote here. It starts when that
 * verification succeeded (the time of its STAGING_VERIFIED line) and holds only while staging
 * kept running the SHA: another SHA deployed there meanwhile cut it short, and a failed health
 * poll `slipway watch --env <staging>` logged (HEALTH_FAILED) refuses the SHA. Its health at the
 * end is asked by the flow (node/deploy/soak-health.ts), which alone contacts staging.
 */
import { durationMinutes } from '../../windows/index.js';
import type { DeployFiles } from './deploy-files.js';
import type { ResolvedEnvironment } from './environment.js';
import { latestStagingEntry, type Precondition } from './promote-checks.js';

const MINUTE = 60_000;

/** The soak's state for `sha`, when staging verified the SHA and `env` sets min_soak or staging's health failed since. */
export interface Soak {
  check: Precondition;
  /** The soak is over and unbroken: staging's health decides the rest. */
  over: boolean;
}

function minutesText(m: number): string {
  const h = Math.floor(m / 60);
  return h > 0 ? `${h}h${m % 60 > 0 ? `${m % 60}m` : ''}` : `${m}m`;
}

/**
 * The soak check of a promote to `env` at `now`; undefined when there is no succeeded
 * verification to soak from (the staging check already says so), or when `env` sets no min_soak
 * and no failed health poll of the SHA is logged. Skipped staging (`--skip-staging`) is the
 * caller's: it skips the soak with the verification, and says so there.
 */
export function soakCheck(
  state: DeployFiles,
  env: Pick<ResolvedEnvironment, 'name' | 'config'>,
  staging: string,
  sha: string,
  now: Date,
): Soak | undefined {
  const entry = latestStagingEntry(state, staging, sha);
  if (entry?.event.outcome !== 'succeeded') return undefined;
  const text = env.config.min_soak;
  const minutes = text === undefined ? undefined : durationMinutes(text);
  const soaks = typeof minutes === 'number';
  const from = Date.parse(entry.event.time);
  const key = `deploy.environments.${env.name}.min_soak`;
  const short = sha.slice(0, 12);
  const since = state.log.entries.slice(state.log.entries.indexOf(entry) + 1).map((e) => e.event);
  // Whatever staging ran after the verification replaced the SHA there: the soak stopped then.
  const later = since.find(
    (e) =>
      e.environment === staging &&
      e.to !== null &&
      e.to !== sha &&
      e.outcome !== 'refused' &&
      e.event !== 'BREAK_GLASS' &&
      e.event !== 'HEALTH_FAILED',
  );
  if (soaks && later)
    return {
      over: false,
      check: {
        name: 'soak',
        ok: false,
        detail: `${staging} ran ${(later.to as string).slice(0, 12)} from ${later.time}, ${minutesText(Math.max(0, Math.floor((Date.parse(later.time) - from) / MINUTE)))} into the ${minutesText(minutes)} soak of ${short} (${key}); verify ${short} on ${staging} again (slipway promote ${short} --env ${staging}) and let it soak`,
      },
    };
  // `slipway watch --env <staging>` logs failed polls of the SHA staging runs (HEALTH_FAILED).
  // One since the verification (during the soak or after it, with or without min_soak) means
  // the SHA went unhealthy where it was verified: it is not shipped on that verification.
  const sick = since.find(
    (e) => e.event === 'HEALTH_FAILED' && e.outcome === 'failed' && e.environment === staging && e.to === sha,
  );
  if (sick) {
    const into = minutesText(Math.max(0, Math.floor((Date.parse(sick.time) - from) / MINUTE)));
    const soakText = soaks ? ` and let it soak for ${minutesText(minutes)} (${key})` : '';
    return {
      over: false,
      check: {
        name: soaks ? 'soak' : 'staging health',
        ok: false,
        detail: `${staging}'s health checks failed on ${short} at ${sick.time}, ${into} after its verification (logged by slipway watch --env ${staging}: ${(sick.details ?? []).join('; ') || 'no details'}); find out why, then verify ${short} on ${staging} again (slipway promote ${short} --env ${staging})${soakText}`,
      },
    };
  }
  if (!soaks) return undefined;
  const ends = from + minutes * MINUTE;
  const endsText = new Date(ends).toISOString();
  if (now.getTime() < ends) {
    const left = Math.ceil((ends - now.getTime()) / MINUTE);
    return {
      over: false,
      check: {
        name: 'soak',
        ok: false,
        detail: `${staging} verified ${short} at ${entry.event.time}; its ${minutesText(minutes)} soak (${key}) ends at ${endsText}, in ${minutesText(left)}; promote then`,
      },
    };
  }
  return {
    over: true,
    check: {
      name: 'soak',
      ok: true,
      detail: `${short} soaked on ${staging} from ${entry.event.time} (${minutesText(minutes)}, ended ${endsText}); no failed health poll of it is logged (slipway watch --env ${staging} logs them)`,
    },
  };
}
