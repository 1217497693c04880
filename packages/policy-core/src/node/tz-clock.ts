import { type LocalTime, setLocalTimeReader, weekdayOf } from '../windows/zoned-time.js';

/**
 * A faster wall clock for deploy windows, where Node applies `process.env.TZ` at run time: set
 * to the zone, a Date's local getters read that zone from the same ICU data Intl would use, and
 * switching costs a fraction of a millisecond where building the first Intl.DateTimeFormat of a
 * process costs tens (a promote's whole windows budget is 5 ms).
 *
 * The zone is switched for one synchronous burst only: the first read of a burst saves TZ and
 * queues its restoration as a microtask, which runs before any timer, I/O callback or awaited
 * continuation — so no other code sees the window's zone, and the window code formats nothing in
 * local time meanwhile (its times are ISO, in UTC). On Windows, where Node's support for changing
 * TZ at run time has been partial, Intl's reader stays.
 */
let saved: { value: string | undefined } | undefined;
let active: string | undefined;

function restore(): void {
  if (!saved) return;
  if (saved.value === undefined) delete process.env.TZ;
  else process.env.TZ = saved.value;
  saved = undefined;
  active = undefined;
}

/** The wall-clock time at `instant` in `zone`, read through TZ. */
export function tzLocalTime(instant: number, zone: string): LocalTime {
  if (active !== zone) {
    if (!saved) {
      saved = { value: process.env.TZ };
      queueMicrotask(restore);
    }
    process.env.TZ = zone;
    active = zone;
  }
  const d = new Date(instant);
  const year = d.getFullYear();
  const month = d.getMonth() + 1;
  const day = d.getDate();
  return {
    year,
    month,
    day,
    hour: d.getHours(),
    minute: d.getMinutes(),
    weekday: weekdayOf(year, month, day),
  };
}

/** Reads deploy windows' local times through TZ, where the platform allows it. */
export function useTzClock(): void {
  if (process.platform !== 'win32') setLocalTimeReader(tzLocalTime);
}
