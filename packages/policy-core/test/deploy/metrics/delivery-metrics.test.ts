import { type CommitFacts, deliveryMetrics, isoWeekOf } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { auditEntries } from '../audit-entries.js';
import { at, ev, HOUR, sha } from './metrics-log.js';

const [C1, C2, C3, C4, GONE] = [sha('1'), sha('2'), sha('3'), sha('4'), sha('f')];

/** c1 ← c2 (claude's) ← c3 ← c4, authored on the given instants. */
const graph = new Map<string, CommitFacts>([
  [C1, { parents: [], time: at('2026-01-05T09:00:00Z') }],
  [C2, { parents: [C1], time: at('2026-01-05T10:00:00Z'), agent: 'claude' }],
  [C3, { parents: [C2], time: at('2026-01-06T08:00:00Z') }],
  [C4, { parents: [C3], time: at('2026-01-12T09:00:00Z') }],
]);

/** The hand-computed log: every figure below was worked out on paper from these lines. */
const lines = [
  ev('2026-01-05T11:00:00Z', 'STAGING_VERIFIED', 'succeeded', null, C2, 'staging'), // line 1
  ev('2026-01-05T11:59:00Z', 'PROMOTE', 'started', null, C2), // line 2: the same run as line 3
  ev('2026-01-05T12:00:00Z', 'PROMOTE', 'succeeded', null, C2), // line 3: c1+c2, claude's, 3 h
  ev('2026-01-07T08:00:00Z', 'PROMOTE', 'succeeded', C2, C3), // line 4: c3, a person's, 24 h
  ev('2026-01-07T09:00:00Z', 'SYSTEM_CORRECTION_EVENT', 'succeeded', C3, C2), // line 5: c3 undone, restored
  ev('2026-01-08T09:00:00Z', 'PROMOTE', 'refused', C2, C4), // line 6: changed nothing
  ev('2026-01-12T10:00:00Z', 'PROMOTE', 'failed', C2, C4), // line 7: a failure, opens an incident
  ev('2026-01-12T11:00:00Z', 'PROMOTE', 'succeeded', C2, C4), // line 8: c4 only, 2 h; restores
  ev('2026-01-13T00:00:00Z', 'PROMOTE', 'succeeded', C4, GONE), // line 9: not in the clone
];
const log = auditEntries({}, lines);

