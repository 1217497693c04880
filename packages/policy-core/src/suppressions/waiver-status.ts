import { waiverEnd } from '../policy/waiver-day.js';
import type { SuppressionDirective } from './directives.js';

/**
 * Where a suppression comment stands on a day: `malformed` (it lifts nothing, SUP002), `expired`
 * (its `until` day is over, SUP003), `too-long` (no end, or an end further off than the policy's
 * `max_waiver_days`, SUP004), `open-ended` (no end and no bound), or `active` with the days left.
 * The suppression pass and `slipway waivers` both ask here, so the list says what the check does.
 */
export type WaiverStatus =
  | { kind: 'malformed' }
  | { kind: 'expired' }
  | { kind: 'too-long'; maxDays: number }
  | { kind: 'open-ended' }
  | { kind: 'active'; daysLeft: number };

const DAY = 86_400_000;

/** What the status reads of a waiver: a comment's directive, or a policy `waivers:` entry. */
export type WaiverTerms = Pick<SuppressionDirective, 'malformed' | 'badUntil' | 'reason' | 'until'>;

/**
 * `grantedOn`: the day the waiver was granted, when it says so (a policy entry's `approved_on`);
 * its length is counted from it, or from `now` when that is earlier.
 */
export function waiverStatus(
  d: WaiverTerms,
  now: Date,
  maxWaiverDays?: number,
  grantedOn?: Date,
): WaiverStatus {
  if (d.malformed || d.badUntil !== undefined || !d.reason) return { kind: 'malformed' };
  const end = d.until === undefined ? undefined : waiverEnd(d.until);
  if (end !== undefined && now.getTime() >= end.getTime()) return { kind: 'expired' };
  // The day after today counts in full: `max_waiver_days: 1` allows `until` tomorrow.
  if (
    maxWaiverDays !== undefined &&
    (end === undefined ||
      end.getTime() > Math.min(now.getTime(), grantedOn?.getTime() ?? Infinity) + (maxWaiverDays + 1) * DAY)
  )
    return { kind: 'too-long', maxDays: maxWaiverDays };
  if (end === undefined) return { kind: 'open-ended' };
  return { kind: 'active', daysLeft: Math.ceil((end.getTime() - now.getTime()) / DAY) - 1 };
}
