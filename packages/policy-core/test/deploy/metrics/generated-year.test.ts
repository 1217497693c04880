import { type AuditEvent, type CommitFacts, deliveryMetrics } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { auditEntries } from '../audit-entries.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Monday 2026-01-05, the start of ISO week 2026-W02. */
const MONDAY = Date.parse('2026-01-05T10:00:00Z');
const WEEKS = 52;

/**
 * A year of production deploys built from rules whose answers are known without the code under
 * test: in week w (0-based) there are 1 + w % 3 deploys, on consecutive days at 10:00 UTC; each
 * ships one new commit written (w % 5 + 1) hours before; the even-numbered deploys of a week are
 * claude's, the odd ones a person's; in every fourth week the last deploy is rolled back 30
 * minutes after it, which restores the service.
 */
function year() {
  const graph = new Map<string, CommitFacts>();
  const events: Partial<AuditEvent>[] = [];
  let prev: string | null = null;
  let n = 0;
  for (let w = 0; w < WEEKS; w++) {
    const k = 1 + (w % 3);
    for (let i = 0; i < k; i++) {
      const time = MONDAY + w * 7 * DAY_MS + i * DAY_MS;
      const sha = (++n).toString(16).padStart(40, '0');
      graph.set(sha, {
        parents: prev ? [prev] : [],
        time: time - ((w % 5) + 1) * HOUR_MS,
        ...(i % 2 === 0 ? { agent: 'claude' } : {}),
      });
      const iso = new Date(time).toISOString();
      events.push({ time: iso, event: 'PROMOTE', outcome: 'started', from: prev, to: sha });
      events.push({ time: iso, event: 'PROMOTE', outcome: 'succeeded', from: prev, to: sha });
      if (w % 4 === 0 && i === k - 1) {
        const undo = new Date(time + 30 * 60_000).toISOString();
        events.push({
          time: undo,
          event: 'SYSTEM_CORRECTION_EVENT',
          outcome: 'succeeded',
          from: sha,
          to: prev,
        });
      }
      prev = sha;
    }
  }
  return { graph, entries: auditEntries({ environment: 'production' }, events) };
}

describe('deliveryMetrics on a generated year of deploys', () => {
  const { graph, entries } = year();
  const [prod] = deliveryMetrics(entries, graph).environments;

  it('has every week, with its deploys split between claude and people', () => {
    expect(prod?.weeks).toHaveLength(WEEKS);
    prod?.weeks.forEach((week, w) => {
      const k = 1 + (w % 3);
      expect([week.all.deploys, week.agent.deploys, week.human.deploys, week.agents.claude?.deploys]).toEqual(
        [k, Math.ceil(k / 2), Math.floor(k / 2), Math.ceil(k / 2)],
      );
      expect(week.all.leadTime.medianSeconds).toBe(((w % 5) + 1) * 3600);
    });
    expect(prod?.total.all.deploys).toBe(
      Array.from({ length: WEEKS }, (_, w) => 1 + (w % 3)).reduce((a, b) => a + b),
    );
  });

  it('charges each rollback to the author of the deploy it undid, restored by it 30 minutes on', () => {
    prod?.weeks.forEach((week, w) => {
      const k = 1 + (w % 3);
      const failed = w % 4 === 0;
      expect(week.all.failures).toBe(failed ? 1 : 0);
      // The last deploy of the week is claude's when its index k - 1 is even.
      const byAgent = (k - 1) % 2 === 0;
      expect([week.agent.failures, week.human.failures]).toEqual(
        failed ? (byAgent ? [1, 0] : [0, 1]) : [0, 0],
      );
      expect(week.all.changeFailureRate).toBe(failed ? Math.round(10_000 / k) / 10_000 : 0);
      // Shipped at day (k - 1) 10:00, rolled back (restored) at 10:30.
      const restore = failed ? 30 * 60 : null;
      expect(week.all.timeToRestore.medianSeconds).toBe(restore);
    });
    expect(prod?.total.all.failures).toBe(13);
    expect(prod?.openIncident).toBeNull();
  });
});
