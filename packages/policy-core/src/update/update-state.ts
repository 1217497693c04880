import * as z from 'zod/mini';
import { defaulted, described, nonEmpty } from '../zod-kit.js';

/**
 * The per-profile files under `<persistence_dir>/<profile>/meta/`: `version.json` (what runs)
 * and `update_state.json` (counters, circuit breaker, last run). Both strict: the updater's
 * safety decisions are read from them, so a misspelt key must not silently reset a counter.
 */

const timestamp = z.iso.datetime({
  offset: true,
  error: 'expected an ISO 8601 timestamp, e.g. "2025-11-03T10:00:00Z"',
});
const commitSha = z
  .string()
  .check(z.regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'expected a full lowercase commit hash'));
const releaseTag = z.string().check(z.regex(/^v\d+\.\d+\.\d+$/, 'expected a vX.Y.Z tag'));
const count = () => z.number().check(z.int(), z.gte(0));

export const versionFileSchema = z.strictObject({
  version: described(z.nullable(releaseTag), 'Release tag running now; null when tracking a branch head.'),
  commit: commitSha,
  applied_at: timestamp,
  restart_pending: defaulted(z.boolean(), false, 'Applied with auto_restart = false, not restarted yet.'),
  previous: z.optional(z.strictObject({ version: z.nullable(releaseTag), commit: commitSha })),
});
export type VersionFile = z.output<typeof versionFileSchema>;

export const updateResults = ['updated', 'restart-pending', 'up-to-date', 'skipped', 'failed'] as const;
export type UpdateResult = (typeof updateResults)[number];

export const updateStateSchema = z.strictObject({
  schema: z.literal(1),
  day: described(
    z.iso.date({ error: 'expected the UTC day as YYYY-MM-DD' }),
    'UTC day the *_today counters count.',
  ),
  attempts_today: count(),
  failures_today: count(),
  fetch_failures_today: defaulted(
    count(),
    0,
    'Fetches that failed today: transient, so they do not open the circuit.',
  ),
  total_failures: count(),
  circuit: z.strictObject({
    open: z.boolean(),
    opened_at: z.optional(timestamp),
    reason: z.optional(z.string()),
  }),
  last_run: z.optional(
    z.strictObject({
      at: timestamp,
      result: z.enum(updateResults),
      target: z.optional(z.string()),
      step: z.optional(z.string()),
      message: z.string(),
    }),
  ),
  resets: z._default(z.array(z.strictObject({ at: timestamp, reason: nonEmpty() })), []),
});
export type UpdateState = z.output<typeof updateStateSchema>;

export const utcDay = (now: Date): string => now.toISOString().slice(0, 10);

export function initialUpdateState(now: Date): UpdateState {
  return {
    schema: 1,
    day: utcDay(now),
    attempts_today: 0,
    failures_today: 0,
    fetch_failures_today: 0,
    total_failures: 0,
    circuit: { open: false },
    resets: [],
  };
}

/** Today's counters: the stored ones when they belong to today's UTC day, else zero. */
export function countersToday(state: UpdateState, now: Date): { attempts: number; failures: number } {
  if (state.day !== utcDay(now)) return { attempts: 0, failures: 0 };
  return { attempts: state.attempts_today, failures: state.failures_today };
}

/** The state rolled over to today's UTC day (counters zeroed on a new day; the circuit stays). */
export function rollDay(state: UpdateState, now: Date): UpdateState {
  if (state.day === utcDay(now)) return state;
  return { ...state, day: utcDay(now), attempts_today: 0, failures_today: 0, fetch_failures_today: 0 };
}
