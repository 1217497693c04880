import * as z from 'zod/mini';
import { described, nonEmpty, optional, optionalString } from '../zod-kit.js';
import { isTimestamp, TIMESTAMP_PATTERN, timestampProblem } from './timestamp.js';

/**
 * The deploy record (`infrastructure/LAST_PROD_DEPLOY.json`). Teams that deployed before Slipway
 * write only `last_good_sha` and `deployed_at`; those two stay the only required keys so that
 * such a two-field file is valid. Everything else is what the two-field record misses: who deployed,
 * why, what came before, whether production is pinned by a rollback, and the hash of the
 * audit log's last line so that a truncated log is detectable.
 */
export const SHA_PATTERN = /^[0-9a-f]{40}$/;
export const HASH_PATTERN = /^[0-9a-f]{64}$/;
/**
 * ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`): a bare local time is ambiguous.
 * Precisely the RFC 3339 profile (see timestamp.ts), which JSON Schema's `date-time` names.
 */
export const ISO_WITH_OFFSET = TIMESTAMP_PATTERN;
export const isIsoWithOffset = isTimestamp;

export const shaSchema = described(
  z.string().check(z.regex(SHA_PATTERN, 'must be a full 40-character lowercase hex commit SHA')),
  'A full 40-character lowercase hexadecimal git commit SHA.',
);

/** @internal */
export const timestampSchema = described(
  z.string().check(
    // The pattern carries the shape and field ranges into the generated JSON Schema, and
    // `format` the calendar and leap seconds (for validators that check formats); the
    // refinement is the same calendar check for the CLI. Messages name the part that is wrong.
    z.regex(ISO_WITH_OFFSET, { error: (issue) => timestampProblem(String(issue.input)) }),
    z.refine((t) => !ISO_WITH_OFFSET.test(t) || isTimestamp(t), {
      error: (issue) => timestampProblem(String(issue.input)),
    }),
    z.meta({ format: 'date-time' }),
  ),
  'ISO 8601 date-time with an explicit offset (Z or ±hh:mm), as RFC 3339 (e.g. 2025-01-27T14:03:00Z).',
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
  reason: optionalString('Why, as given on the command line.'),
  rolled_back_from: optional(shaSchema, 'For a rollback: the SHA it replaced (known bad).'),
});

export const MAX_HISTORY = 1000;

export const deployRecordSchema = described(
  z.strictObject({
    $schema: optionalString(
      'JSON Schema reference for editors, e.g. "./deploy-record.schema.json" written by `slipway schema --record -o`.',
    ),
    last_good_sha: described(shaSchema, 'The commit production runs and a rollback returns to.'),
    deployed_at: described(timestampSchema, 'When last_good_sha was deployed.'),
    environment: optional(nonEmpty(), 'The environment this record describes.'),
    previous_sha: optional(shaSchema, 'What production ran before last_good_sha.'),
    event: optional(
      z.enum(['PROMOTE', 'SYSTEM_CORRECTION_EVENT']),
      'How last_good_sha got to production: a promote or a rollback.',
    ),
    rolled_back_from: optional(
      shaSchema,
      'For a rollback: the SHA it replaced, which a later rollback never returns to.',
    ),
    actor: z.optional(actorSchema),
    reason: optionalString('Why the last deploy or rollback happened.'),
    pinned: optional(
      z.boolean(),
      'Set by a rollback: no promote may replace last_good_sha until `slipway unpin --reason`.',
    ),
    pinned_reason: optionalString('Why production was pinned (the rollback reason).'),
    history: optional(
      z.array(historyEntrySchema).check(z.maxLength(MAX_HISTORY)),
      'Earlier deploys and rollbacks, newest first, bounded by deploy.history_limit.',
    ),
    audit_head: optional(
      z.string().check(z.regex(HASH_PATTERN, 'must be a 64-character lowercase hex SHA-256')),
      "SHA-256 of the audit log's last line: a deleted or truncated tail is detectable.",
    ),
  }),
  'The production deploy record (LAST_PROD_DEPLOY.json).',
);

export type DeployRecord = z.output<typeof deployRecordSchema>;
export type Actor = z.output<typeof actorSchema>;
export type HistoryEntry = z.output<typeof historyEntrySchema>;
