import { type LocalTime, setLocalTimeReader, setQuickZoneCheck, weekdayOf } from '../windows/zoned-time.js';

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

// A name ICU is handed as it is written: letters, `_` and `-` in slash-separated parts. Digits or a
// comma make ICU's host detection read TZ as a POSIX rule (EST5EDT, CST6CDT,M3.2.0) and map it
// to a zone of its choosing; a `posix/`, `right/` or `:` prefix is stripped before the lookup.
// Intl knows none of those names, so none of them may be answered here.
const HANDED_AS_WRITTEN = /^(?!(?:posix|right)\/)[A-Za-z_-]+(?:\/[A-Za-z_-]+)+$/;
// Midday UTC in January and in July: a zone keeping daylight-saving time has a different offset.
const WINTER = Date.UTC(2025, 0, 15, 12);
const SUMMER = Date.UTC(2025, 6, 15, 12);

function minutesOfDay(instant: number, zone: string): number {
  const t = tzLocalTime(instant, zone);
  return t.day * 1440 + t.hour * 60 + t.minute;
}

/**
 * Whether ICU has rules for `zone`, read through TZ (a fraction of a millisecond) instead of the
 * runtime's whole zone list: true when the zone's offset differs between January and July, which
 * only a zone in ICU's data can show. A name ICU does not know becomes "Etc/Unknown" (UTC) or, when
 * the system's own zone files know it, a fixed offset from them: neither keeps daylight-saving
 * time, so neither is answered true. Zones without daylight-saving time (UTC, Asia/Tokyo) get
 * undefined: the list decides (test/windows/quick-zone-check.test.ts holds this to Intl).
 */
export function tzHasRules(zone: string): true | undefined {
  if (!HANDED_AS_WRITTEN.test(zone)) return undefined;
  return minutesOfDay(WINTER, zone) !== minutesOfDay(SUMMER, zone) ? true : undefined;
}

/** Reads deploy windows' local times, and knows their zones, through TZ where the platform allows it. */
export function useTzClock(): void {
  if (process.platform === 'win32') return;
  setLocalTimeReader(tzLocalTime);
  setQuickZoneCheck(tzHasRules);
}
