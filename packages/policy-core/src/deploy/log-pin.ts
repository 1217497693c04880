import type { AuditEntry } from './audit-chain.js';

/** A pin as the audit log proves it: the rollback that set it. */
export interface LogPin {
  /** What the rollback put on the environment (and pinned it to). */
  sha: string;
  reason?: string;
  time: string;
  /** 0-based line of the rollback's succeeded entry. */
  line: number;
}

/**
 * Whether the audit log says `environment` is pinned: its latest succeeded rollback logged with
 * `pin: true`, unless a succeeded UNPIN follows it. The record's `pinned` is a copy that a hand
 * edit (or deleting the record) can drop; the log is hash-chained and sealed by the record's
 * audit_head, so the pin is read from both. Lines from before `pin` was logged never pin here:
 * for them the record alone decides, as it always did.
 */
export function logPin(entries: readonly AuditEntry[], environment: string): LogPin | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const { event: e, line } = entries[i] as AuditEntry;
    if (e.environment !== environment || e.outcome !== 'succeeded') continue;
    if (e.event === 'UNPIN') return undefined;
    if (e.event === 'SYSTEM_CORRECTION_EVENT' && e.pin === true && e.to)
      return { sha: e.to, ...(e.reason !== undefined ? { reason: e.reason } : {}), time: e.time, line };
  }
  return undefined;
}
