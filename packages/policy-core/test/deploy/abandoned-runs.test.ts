import { type AuditEvent, abandonedEnd, abandonedRuns } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { A, auditEntries, B } from './audit-entries.js';

/** A production promote from A to B that started, unless a case says otherwise. */
const entries = (events: Partial<AuditEvent>[]) =>
  auditEntries({ event: 'PROMOTE', from: A, to: B, outcome: 'started' }, events);

describe('abandonedRuns', () => {
  it('a started line answered by its end is not abandoned, whatever the end', () => {
    for (const outcome of ['succeeded', 'failed', 'refused'] as const)
      expect(abandonedRuns(entries([{}, { outcome }]))).toEqual([]);
  });

  it('an unanswered started line is, with its line number', () => {
    const log = entries([{}, { outcome: 'succeeded' }, { to: A, from: B }]);
    expect(abandonedRuns(log).map((e) => e.line)).toEqual([2]);
  });

  it("an end answers only its own run: another environment's or another SHA's does not", () => {
    const log = entries([{}, { environment: 'staging', outcome: 'succeeded' }, { to: A, outcome: 'failed' }]);
    expect(abandonedRuns(log).map((e) => e.line)).toEqual([0]);
  });

  it('a failed promote with its automatic correction, both ended, leaves nothing open', () => {
    const log = entries([
      {},
      { outcome: 'failed' },
      { event: 'SYSTEM_CORRECTION_EVENT', from: B, to: A },
      { event: 'SYSTEM_CORRECTION_EVENT', from: B, to: A, outcome: 'succeeded' },
    ]);
    expect(abandonedRuns(log)).toEqual([]);
    // Killed during the correction: the correction is open, the promote is not.
    expect(abandonedRuns(log.slice(0, 3)).map((e) => e.event.event)).toEqual(['SYSTEM_CORRECTION_EVENT']);
  });
});

describe('abandonedEnd', () => {
  it('fails the run in its own terms, written by whoever closes it', () => {
    const started = entries([{ reason: 'release 7' }])[0]?.event as AuditEvent;
    const end = abandonedEnd(started, '2026-01-10T00:00:00Z', { name: 'bob', kind: 'human' });
    expect(end).toMatchObject({
      event: 'PROMOTE',
      environment: 'production',
      from: A,
      to: B,
      reason: 'release 7',
      outcome: 'failed',
      actor: { name: 'bob' },
    });
    expect(end.details?.[0]).toContain('whether production runs bbbbbbbbbbbb is unknown');
    // Closing it answers it.
    expect(abandonedRuns(entries([{}, end]))).toEqual([]);
  });
});
