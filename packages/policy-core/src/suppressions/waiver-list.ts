import type { PolicyDocument } from '../policy/document.js';
import { fileDirectives } from './file-directives.js';
import { judgePolicyWaivers } from './policy-waivers.js';
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
  /** An entry of the policy's `waivers:` list (absent: a comment): the files it covers and who approved it. */
  policy?: { paths: string[]; approvedBy: string; approvedOn?: string };
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
  for (const file of files) {
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

/** The policy's `waivers:` entries as `slipway waivers` lists them, judged as the check judges them. */
export function listPolicyWaivers(policy: PolicyDocument, now: Date): Waiver[] {
  return judgePolicyWaivers(policy, now).map(({ file, range, waiver: w, status }) => ({
    file,
    line: range.start.line + 1,
    rules: [w.rule],
    reason: w.reason,
    until: w.until,
    status,
    policy: {
      paths: w.paths,
      approvedBy: w.approved_by,
      ...(w.approved_on !== undefined ? { approvedOn: w.approved_on } : {}),
    },
  }));
}
