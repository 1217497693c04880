import { type AuditEvent, logPin } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { A, auditEntries, B } from './audit-entries.js';

/** A succeeded rollback by default; logPin reads only the events and their lines. */
const entries = (events: Partial<AuditEvent>[]) => auditEntries({}, events);

describe('logPin', () => {
  it('a succeeded rollback logged with pin true pins its environment', () => {
    expect(logPin(entries([{ pin: true, reason: 'bad' }]), 'production')).toEqual({
      sha: A,
      reason: 'bad',
      time: '2026-01-09T10:00:00Z',
      line: 0,
    });
    expect(logPin(entries([{ pin: true }]), 'staging')).toBeUndefined();
  });

  it('a later succeeded UNPIN clears it; a refused one does not; a later pin pins again', () => {
    const unpin = { event: 'UNPIN' as const, to: null };
    expect(logPin(entries([{ pin: true }, unpin]), 'production')).toBeUndefined();
    expect(logPin(entries([{ pin: true }, { ...unpin, outcome: 'refused' }]), 'production')).toMatchObject({
      line: 0,
    });
    expect(logPin(entries([{ pin: true }, unpin, { pin: true, to: B }]), 'production')).toMatchObject({
      sha: B,
      line: 2,
    });
  });

  it('near misses: an automatic rollback (pin false), a failed pinning one, and lines without pin', () => {
    expect(logPin(entries([{ pin: false }]), 'production')).toBeUndefined();
    expect(logPin(entries([{ pin: true, outcome: 'failed' }]), 'production')).toBeUndefined();
    expect(logPin(entries([{ pin: true, outcome: 'started' }]), 'production')).toBeUndefined();
    // Logs written before `pin` existed: the record alone decides, as it did then.
    expect(logPin(entries([{ reason: 'manual rollback' }]), 'production')).toBeUndefined();
  });
});
