import type { AuditEvent } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import type { CommitFacts } from '../../../src/deploy/metrics/deployed-change.js';
import { deliveryMetrics } from '../../../src/deploy/metrics/delivery-metrics.js';
import { auditEntries } from '../audit-entries.js';
import { at, ev, HOUR, sha } from './metrics-log.js';

// The edges of deliveryMetrics (delivery-metrics.ts) the hand-computed log does not reach: where a
// failure is charged, what a rollback the log cannot attribute says, the `since` bound, the events
// that are not deploys, and the figures' order.

const [C1, C2, C3, GONE] = [sha('1'), sha('2'), sha('3'), sha('f')];
/** 1 ← 2 ← 3 (3 claude's). */
const graph = new Map<string, CommitFacts>([
  [C1, { parents: [], time: at('2026-01-05T08:00:00Z') }],
  [C2, { parents: [C1], time: at('2026-01-05T09:00:00Z') }],
  [C3, { parents: [C2], time: at('2026-01-05T10:00:00Z'), agent: 'claude' }],
]);
const prod = (log: Partial<AuditEvent>[], query = {}) =>
  deliveryMetrics(auditEntries({}, log), graph, query).environments.find(
    (e) => e.environment === 'production',
  );

describe('deliveryMetrics at its edges', () => {
  it('a failed deploy opens an incident without running its commits: the deploy that succeeds is charged with them', () => {
    const p = prod([
      ev('2026-01-05T11:00:00Z', 'PROMOTE', 'succeeded', null, C2),
      ev('2026-01-05T12:00:00Z', 'PROMOTE', 'failed', C2, C3),
      ev('2026-01-05T13:00:00Z', 'PROMOTE', 'succeeded', C2, C3),
    ]);
    expect(p?.total.agent.leadTime).toEqual({ medianSeconds: 3 * HOUR, count: 1, unknown: 0 });
    expect(p?.total.agent.timeToRestore).toEqual({ medianSeconds: HOUR, count: 1 });
    expect(p?.openIncident).toBeNull();
  });

  it('a leap second (23:59:60, which the event schema admits) counts as the next minute’s first instant, not as no time', () => {
    const p = prod([
      ev('2026-12-31T22:00:00Z', 'PROMOTE', 'succeeded', null, C2),
      ev('2026-12-31T23:59:60Z', 'PROMOTE', 'failed', C2, C3),
    ]);
    expect(p?.openIncident?.since).toBe('2027-01-01T00:00:00.000Z');
    expect(p?.weeks.map((w) => w.week)).toEqual(['2026-W53']);
    // Near miss: the second before it is a plain second.
    const q = prod([ev('2026-12-31T23:59:59Z', 'PROMOTE', 'failed', null, C2)]);
    expect(q?.openIncident?.since).toBe('2026-12-31T23:59:59.000Z');
  });

  it('an incident left open by an agent change names the agent; a person’s names none', () => {
    const agent = prod([
      ev('2026-01-05T11:00:00Z', 'PROMOTE', 'succeeded', null, C2),
      ev('2026-01-05T12:00:00Z', 'PROMOTE', 'failed', C2, C3),
    ]);
    expect(agent?.openIncident).toEqual({
      since: '2026-01-05T12:00:00.000Z',
      line: 2,
      authorship: 'agent',
      agent: 'claude',
    });
    const person = prod([ev('2026-01-05T12:00:00Z', 'PROMOTE', 'failed', null, C2)]);
    expect(person?.openIncident).toStrictEqual({
      since: '2026-01-05T12:00:00.000Z',
      line: 1,
      authorship: 'human',
    });
  });

  it('a rollback of what the log never deployed is judged from git and leaves its commits to the next deploy', () => {
    const p = prod([
      ev('2026-01-05T11:00:00Z', 'SYSTEM_CORRECTION_EVENT', 'succeeded', C3, C2),
      ev('2026-01-05T12:00:00Z', 'PROMOTE', 'succeeded', C2, C3),
    ]);
    expect(p?.total.agent.failures).toBe(1);
    expect(p?.total.agent.leadTime.count).toBe(1);
  });

  it('a redeploy after a rollback brings nothing new: no lead time, and none counted unknown', () => {
    const p = prod([
      ev('2026-01-05T11:00:00Z', 'PROMOTE', 'succeeded', null, C2),
      ev('2026-01-05T12:00:00Z', 'PROMOTE', 'succeeded', C2, C3),
      ev('2026-01-05T13:00:00Z', 'SYSTEM_CORRECTION_EVENT', 'succeeded', C3, C2),
      ev('2026-01-05T14:00:00Z', 'PROMOTE', 'succeeded', C2, C3),
    ]);
    expect(p?.total.all.deploys).toBe(3);
    // 1 and 2 (from 08:00) at 11:00, 3 (from 10:00) at 12:00: 3 h and 2 h.
    expect(p?.total.all.leadTime).toEqual({ medianSeconds: 2.5 * HOUR, count: 2, unknown: 0 });
  });

  it('a rollback that works restores from the deploy it undid; a failed one keeps the incident open', () => {
    const p = prod([
      ev('2026-01-05T11:00:00Z', 'PROMOTE', 'succeeded', null, C3),
      // c3 undone an hour after it shipped: one failure, restored at once.
      ev('2026-01-05T12:00:00Z', 'SYSTEM_CORRECTION_EVENT', 'succeeded', C3, C2),
      // Then c2, back since 12:00, is rolled back and that fails: a second failure, still open.
      ev('2026-01-05T13:00:00Z', 'SYSTEM_CORRECTION_EVENT', 'failed', C2, C1),
      // A second try in the same incident is not another failure; the next deploy restores.
      ev('2026-01-05T14:00:00Z', 'SYSTEM_CORRECTION_EVENT', 'failed', C2, C1),
      ev('2026-01-05T15:00:00Z', 'PROMOTE', 'succeeded', C2, C3),
    ]);
    expect(p?.total.all.failures).toBe(2);
    // 1 h (11:00 to 12:00) and 3 h (12:00 to 15:00).
    expect(p?.total.all.timeToRestore).toEqual({ medianSeconds: 2 * HOUR, count: 2 });
    expect(p?.total.all.changeFailureRate).toBe(2 / 2);
  });

  it('a failed promote and the rollback after it are one failure, over deploys and failed deploys', () => {
    const p = prod([
      ev('2026-01-05T11:00:00Z', 'PROMOTE', 'succeeded', null, C2),
      ev('2026-01-05T12:00:00Z', 'PROMOTE', 'failed', C2, C3),
      ev('2026-01-05T12:05:00Z', 'SYSTEM_CORRECTION_EVENT', 'succeeded', C3, C2),
      ev('2026-01-06T09:00:00Z', 'PROMOTE', 'succeeded', C2, C3),
    ]);
    expect([p?.total.all.deploys, p?.total.all.failedDeploys, p?.total.all.failures]).toEqual([2, 1, 1]);
    expect(p?.total.all.changeFailureRate).toBe(0.3333);
    expect(p?.total.all.timeToRestore).toEqual({ medianSeconds: 5 * 60, count: 1 });
  });

  it('a rollback it cannot attribute counts as an unknown author’s failure, and says which line and why', () => {
    const m = deliveryMetrics(
      auditEntries({}, [
        ev('2026-01-05T11:00:00Z', 'SYSTEM_CORRECTION_EVENT', 'succeeded', null, C2),
        ev('2026-01-05T12:00:00Z', 'SYSTEM_CORRECTION_EVENT', 'succeeded', GONE, C2),
        ev('2026-01-05T13:00:00Z', 'SYSTEM_CORRECTION_EVENT', 'succeeded', C3, C2),
      ]),
      graph,
    );
    expect(m.notes).toEqual([
      {
        line: 1,
        message:
          'production: the rollback\'s failed change (no "from" SHA) cannot be attributed; it counts as a failure of an unknown author',
      },
      {
        line: 2,
        message: `production: the rollback's failed change (commit ${GONE.slice(0, 12)}, not in this clone) cannot be attributed; it counts as a failure of an unknown author`,
      },
    ]);
    expect(m.environments[0]?.total.unknown.failures).toBe(2);
    // Failures with no deploy: no rate to speak of.
    expect(m.environments[0]?.total.all.changeFailureRate).toBeNull();
    expect(m.environments[0]?.total.all.deploys).toBe(0);
  });

  it('a deployed SHA git lacks is said with what it leaves unknown; notes come in line order across environments', () => {
    const m = deliveryMetrics(
      auditEntries({}, [
        ev('2026-01-05T11:00:00Z', 'PROMOTE', 'succeeded', null, GONE, 'production'),
        ev('2026-01-05T12:00:00Z', 'STAGING_VERIFIED', 'succeeded', null, GONE, 'alpha'),
      ]),
      graph,
    );
    expect(m.environments.map((e) => e.environment)).toEqual(['alpha', 'production']);
    expect(m.notes.map((n) => n.line)).toEqual([1, 2]);
    expect(m.notes[0]?.message).toContain("so the deployed change's lead time and author are unknown");
  });

  it('counts what happens at the `since` instant itself, and no week at all when nothing is counted', () => {
    const log = [
      ev('2026-01-05T11:00:00Z', 'PROMOTE', 'succeeded', null, C2),
      ev('2026-01-12T11:00:00Z', 'PROMOTE', 'succeeded', C2, C3),
    ];
    expect(prod(log, { since: at('2026-01-12T11:00:00Z') })?.total.all.deploys).toBe(1);
    const none = prod(log, { since: at('2026-02-01T00:00:00Z') });
    expect(none?.weeks).toEqual([]);
    expect(none?.total.all.deploys).toBe(0);
  });

  it('events that are not deploys or rollbacks change no figure', () => {
    const p = prod([
      ev('2026-01-05T11:00:00Z', 'PROMOTE', 'succeeded', null, C2),
      ev('2026-01-05T11:30:00Z', 'GUARD_FAILED', 'failed', C2, C3),
      ev('2026-01-05T11:40:00Z', 'UNPIN', 'succeeded', C2, C2),
      ev('2026-01-05T11:50:00Z', 'HEALTH_FAILED', 'failed', C2, C2),
      ev('2026-01-05T12:00:00Z', 'BREAK_GLASS', 'succeeded', C2, C3),
    ]);
    expect(p?.total.all).toMatchObject({ deploys: 1, failures: 0, changeFailureRate: 0 });
    expect(p?.openIncident).toBeNull();
  });

  it('lists agents by name in order, whatever order they deployed in', () => {
    const g = new Map(graph);
    const Z = sha('9');
    g.set(Z, { parents: [C3], time: at('2026-01-05T10:30:00Z'), agent: 'zed' });
    const m = deliveryMetrics(
      auditEntries({}, [
        ev('2026-01-05T11:00:00Z', 'PROMOTE', 'succeeded', null, C3),
        ev('2026-01-05T12:00:00Z', 'PROMOTE', 'succeeded', C3, Z),
      ]),
      g,
    );
    expect(Object.keys(m.environments[0]?.total.agents ?? {})).toEqual(['claude', 'zed']);
    const reversed = deliveryMetrics(
      auditEntries({}, [
        ev('2026-01-05T12:00:00Z', 'PROMOTE', 'succeeded', C3, Z),
        ev('2026-01-05T13:00:00Z', 'PROMOTE', 'succeeded', Z, C3),
      ]),
      g,
    );
    expect(Object.keys(reversed.environments[0]?.total.agents ?? {})).toEqual(['claude', 'zed']);
  });
});

describe('deliveryMetrics on a clone that lacks most of the history', () => {
  it('says the first 20 missing commits one by one and counts the rest in one note', () => {
    const missing = Array.from({ length: 25 }, (_, i) => (i + 1).toString(16).padStart(40, 'e'));
    const log = missing.map((to, i) =>
      ev(
        new Date(at('2026-01-05T00:00:00Z') + i * HOUR * 1000).toISOString(),
        'PROMOTE',
        'succeeded',
        null,
        to,
      ),
    );
    const m = deliveryMetrics(auditEntries({}, log), graph);
    expect(m.notes).toHaveLength(21);
    expect(m.notes.slice(0, 20).map((n) => n.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(m.notes[20]).toEqual({
      line: 21,
      message: expect.stringMatching(/^production: 5 more lines from line 21 on, each as a note above says/),
    });
    // Counted all the same.
    expect(m.environments[0]?.total.unknown.deploys).toBe(25);
  });
});
