/**
 * How windows and times read in Slipway's messages: a time in the window's zone (where the
 * people who wrote the policy live) and in UTC (what logs and CI show), and the one line a
 * promote's window check prints.
 */
import type { DeployWindow, Opening, WindowVerdict } from './window-schedule.js';
import { localTimeAt, offsetAt } from './zoned-time.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const two = (n: number) => String(n).padStart(2, '0');

/**
 * `Fri 2026-03-27 15:00 Europe/London (2026-03-27T15:00Z)`; a local time the clocks show twice
 * (01:30 on the fall-back day) carries its offset, `01:30+01:00`, or two lines of a listing
 * would read the same but for the UTC in brackets.
 */
export function zonedText(instant: number, zone: string): string {
  const t = localTimeAt(instant, zone);
  const utc = new Date(instant).toISOString().slice(0, 16);
  const offset = shownTwice(instant, zone) ? offsetText(offsetAt(instant, zone)) : '';
  return `${DAYS[t.weekday]} ${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}${offset} ${zone} (${utc}Z)`;
}

const MINUTE = 60_000;

/**
 * Whether the wall-clock time at `instant` also names another instant in `zone`: with the offset
 * in force half a day before or after (any single transition around it), the same wall time
 * lands on an instant that has that offset.
 */
function shownTwice(instant: number, zone: string): boolean {
  const own = offsetAt(instant, zone);
  for (const other of [offsetAt(instant - 720 * MINUTE, zone), offsetAt(instant + 720 * MINUTE, zone)]) {
    if (other === own) continue;
    const twin = instant + (own - other) * MINUTE;
    if (offsetAt(twin, zone) === other) return true;
  }
  return false;
}

/** `+01:00`, `-04:00`, `+05:45`: an offset in minutes east, as RFC 3339 writes it. */
function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** `deny window "friday" (FREQ=WEEKLY;BYDAY=FR;BYHOUR=15 for 9h, Europe/London)`. */
export function windowText(w: DeployWindow): string {
  const h = Math.floor(w.durationMinutes / 60);
  const m = w.durationMinutes % 60;
  const duration = `${h > 0 ? `${h}h` : ''}${m > 0 || h === 0 ? `${m}m` : ''}`;
  return `${w.kind} window "${w.label}" (${w.rule} for ${duration}, ${w.zone})`;
}

/** The environment's zone for times no single window owns: its first window's, else UTC. */
function zoneOf(windows: readonly DeployWindow[]): string {
  return windows[0]?.zone ?? 'UTC';
}

/** When promotions resume, or that none resumes within the horizon. */
function resumeText(v: WindowVerdict, zone: string): string {
  return v.resumes === undefined
    ? 'no window opens within the next 400 days; change deploy.windows or use --break-glass'
    : `promotions resume ${zonedText(v.resumes, zone)}`;
}

/** The window check's detail: why promotions may or may not run now. */
export function verdictText(windows: readonly DeployWindow[], v: WindowVerdict): string {
  const zone = zoneOf(windows);
  if (v.deniedBy)
    return `${windowText(v.deniedBy.window)} is open until ${zonedText(v.deniedBy.end, v.deniedBy.window.zone)}; ${resumeText(v, zone)}`;
  if (v.outsideAllow) {
    const allows = windows.filter((w) => w.kind === 'allow').map(windowText);
    return `outside every allow window (${allows.join('; ')}); ${resumeText(v, zone)}`;
  }
  if (v.allowedBy)
    return `inside ${windowText(v.allowedBy.window)} until ${zonedText(v.allowedBy.end, v.allowedBy.window.zone)}`;
  return 'no deny window is open';
}

/** One opening as `slipway windows` lists it. */
export function openingText(o: Opening, zone: string, now: number): string {
  const from = o.start <= now ? 'now' : zonedText(o.start, zone);
  const to = o.openEnded ? 'beyond the next 400 days' : zonedText(o.end, zone);
  return `${from} until ${to}`;
}
