/**
 * The soak (`deploy.environments.<name>.min_soak`): how long a SHA must have run on the
 * environment that verifies it first (staging) before a promote here. It starts when that
 * verification succeeded (the time of its STAGING_VERIFIED line) and holds only while staging
 * kept running the SHA: another SHA deployed there meanwhile cut it short. Its health at the end
 * is asked by the flow (node/deploy/soak-health.ts), which alone contacts staging.
 */
import { durationMinutes } from '../../windows/index.js';
import type { DeployFiles } from './deploy-files.js';
import type { ResolvedEnvironment } from './environment.js';
import { latestStagingEntry, type Precondition } from './promote-checks.js';

const MINUTE = 60_000;

/** The soak's state for `sha`, when `env` sets min_soak and staging verified the SHA. */
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
 * The soak check of a promote to `env` at `now`; undefined when `env` sets no min_soak, or when
 * there is no succeeded verification to soak from (the staging check already says so), or when
 * staging is skipped (`--skip-staging` skips its soak with it, and says so there).
 */
export function soakCheck(
  state: DeployFiles,
  env: Pick<ResolvedEnvironment, 'name' | 'config'>,
  staging: string,
  sha: string,
  now: Date,
): Soak | undefined {
  const text = env.config.min_soak;
  const minutes = text === undefined ? undefined : durationMinutes(text);
  if (typeof minutes !== 'number') return undefined;
  const entry = latestStagingEntry(state, staging, sha);
  if (entry?.event.outcome !== 'succeeded') return undefined;
  const from = Date.parse(entry.event.time);
  const ends = from + minutes * MINUTE;
  const key = `deploy.environments.${env.name}.min_soak`;
  const short = sha.slice(0, 12);
  // Whatever staging ran after the verification replaced the SHA there: the soak stopped then.
  const later = state.log.entries
    .slice(state.log.entries.indexOf(entry) + 1)
    .map((e) => e.event)
    .find(
      (e) =>
        e.environment === staging &&
        e.to !== null &&
        e.to !== sha &&
        e.outcome !== 'refused' &&
        e.event !== 'BREAK_GLASS',
    );
  if (later)
    return {
      over: false,
      check: {
        name: 'soak',
        ok: false,
        detail: `${staging} ran ${(later.to as string).slice(0, 12)} from ${later.time}, ${minutesText(Math.max(0, Math.floor((Date.parse(later.time) - from) / MINUTE)))} into the ${minutesText(minutes)} soak of ${short} (${key}); verify ${short} on ${staging} again (slipway promote ${short} --env ${staging}) and let it soak`,
      },
    };
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
      detail: `${short} soaked on ${staging} from ${entry.event.time} (${minutesText(minutes)}, ended ${endsText})`,
    },
  };
}
