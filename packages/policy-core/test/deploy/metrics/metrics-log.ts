import type { AuditEvent } from '@slipway/policy-core';

/** A 40-character SHA of one repeated character. */
export const sha = (c: string) => c.repeat(40);
export const at = (iso: string) => Date.parse(iso);
export const HOUR = 3600;

/** One audit event of a metrics test's log (auditEntries fills in the rest). */
export const ev = (
  time: string,
  event: AuditEvent['event'],
  outcome: AuditEvent['outcome'],
  from: string | null,
  to: string | null,
  environment = 'production',
): Partial<AuditEvent> => ({ time, event, outcome, from, to, environment });
