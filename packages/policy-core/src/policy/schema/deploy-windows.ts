import * as z from 'zod/mini';
import { compileWindows, RRULE_SUBSET } from '../../windows/index.js';
import { described, nonEmpty, optional } from './common.js';

/** One allow or deny window: a recurrence (RRULE or cron) in a zone, and how long each lasts. */
const deployWindow = z.strictObject({
  name: optional(nonEmpty(), 'How refusals and `slipway windows` name it (default: deny[0], allow[1], ...).'),
  rrule: optional(
    nonEmpty(),
    `When each occurrence starts, as an iCalendar RRULE of this subset: ${RRULE_SUBSET}; e.g. "FREQ=WEEKLY;BYDAY=FR;BYHOUR=15". BYHOUR and BYMINUTE default to 0.`,
  ),
  cron: optional(
    nonEmpty(),
    'When each occurrence starts, as 5-field cron (minute hour day-of-month month day-of-week), e.g. "0 15 * * FRI". Give rrule or cron.',
  ),
  duration: described(
    nonEmpty(),
    'How long each occurrence lasts, in elapsed time: 30m, 8h, 1h30m, 2d (at most 92d).',
  ),
  timezone: optional(nonEmpty(), "This window's IANA zone, when not the environment's."),
});

/** An environment's deploy windows: deny wins over allow; with allow windows, only they open. */
export const environmentWindows = z
  .strictObject({
    timezone: described(
      nonEmpty(),
      'IANA time zone the rules are read in (e.g. Europe/London, America/New_York, UTC).',
    ),
    allow: optional(
      z.array(deployWindow),
      'When promotions may run: given, a promote outside every allow window is refused.',
    ),
    deny: optional(
      z.array(deployWindow),
      'When promotions may not run, even inside an allow window (a freeze, Friday afternoons).',
    ),
  })
  .check(
    z.superRefine((config, ctx) => {
      const compiled = compileWindows(config);
      if (compiled.ok) return;
      for (const p of compiled.problems) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
    }),
  );
