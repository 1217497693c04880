import { fileDirectives } from './file-directives.js';
import { type WaiverStatus, waiverStatus } from './waiver-status.js';

/** One `slipway: allow` comment as `slipway waivers` lists it. */
export interface Waiver {
  file: string;
  /** 1-based line of the comment. */
  line: number;
  rules: string[];
  reason: string;
  /** The last day it counts, as written (`until 2027-01-31`). */
  until?: string;
  status: WaiverStatus;
}

/**
 * Every suppression comment of `files`, read as the check reads them (fileDirectives) and judged
 * on `now` with the policy's `max_waiver_days` (waiverStatus), in file and line order.
 */
export function listWaivers(
  files: Iterable<string>,
  read: (file: string) => string | undefined,
  now: Date,
  maxWaiverDays?: number,
): Waiver[] {
  const out: Waiver[] = [];
  for (const file of [...files].sort()) {
    const text = read(file);
    if (text === undefined) continue;
    for (const { directive: d } of fileDirectives(file, text))
      out.push({
        file,
        line: d.range.start.line + 1,
        rules: d.rules,
        reason: d.reason,
        ...(d.until !== undefined ? { until: d.until } : {}),
        status: waiverStatus(d, now, maxWaiverDays),
      });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
