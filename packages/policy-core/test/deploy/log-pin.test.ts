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

  // pnpm mutate on deploy/log-pin.ts (90.9 %) found these unasked.
  it('only a rollback pins: a promote logged with pin true does not, nor a rollback to no SHA', () => {
    expect(logPin(entries([{ event: 'PROMOTE', pin: true }]), 'production')).toBeUndefined();
    expect(logPin(entries([{ pin: true, to: null }]), 'production')).toBeUndefined();
    // The promote after the pinning rollback is passed over: the rollback still pins.
    expect(
      logPin(entries([{ pin: true }, { event: 'PROMOTE', pin: true, to: B }]), 'production'),
    ).toMatchObject({
      sha: A,
      line: 0,
    });
  });

  it('a pin without a reason has no reason key (not one set to undefined)', () => {
    const pin = logPin(entries([{ pin: true }]), 'production');
    expect(pin).toStrictEqual({ sha: A, time: '2026-01-09T10:00:00Z', line: 0 });
    expect(Object.keys(pin ?? {})).not.toContain('reason');
  });
});
