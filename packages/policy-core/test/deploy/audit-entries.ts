import { type AuditEntry, type AuditEvent, formatAuditLine } from '@slipway/policy-core';

export const A = 'a'.repeat(40);
export const B = 'b'.repeat(40);

/**
 * Entries as readAuditLog returns them, for the decisions that read only the events and their
 * lines (pins, abandoned runs): each event is `defaults` with its own fields over them.
 */
export function auditEntries(defaults: Partial<AuditEvent>, events: Partial<AuditEvent>[]): AuditEntry[] {
  return events.map((e, line) => ({
    line,
    text: '',
    hash: '',
    event: {
      v: 1,
      time: `2026-01-09T10:00:0${line}Z`,
      event: 'SYSTEM_CORRECTION_EVENT',
      environment: 'production',
      from: B,
      to: A,
      actor: { name: 'ada', kind: 'human' },
      outcome: 'succeeded',
      prev: '0'.repeat(64),
      ...defaults,
      ...e,
    },
  }));
}

/**
 * An audit line as Slipway writes it: a person's succeeded production PROMOTE of A from nothing,
 * with `fields` over it (its time and `prev` at least).
 */
export function promoteLine(fields: Partial<AuditEvent> & Pick<AuditEvent, 'time' | 'prev'>): string {
  return formatAuditLine({
    v: 1,
    event: 'PROMOTE',
    environment: 'production',
    from: null,
    to: A,
    actor: { name: 'ada', kind: 'human' },
    outcome: 'succeeded',
    ...fields,
  });
}
