/**
 * When promotions to an environment may run, from its allow and deny windows: open when no deny
 * window is (deny wins) and, if it has allow windows, one of them is. A window's occurrence
 * starts at a local time of its rule in its zone (see instantOf for daylight-saving days) and
 * lasts its duration in elapsed time. Pure: the caller passes the instant to judge.
 */
import type { Recurrence } from './recurrence.js';
import { instantOf, localTimeAt, weekdayOf } from './zoned-time.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far ahead openings are looked for: a yearly freeze still shows its end. */
export const HORIZON_DAYS = 400;

/** One window of the policy, compiled. */
export interface DeployWindow {
  kind: 'allow' | 'deny';
  /** How messages name it: its `name`, else `deny[0]`. */
  label: string;
  /** The rule as written (the RRULE or the cron expression). */
  rule: string;
  zone: string;
  durationMinutes: number;
  recurrence: Recurrence;
}

export interface Span {
  start: number;
  end: number;
}

export interface Occurrence extends Span {
  window: DeployWindow;
}

/** The occurrences of `w` that overlap [from, to), in order of their start. */
export function occurrences(w: DeployWindow, from: number, to: number): Occurrence[] {
  const out: Occurrence[] = [];
  const length = w.durationMinutes * MINUTE;
  // From the local date an occurrence still running at `from` started on (a day's slack covers the zone's offset).
  const first = localTimeAt(from - length - DAY, w.zone);
  const last = localTimeAt(to + DAY, w.zone);
  const stop = Date.UTC(last.year, last.month - 1, last.day);
  for (let d = Date.UTC(first.year, first.month - 1, first.day); d <= stop; d += DAY) {
    const date = new Date(d);
    const [y, m, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (!w.recurrence.onDate(y, m, day, weekdayOf(y, m, day))) continue;
    for (const t of w.recurrence.times) {
      const start = instantOf(y, m, day, Math.floor(t / 60), t % 60, w.zone);
      if (start < to && start + length > from) out.push({ start, end: start + length, window: w });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Overlapping or touching spans merged, in order. */
function union(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** The parts of `spans` (merged) that none of `holes` (merged) covers. */
function subtract(spans: Span[], holes: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    let start = s.start;
    for (const h of holes) {
      if (h.end <= start || h.start >= s.end) continue;
      if (h.start > start) out.push({ start, end: h.start });
      start = Math.max(start, h.end);
    }
    if (start < s.end) out.push({ start, end: s.end });
  }
  return out;
}

/**
 * The occurrences of each window that overlap [from, to), of `kind` in the windows' order. The
 * windows are read zone by zone: a host's clock may switch the process's zone to read one
 * (node/tz-clock.ts), which costs far more than the arithmetic, so a promote whose allow and deny
 * windows alternate between two zones switches twice, not at every window.
 */
function occurrencesOf(windows: readonly DeployWindow[], from: number, to: number) {
  const found = new Map<DeployWindow, Occurrence[]>();
  const byZone = [...windows].sort((a, b) => (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0));
  for (const w of byZone) found.set(w, occurrences(w, from, to));
  return (kind: DeployWindow['kind']) =>
    windows.filter((w) => w.kind === kind).flatMap((w) => found.get(w) ?? []);
}

/** The open spans within [from, to). */
function openSpans(windows: readonly DeployWindow[], from: number, to: number): Span[] {
  const of = occurrencesOf(windows, from, to);
  const clip = (s: Span) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) });
  const allowed = windows.some((w) => w.kind === 'allow')
    ? union(of('allow').map(clip))
    : [{ start: from, end: to }];
  return subtract(allowed, union(of('deny')));
}

/** An opening: a span in which promotions may run; `openEnded` when it lasts past the horizon. */
export interface Opening extends Span {
  openEnded: boolean;
}

/**
 * The next `count` openings from `from` (the first starts at `from` when promotions may run
 * now), looked for a week at a time up to HORIZON_DAYS ahead, so a check that finds its opening
 * soon reads only the weeks it needs. `startsOnly`: the caller needs the starts alone, so the
 * search ends with the last opening's first week (its `end` is then where that week ended).
 */
export function nextOpenings(
  windows: readonly DeployWindow[],
  from: number,
  count: number,
  { startsOnly = false } = {},
): Opening[] {
  const out: Opening[] = [];
  const horizon = from + HORIZON_DAYS * DAY;
  for (let t = from; t < horizon; ) {
    const until = Math.min(t + 7 * DAY, horizon);
    for (const s of openSpans(windows, t, until)) {
      const last = out.at(-1);
      if (last && last.end === s.start) last.end = s.end;
      else out.push({ ...s, openEnded: false });
    }
    const closed = out.filter((o) => o.end < until).length;
    if (closed >= count || (startsOnly && out.length >= count)) return out.slice(0, count);
    t = until;
  }
  const last = out.at(-1);
  if (last && last.end === horizon) last.openEnded = true;
  return out.slice(0, count);
}

/** Whether promotions may run at `now`, and the windows that say so. */
export interface WindowVerdict {
  open: boolean;
  /** The deny window open now that closes latest (deny wins over allow). */
  deniedBy?: Occurrence;
  /** The allow window open now that stays open longest. */
  allowedBy?: Occurrence;
  /** Allow windows exist and none is open now. */
  outsideAllow: boolean;
  /** When closed: when promotions resume (undefined when not within HORIZON_DAYS). */
  resumes?: number;
}

const latest = (os: Occurrence[]) =>
  os.reduce<Occurrence | undefined>((a, o) => (!a || o.end > a.end ? o : a), undefined);

/** The verdict at `now` (ms since the epoch). */
export function windowVerdict(windows: readonly DeployWindow[], now: number): WindowVerdict {
  const at = occurrencesOf(windows, now, now + 1);
  const deniedBy = latest(at('deny'));
  const allowedBy = latest(at('allow'));
  const outsideAllow = !allowedBy && windows.some((w) => w.kind === 'allow');
  const open = !deniedBy && !outsideAllow;
  const verdict: WindowVerdict = {
    open,
    outsideAllow,
    ...(deniedBy ? { deniedBy } : {}),
    ...(allowedBy ? { allowedBy } : {}),
  };
  if (open) return verdict;
  const next = nextOpenings(windows, now, 1, { startsOnly: true })[0];
  return next ? { ...verdict, resumes: next.start } : verdict;
}
