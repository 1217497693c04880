/**
 * How the figures read in every front end (the CLI's text and HTML, the editor's history page):
 * one formatting, so the same week reads the same everywhere.
 */
/** A duration in the largest unit that keeps it short: 45s, 12m, 3.5h, 2.1d; "-" for none. */
export function shortDuration(seconds: number | null): string {
  if (seconds === null) return '-';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)}h`;
  return `${(seconds / 86_400).toFixed(1)}d`;
}

/** A rate as a percentage with at most one decimal; "-" for none. */
export function percent(rate: number | null): string {
  return rate === null ? '-' : `${Math.round(rate * 1000) / 10}%`;
}
