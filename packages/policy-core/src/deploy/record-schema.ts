import { z } from 'zod';

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
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return days !== undefined && d >= 1 && d <= days;
}

export const shaSchema = z
  .string()
  .regex(SHA_PATTERN, 'must be a full 40-character lowercase hex commit SHA')
  .describe('A full 40-character lowercase hexadecimal git commit SHA.');

export const timestampSchema = z
  .string()
  // The pattern carries the shape into the generated JSON Schema; the refinement adds the calendar.
  .regex(ISO_WITH_OFFSET, 'must be an ISO 8601 date-time with an offset, e.g. 2025-01-27T14:03:00Z')
  .refine((t) => !ISO_WITH_OFFSET.test(t) || isIsoWithOffset(t), 'is not a real date and time')
  .describe('ISO 8601 date-time with an explicit offset (Z or ±hh:mm).');

export const actorSchema = z
  .object({
    name: z.string().min(1).describe('Who acted: a person, a bot account or a CI job.'),
    kind: z.enum(['human', 'agent', 'ci']).describe('human, agent (an AI or bot) or ci.'),
  })
  .strict()
  .describe('Who performed a deploy, rollback or unpin.');

export const historyEntrySchema = z
  .object({
    event: z.enum(['PROMOTE', 'SYSTEM_CORRECTION_EVENT']).describe('A promote or a rollback.'),
    sha: shaSchema,
    deployed_at: timestampSchema,
    actor: actorSchema.optional(),
    reason: z.string().optional().describe('Why, as given on the command line.'),
    rolled_back_from: shaSchema.optional().describe('For a rollback: the SHA it replaced (known bad).'),
  })
  .strict();

export const MAX_HISTORY = 1000;

export const deployRecordSchema = z
  .object({
    $schema: z.string().optional().describe('JSON Schema reference for editors.'),
    last_good_sha: shaSchema.describe('The commit production runs and a rollback returns to.'),
    deployed_at: timestampSchema.describe('When last_good_sha was deployed.'),
    environment: z.string().min(1).optional().describe('The environment this record describes.'),
    previous_sha: shaSchema.optional().describe('What production ran before last_good_sha.'),
    event: z
      .enum(['PROMOTE', 'SYSTEM_CORRECTION_EVENT'])
      .optional()
      .describe('How last_good_sha got to production: a promote or a rollback.'),
    rolled_back_from: shaSchema
      .optional()
      .describe('For a rollback: the SHA it replaced, which a later rollback never returns to.'),
    actor: actorSchema.optional(),
    reason: z.string().optional().describe('Why the last deploy or rollback happened.'),
    pinned: z
      .boolean()
      .optional()
      .describe('Set by a rollback: no promote may replace last_good_sha until `slipway unpin --reason`.'),
    pinned_reason: z.string().optional().describe('Why production was pinned (the rollback reason).'),
    history: z
      .array(historyEntrySchema)
      .max(MAX_HISTORY)
      .optional()
      .describe('Earlier deploys and rollbacks, newest first, bounded by deploy.history_limit.'),
    audit_head: z
      .string()
      .regex(HASH_PATTERN, 'must be a 64-character lowercase hex SHA-256')
      .optional()
      .describe("SHA-256 of the audit log's last line: a deleted or truncated tail is detectable."),
  })
  .strict()
  .describe('The production deploy record (LAST_PROD_DEPLOY.json).');

export type DeployRecord = z.output<typeof deployRecordSchema>;
export type Actor = z.output<typeof actorSchema>;
export type HistoryEntry = z.output<typeof historyEntrySchema>;
