const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/**
 * The ISO 8601 week of an instant, in UTC ("2026-W05"): weeks start on Monday, and week 1 is
 * the one holding the year's first Thursday, so a week never straddles two labels. UTC, not the
 * reader's zone, so that two people (or a CI job) reading the same log get the same weeks.
 */
export function isoWeekOf(ms: number): string {
  return labelOf(weekStart(ms));
}

/**
 * isoWeekOf for one reading of a log, which has a few hundred weeks and up to a million lines:
 * each week's label is worked out once (the memo lives as long as the function returned).
 */
export function isoWeekLabeller(): (ms: number) => string {
  const labels = new Map<number, string>();
  return (ms) => {
    const start = weekStart(ms);
    let label = labels.get(start);
    // Stryker disable next-line ConditionalExpression: a memo; working the label out again gives the same label
    if (label === undefined) {
      label = labelOf(start);
      labels.set(start, label);
    }
    return label;
  };
}

function labelOf(start: number): string {
  // The Thursday of this week decides its year.
  const thursday = new Date(start + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  // Stryker disable next-line ArithmeticOperator: both are whole weeks from a Monday plus the same shift under half a week, which Math.round absorbs
  const firstThursday = weekStart(Date.UTC(year, 0, 4)) + 3 * DAY_MS;
  const week = 1 + Math.round((thursday.getTime() - firstThursday) / WEEK_MS);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday 00:00 UTC of the week holding `ms`. */
export function weekStart(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday.
  const weekday = (((day + 3) % 7) + 7) % 7;
  return (day - weekday) * DAY_MS;
}

/** Every week label from the week of `fromMs` to the week of `toMs`, in order, gaps included. */
export function weeksBetween(fromMs: number, toMs: number): string[] {
  const out: string[] = [];
  for (let t = weekStart(fromMs); t <= toMs; t += WEEK_MS) out.push(isoWeekOf(t));
  return out;
}
