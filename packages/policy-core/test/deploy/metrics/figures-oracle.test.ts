import { AUDIT_EVENTS, type AuditEvent, type CommitFacts, deliveryMetrics } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { auditEntries } from '../audit-entries.js';
import { referenceMetrics } from './reference-metrics.js';

const HOUR_MS = 3_600_000;
const START = Date.parse('2025-12-29T00:00:00Z');

/**
 * A generated log of three environments and every kind of line the figures meet: deploys one
 * commit on top of the last, several at once, merges, redeploys, failed deploys, rollbacks (with
 * and without `from`, to commits this clone lacks), started and refused lines, events that move
 * nothing, and times in other shapes (an offset, a fraction, a leap second). Deterministic: a
 * seeded generator, so a failure names the same log every run.
 */
function generatedLog(lines: number, seed: number) {
  let s = seed;
  const rand = (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    // The high bits: the low ones of this generator repeat with a short period.
    return (s >> 8) % n;
  };
  const graph = new Map<string, CommitFacts>();
  const shas: string[] = [];
  const commit = (parents: string[]) => {
    const sha = (shas.length + 1).toString(16).padStart(40, '0');
    const facts: CommitFacts = { parents, time: START + shas.length * HOUR_MS - rand(5) * HOUR_MS };
    if (rand(3) === 0) facts.agent = rand(4) === 0 ? 'Renovate Bot' : 'claude';
    graph.set(sha, facts);
    shas.push(sha);
    return sha;
  };
  let tip = commit([]);
  const running = new Map<string, string | null>();
  const events: Partial<AuditEvent>[] = [];
  for (let i = 0; events.length < lines; i++) {
    const time = START + i * 2 * HOUR_MS + rand(60) * 60_000;
    const environment = ['production', 'staging', 'eu-west'][rand(3)] as string;
    // New commits: one, a few in a line, or a merge of a side branch; now and then none (a redeploy).
    for (let k = rand(4); k > 0; k--) tip = commit([tip]);
    if (rand(8) === 0) tip = commit([tip, commit([shas[rand(shas.length)] as string])]);
    // A SHA this clone lacks, now and then.
    const to = rand(25) === 0 ? `f${String(i).padStart(39, '0')}` : tip;
    const from = running.get(environment) ?? null;
    const iso = (t: number) => {
      const r = rand(40);
      if (r === 0) return new Date(t).toISOString(); // with a fraction
      if (r === 1) return `${new Date(t + 2 * HOUR_MS).toISOString().slice(0, 19)}+02:00`;
      if (r === 2) return '2016-12-31T23:59:60Z';
      return `${new Date(t).toISOString().slice(0, 19)}Z`;
    };
    const event = environment === 'production' ? 'PROMOTE' : 'STAGING_VERIFIED';
    events.push({ time: iso(time), event, environment, from, to, outcome: 'started' });
    const outcome = (['succeeded', 'succeeded', 'succeeded', 'failed', 'refused'] as const)[rand(5)];
    events.push({ time: iso(time + 60_000), event, environment, from, to, outcome });
    if (outcome === 'succeeded') running.set(environment, to);
    const r = rand(10);
    if (r === 0 && outcome === 'succeeded') {
      const back = rand(5) === 0 ? null : from;
      events.push({
        time: iso(time + 600_000),
        event: 'SYSTEM_CORRECTION_EVENT',
        environment,
        from: rand(6) === 0 ? null : to,
        to: back,
        outcome: rand(4) === 0 ? 'failed' : 'succeeded',
      });
      running.set(environment, back);
    } else if (r === 1) {
      const other = AUDIT_EVENTS.filter((e) => e !== 'PROMOTE' && e !== 'STAGING_VERIFIED');
      events.push({
        time: iso(time + 900_000),
        event: other[rand(other.length)],
        environment,
        from: null,
        to: rand(2) === 0 ? null : to,
        outcome: 'succeeded',
      });
    }
  }
  return { graph, entries: auditEntries({}, events) };
}

describe('the figures from columns, against the figures as they were computed before', () => {
  for (const seed of [1, 2, 3]) {
    const { graph, entries } = generatedLog(6000, seed);

    it(`gives the same figures and notes on generated log ${seed}, whole and by environment`, () => {
      const got = deliveryMetrics(entries, graph);
      expect(got).toEqual(referenceMetrics(entries, graph));
      // The log reaches what the comparison is for: all three environments, notes, agents, failures.
      expect(got.environments.map((e) => e.environment)).toEqual(['eu-west', 'production', 'staging']);
      expect(got.notes.length).toBeGreaterThan(10);
      const prod = got.environments[1];
      expect(Object.keys(prod?.total.agents ?? {})).toEqual(['Renovate Bot', 'claude']);
      expect(prod?.total.all.failures).toBeGreaterThan(10);
      expect(prod?.total.all.timeToRestore.count).toBeGreaterThan(10);
      for (const environment of ['staging', 'eu-west', 'nowhere'])
        expect(deliveryMetrics(entries, graph, { environment })).toEqual(
          referenceMetrics(entries, graph, { environment }),
        );
    });

    it(`gives the same figures from a date on, generated log ${seed}`, () => {
      const since = START + 2000 * HOUR_MS;
      expect(deliveryMetrics(entries, graph, { since })).toEqual(referenceMetrics(entries, graph, { since }));
      expect(deliveryMetrics(entries, graph, { since, environment: 'production' })).toEqual(
        referenceMetrics(entries, graph, { since, environment: 'production' }),
      );
    });
  }
});
