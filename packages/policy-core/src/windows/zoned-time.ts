/**
 * Wall-clock time in a named IANA zone through `Intl.DateTimeFormat` (no time-zone library: the
 * runtime's ICU data is the zone database every browser and Node ships). Minutes are the unit:
 * windows start on a minute, and every zone's offset today is a whole number of minutes.
 */

const MINUTE = 60_000;

/** A local date and time in a zone, months 1–12, weekday 0 (Sunday) to 6. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

// One formatter per zone: building one costs far more than formatting with it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

// The runtime's canonical zone names, read once.
let canonicalZones: ReadonlySet<string> | undefined;

// Each zone's answer, once a process: the runtime's zones do not change while it runs, and a
// promote reads its policy twice (the working tree's and the deployed commit's) before its
// window check compiles the same windows a third time; each asking costs a switch of the
// process's zone (node/tz-clock.ts), the first one over a millisecond.
const knownZones = new Map<string, boolean>();
const MAX_REMEMBERED_ZONES = 256;

/**
 * Whether the runtime knows `zone` as an IANA time zone name (e.g. Europe/London, UTC). A policy
 * is read far more often than a window is checked (every hook call, every keystroke in the
 * editor): a canonical name is found in the runtime's list (about 1 ms), without building a
 * formatter, whose first one in a process costs over 10 ms (ICU's date-format set-up, whatever
 * the zone). An alias the list leaves out (UTC, Asia/Kolkata on some ICU versions) is asked of a
 * formatter.
 */
export function isKnownZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    // Bounded: an editor's server reads every zone name typed into a policy while it is typed.
    if (knownZones.size >= MAX_REMEMBERED_ZONES) knownZones.clear();
    known = lookUpZone(zone);
    knownZones.set(zone, known);
  }
  return known;
}

function lookUpZone(zone: string): boolean {
  if (quickZoneCheck?.(zone) === true) return true;
  canonicalZones ??= new Set(
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [],
  );
  if (canonicalZones.has(zone)) return true;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * A host's quicker way to know a zone: true only when it is certain the runtime knows the zone as
 * Intl would (undefined: ask the runtime's list). Its `false` is never taken as the answer.
 */
export type QuickZoneCheck = (zone: string) => true | undefined;

let quickZoneCheck: QuickZoneCheck | undefined;

/**
 * Sets (or, with undefined, removes) the quick zone check isKnownZone asks first (the Node
 * adapter's, node/tz-clock.ts: reading the runtime's whole zone list costs 1.5 ms a process, a
 * third of a promote's windows budget).
 */
export function setQuickZoneCheck(next: QuickZoneCheck | undefined): void {
  quickZoneCheck = next;
  // Answers are asked again of the new check, so each way of asking is the one answering.
  knownZones.clear();
}

/** How the wall clock in a zone is read: a host may give a faster reader than Intl's. */
export type LocalTimeReader = (instant: number, zone: string) => LocalTime;

let reader: LocalTimeReader = intlLocalTime;

/**
 * Replaces how local times are read (the Node adapter's TZ clock, node/tz-clock.ts: building
 * the first Intl formatter of a process costs tens of milliseconds, the whole windows budget of a
 * promote). Undefined restores Intl's. The reader must agree with Intl's for every zone and
 * instant: both read the runtime's ICU zone data (test/windows/tz-clock-oracle.test.ts holds them
 * together).
 */
export function setLocalTimeReader(next: LocalTimeReader | undefined): void {
  reader = next ?? intlLocalTime;
}

/** The wall-clock time at `instant` (ms since the epoch) in `zone`. */
export function localTimeAt(instant: number, zone: string): LocalTime {
  return reader(instant, zone);
}

/** The wall-clock time at `instant` in `zone`, through Intl.DateTimeFormat. */
export function intlLocalTime(instant: number, zone: string): LocalTime {
  const parts = formatter(zone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const year = get('year');
  const month = get('month');
  const day = get('day');
  return { year, month, day, hour: get('hour'), minute: get('minute'), weekday: weekdayOf(year, month, day) };
}

/** The weekday of a calendar date, 0 (Sunday) to 6. */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The number of days in a month of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The zone's offset from UTC at `instant`, in minutes (east positive: +60 for BST). */
export function offsetAt(instant: number, zone: string): number {
  const t = localTimeAt(instant, zone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  return Math.round((asUtc - Math.floor(instant / MINUTE) * MINUTE) / MINUTE);
}

/**
 * The instant a wall-clock time in `zone` names. Daylight-saving semantics, as RFC 5545 gives
 * them for a recurrence: a time the clocks skip (01:30 in London on the spring-forward day) is
 * read with the offset before the jump, so it lands as many minutes after the jump as it was
 * into the gap (02:30 BST); a time that happens twice (01:30 on the fall-back day) is its first
 * occurrence (01:30 BST, not GMT).
 */
export function instantOf(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  zone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets in force half a day either side cover any single transition around this time.
  const before = offsetAt(wall - 12 * 60 * MINUTE, zone);
  const after = offsetAt(wall + 12 * 60 * MINUTE, zone);
  const candidates = [wall - before * MINUTE, wall - after * MINUTE].sort((a, b) => a - b);
  for (const t of candidates) if (offsetAt(t, zone) * MINUTE + t === wall) return t;
  return wall - before * MINUTE;
}
