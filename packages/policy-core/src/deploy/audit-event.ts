import * as z from 'zod/mini';
import { described, nonEmpty, optional } from '../zod-kit.js';
import { actorSchema, HASH_PATTERN, shaSchema, timestampSchema } from './record-schema.js';

/**
 * One line of the audit log (JSON Lines). Each line carries `prev`, the SHA-256 of the
 * previous line's exact text (without its newline; 64 zeros for the first line), so that a
 * deleted, edited or reordered entry breaks the chain. `event` is what was attempted,
 * `outcome` how it ended; an operation writes a `started` line before it acts, so that a crash
 * leaves a trace instead of silence.
 */
export const AUDIT_EVENTS = [
  'STAGING_VERIFIED',
  'PROMOTE',
  'SYSTEM_CORRECTION_EVENT',
  'GUARD_FAILED',
  'UNPIN',
  // A deploy window overridden for the promote that follows: the approver and the window in its details.
  'BREAK_GLASS',
  // Health polls of an environment watch does not roll back (staging) failed `--failures` times in
  // a row: the SHA it ran in `to`, the failing checks in its details. A promote that needs that
  // SHA's soak on the environment refuses it.
  'HEALTH_FAILED',
] as const;
export const AUDIT_OUTCOMES = ['started', 'succeeded', 'failed', 'refused'] as const;
export const GENESIS_HASH = '0'.repeat(64);

export const auditEventSchema = z.strictObject({
  v: described(z.literal(1), 'Format version of the line.'),
  time: timestampSchema,
  event: z.enum(AUDIT_EVENTS),
  environment: nonEmpty(),
  from: described(z.nullable(shaSchema), 'What the environment ran before (null when unknown).'),
  to: described(z.nullable(shaSchema), 'What was deployed or rolled back to (null for UNPIN).'),
  actor: actorSchema,
  reason: z.optional(z.string()),
  pin: optional(
    z.boolean(),
    'On a SYSTEM_CORRECTION_EVENT: whether this rollback pins the environment (a manual or ' +
      "watch-triggered rollback does; a failed promote's automatic one does not). Absent on lines " +
      'written before Slipway logged it, which therefore never pin by themselves.',
  ),
  outcome: z.enum(AUDIT_OUTCOMES),
  details: optional(z.array(z.string()), 'Failed checks, refused preconditions, and the like.'),
  prev: z.string().check(z.regex(HASH_PATTERN, 'must be the 64-hex SHA-256 of the previous line')),
});

export type AuditEvent = z.output<typeof auditEventSchema>;
export type AuditEventName = (typeof AUDIT_EVENTS)[number];
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Serialises an event as one line (no newline), keys in a fixed order for readable diffs. */
export function formatAuditLine(event: AuditEvent): string {
  const ordered: Record<string, unknown> = {
    v: event.v,
    time: event.time,
    event: event.event,
    environment: event.environment,
    from: event.from,
    to: event.to,
    actor: event.actor,
    reason: event.reason,
    pin: event.pin,
    outcome: event.outcome,
    details: event.details,
    prev: event.prev,
  };
  return JSON.stringify(ordered);
}
