import * as z from 'zod/mini';
import { waiverEnd } from '../waiver-day.js';
import { described, nonEmpty, optional, pattern } from './common.js';

/** A calendar day written YYYY-MM-DD, read as the comment waivers read theirs (`waiverEnd`). */
const day = (what: string) =>
  z.string().check(
    z.superRefine((value, ctx) => {
      if (!waiverEnd(value))
        ctx.addIssue({
          code: 'custom',
          message: `\`${value}\` is not a calendar day written YYYY-MM-DD (${what})`,
        });
    }),
  );

/**
 * One exception granted in the policy rather than in a comment: a rule's findings in the files
 * its patterns match are lifted through the end of `until` (UTC), then come back naming this
 * entry. The policy is policy surface: adding one takes the protected label, and on a change the
 * base's list applies, never the one the change writes (suppressions/policy-waivers.ts).
 */
export const waiverEntry = z.strictObject({
  rule: described(nonEmpty(), 'The rule id whose findings it lifts (POL003 checks it).'),
  paths: described(
    z.array(pattern).check(z.minLength(1, 'name at least one pattern')),
    'gitignore-style patterns of the files whose findings it lifts.',
  ),
  until: described(day('the last day the waiver counts'), 'The last day it counts (UTC), YYYY-MM-DD.'),
  reason: described(nonEmpty(), 'Why the findings are accepted: SARIF carries it as the justification.'),
  approved_by: described(nonEmpty(), 'Who granted it.'),
  approved_on: optional(
    day('the day it was granted'),
    'The day it was granted, YYYY-MM-DD: `max_waiver_days` is counted from it (or from the day of the check, when that is earlier or it is absent).',
  ),
});

export const waiversSection = z.array(waiverEntry);

export type PolicyWaiver = z.output<typeof waiverEntry>;