describe('deliveryMetrics on a hand-computed log', () => {
  const m = deliveryMetrics(log, graph);
  const prod = m.environments.find((e) => e.environment === 'production');

  it('counts succeeded promotes per ISO week (UTC), never started, refused or failed lines', () => {
    expect(m.environments.map((e) => e.environment)).toEqual(['production', 'staging']);
    expect(
      prod?.weeks.map((w) => [w.week, w.all.deploys, w.agent.deploys, w.human.deploys, w.unknown.deploys]),
    ).toEqual([
      ['2026-W02', 2, 1, 1, 0],
      ['2026-W03', 2, 0, 1, 1],
    ]);
    expect(prod?.weeks[0]?.agents).toEqual({ claude: expect.objectContaining({ deploys: 1 }) });
  });

  it('lead time runs from the first commit a deploy brought, charged once per commit', () => {
    const [w2, w3] = prod?.weeks ?? [];
    expect(w2?.all.leadTime).toEqual({ medianSeconds: (3 * HOUR + 24 * HOUR) / 2, count: 2, unknown: 0 });
    expect(w2?.agents.claude?.leadTime.medianSeconds).toBe(3 * HOUR);
    expect(w2?.human.leadTime.medianSeconds).toBe(24 * HOUR);
    // c3 ran on the 7th and was rolled back: the deploy of c4 is charged with c4 alone.
    expect(w3?.all.leadTime).toEqual({ medianSeconds: 2 * HOUR, count: 1, unknown: 1 });
    expect(prod?.total.all.leadTime).toEqual({ medianSeconds: 3 * HOUR, count: 3, unknown: 1 });
  });

  it('charges a rollback to the change it undid, restored by it; a failed deploy to its change, restored by the next', () => {
    const [w2, w3] = prod?.weeks ?? [];
    expect([w2?.all.failures, w2?.human.failures, w2?.agent.failures, w3?.all.failures]).toEqual([
      1, 1, 0, 1,
    ]);
    expect([w2?.all.changeFailureRate, w2?.human.changeFailureRate, w2?.agent.changeFailureRate]).toEqual([
      0.5, 1, 0,
    ]);
    // W03: one failure over two deploys and one failed deploy.
    expect([w3?.all.failedDeploys, w3?.all.changeFailureRate]).toEqual([1, 0.3333]);
    expect(prod?.total.all.changeFailureRate).toBe(2 / 5);
    // c3 shipped 2026-01-07T08:00 and its rollback restored at 09:00, in the week the failure began.
    expect(w2?.human.timeToRestore).toEqual({ medianSeconds: HOUR, count: 1 });
    // The failed deploy at 2026-01-12T10:00, restored by the deploy at 11:00.
    expect(w3?.human.timeToRestore).toEqual({ medianSeconds: HOUR, count: 1 });
    expect(prod?.openIncident).toBeNull();
  });

  it('says which line names a commit it cannot find, and counts it as unknown', () => {
    expect(m.notes).toEqual([
      { line: 9, message: expect.stringContaining(`commit ${GONE.slice(0, 12)} is not in this clone`) },
    ]);
    expect(prod?.total.unknown.deploys).toBe(1);
  });

  it('keeps environments apart, and filters by environment and by date', () => {
    const staging = m.environments.find((e) => e.environment === 'staging');
    expect(staging?.total.all.deploys).toBe(1);
    expect(staging?.total.all.leadTime.medianSeconds).toBe(2 * HOUR);
    const since = deliveryMetrics(log, graph, {
      environment: 'production',
      since: at('2026-01-12T00:00:00Z'),
    });
    expect(since.environments.map((e) => [e.environment, e.total.all.deploys, e.total.all.failures])).toEqual(
      [['production', 2, 1]],
    );
    // The c4 deploy is still charged with c4 alone: earlier lines say what ran.
    expect(since.environments[0]?.total.all.leadTime.medianSeconds).toBe(2 * HOUR);
  });

  it('leaves an incident no deploy has followed open, and a failed deploy opens one', () => {
    // A rollback that failed leaves the environment failing since c3 shipped.
    const open = deliveryMetrics(
      auditEntries({}, [
        ...lines.slice(0, 4),
        ev('2026-01-07T09:00:00Z', 'SYSTEM_CORRECTION_EVENT', 'failed', C3, C2),
      ]),
      graph,
      { environment: 'production' },
    );
    expect(open.environments[0]?.openIncident).toEqual({
      since: '2026-01-07T08:00:00.000Z',
      line: 5,
      authorship: 'human',
    });
    const failed = deliveryMetrics([...log.slice(0, 4), ...log.slice(6, 7)], graph, {
      environment: 'production',
    });
    expect(failed.environments[0]?.openIncident).toEqual({
      since: '2026-01-12T10:00:00.000Z',
      line: 7,
      authorship: 'human',
    });
    expect(failed.environments[0]?.total.all.failures).toBe(1);
    expect(failed.notes).toEqual([]);
    // The same failure of a SHA git lacks: still an incident, its author unknown, and said.
    const gone = auditEntries({}, [ev('2026-01-12T10:00:00Z', 'PROMOTE', 'failed', C2, GONE)]);
    const unknown = deliveryMetrics(gone, graph);
    expect(unknown.environments[0]?.openIncident).toEqual({
      since: '2026-01-12T10:00:00.000Z',
      line: 1,
      authorship: 'unknown',
    });
    expect(unknown.notes).toEqual([
      { line: 1, message: expect.stringContaining("so the failed change's author is unknown") },
    ]);
  });
});

describe('isoWeekOf', () => {
  it('follows ISO 8601 across year ends, in UTC', () => {
    expect(isoWeekOf(at('2026-01-04T23:59:59Z'))).toBe('2026-W01');
    expect(isoWeekOf(at('2026-01-05T00:00:00Z'))).toBe('2026-W02');
    expect(isoWeekOf(at('2024-12-30T12:00:00Z'))).toBe('2025-W01');
    expect(isoWeekOf(at('2021-01-03T12:00:00Z'))).toBe('2020-W53');
    expect(isoWeekOf(at('2026-01-05T00:30:00+01:00'))).toBe('2026-W01');
  });
});
