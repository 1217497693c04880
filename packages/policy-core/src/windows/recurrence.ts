/**
 * What every window rule compiles to, whatever it was written in (RRULE or cron): which local
 * dates it recurs on and at which local times of day (minutes since midnight).
 */
export interface Recurrence {
  onDate: (year: number, month: number, day: number, weekday: number) => boolean;
  times: number[];
}

/** A rule compiled, or why it cannot be (one line naming what is supported). */
export type Compiled = { ok: true; recurrence: Recurrence } | { ok: false; problem: string };
