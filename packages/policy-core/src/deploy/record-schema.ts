import * as z from 'zod/mini';
import { described, nonEmpty } from '../zod-kit.js';

/**
 * The deploy record (`infrastructure/LAST_PROD_DEPLOY.json`). Seeds 000–002 write only
 * `last_good_sha` and `deployed_at`; those two stay the only required keys so that a seed's
 * two-field file is valid. Everything else is what the two-field record misses: who deployed,
 * why, what came before, whether production is pinned by a rollback, and the hash of the
 * audit log's last line so that a truncated log is detectable.
 */
export const SHA_PATTERN = /^[0-9a-f]{40}$/;
export const HASH_PATTERN = /^[0-9a-f]{64}$/;
/** ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`): a bare local time is ambiguous. */
export const ISO_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** True when `text` is ISO 8601 with an offset and names a real instant (no 2025-02-30). */
export function isIsoWithOffset(text: string): boolean {
  if (!ISO_WITH_OFFSET.test(text) || Number.isNaN(Date.parse(text))) return false;
  // Date.parse rolls 02-30 over to 03-02; check the calendar day by hand.
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1];
  return days !== undefined && d >= 1 && d <= days;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const shaSchema = described(
  z.string().check(z.regex(SHA_PATTERN, 'must be a full 40-character lowercase hex commit SHA')),
  'A full 40-character lowercase hexadecimal git commit SHA.',
);

export const timestampSchema = described(
  z.string().check(
    // The pattern carries the shape into the generated JSON Schema; the refinement adds the calendar.
    z.regex(ISO_WITH_OFFSET, 'must be an ISO 8601 date-time with an offset, e.g. 2025-01-27T14:03:00Z'),
    z.refine((t) => !ISO_WITH_OFFSET.test(t) || isIsoWithOffset(t), 'is not a real date and time'),
  ),
  'ISO 8601 date-time with an explicit offset (Z or ±hh:mm).',
);

export const actorSchema = described(
  z.strictObject({
    name: described(nonEmpty(), 'Who acted: a person, a bot account or a CI job.'),
    kind: described(z.enum(['human', 'agent', 'ci']), 'human, agent (an AI or bot) or ci.'),
  }),
  'Who performed a deploy, rollback or unpin.',
);

export const historyEntrySchema = z.strictObject({
  event: described(z.enum(['PROMOTE', 'SYSTEM_CORRECTION_EVENT']), 'A promote or a rollback.'),
  sha: shaSchema,
  deployed_at: timestampSchema,
  actor: z.optional(actorSchema),
  reason: described(z.optional(z.string()), 'Why, as given on the command line.'),
  rolled_back_from: described(z.optional(shaSchema), 'For a rollback: the SHA it replaced (known bad).'),
});

export const MAX_HISTORY = 1000;

export const deployRecordSchema = described(
  z.strictObject({
    $schema: described(z.optional(z.string()), 'JSON Schema reference for editors.'),
    last_good_sha: described(shaSchema, 'The commit production runs and a rollback returns to.'),
    deployed_at: described(timestampSchema, 'When last_good_sha was deployed.'),
    environment: described(z.optional(nonEmpty()), 'The environment this record describes.'),
    previous_sha: described(z.optional(shaSchema), 'What production ran before last_good_sha.'),
    event: described(
      z.optional(z.enum(['PROMOTE', 'SYSTEM_CORRECTION_EVENT'])),
      'How last_good_sha got to production: a promote or a rollback.',
    ),
    rolled_back_from: described(
      z.optional(shaSchema),
      'For a rollback: the SHA it replaced, which a later rollback never returns to.',
    ),
    actor: z.optional(actorSchema),
    reason: described(z.optional(z.string()), 'Why the last deploy or rollback happened.'),
    pinned: described(
      z.optional(z.boolean()),
      'Set by a rollback: no promote may replace last_good_sha until `slipway unpin --reason`.',
    ),
    pinned_reason: described(z.optional(z.string()), 'Why production was pinned (the rollback reason).'),
    history: described(
      z.optional(z.array(historyEntrySchema).check(z.maxLength(MAX_HISTORY))),
      'Earlier deploys and rollbacks, newest first, bounded by deploy.history_limit.',
    ),
    audit_head: described(
      z.optional(z.string().check(z.regex(HASH_PATTERN, 'must be a 64-character lowercase hex SHA-256'))),
      "SHA-256 of the audit log's last line: a deleted or truncated tail is detectable.",
    ),
  }),
  'The production deploy record (LAST_PROD_DEPLOY.json).',
);

export type DeployRecord = z.output<typeof deployRecordSchema>;
export type Actor = z.output<typeof actorSchema>;
export type HistoryEntry = z.output<typeof historyEntrySchema>;
