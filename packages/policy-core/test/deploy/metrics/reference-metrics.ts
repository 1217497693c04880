// The delivery figures as they were computed before the columns (delivery-metrics.ts at
// 3bf498c0): one object per entry, the time parsed per entry, the walk's arrays per deploy. Kept
// as the oracle of figures-oracle.test.ts, so that a faster reading never changes a figure.
// Incidents since follow DORA's failed deployment recovery time ("how long it takes to recover
// from a failed deployment", dora.dev/guides/dora-metrics-four-keys): from the failed deploy (or
// the deploy a rollback undid) to the environment restored by a rollback or a promote, one
// failure each, over deploys and failed deploys; notes past 20 an environment are counted in one.
import {
  type ChangeAuthor,
  type CommitFacts,
  type CommitGraph,
  type DeliveryMetrics,
  type DeployedChange,
  type EnvironmentMetrics,
  type MetricsEntry,
  type MetricsNote,
  type MetricsQuery,
  weeksBetween,
} from '../../../src/deploy/metrics/index.js';
import { isoWeekLabeller } from '../../../src/deploy/metrics/iso-week.js';
import { SplitTally, type Tally } from './reference-figures.js';
import { timestampMs } from '../../../src/deploy/timestamp.js';

interface Incident {
  start: number;
  line: number;
  author: ChangeAuthor;
}

class ReferenceShipped {
  private readonly shipped = new Set<string>();
  constructor(private readonly graph: CommitGraph) {}
  knows(sha: string): boolean {
    return this.graph.has(sha);
  }
  ran(sha: string | null): void {
    if (sha !== null) for (const c of this.unshipped(sha)) this.shipped.add(c);
  }
  change(sha: string, ship: boolean): DeployedChange {
    if (!this.graph.has(sha)) return { authorship: 'unknown', commits: 0 };
    const fresh = this.unshipped(sha);
    if (ship) for (const c of fresh) this.shipped.add(c);
    const judged = fresh.length > 0 ? fresh : [sha];
    let firstCommit: number | undefined;
    let agentAt: { time: number; agent: string } | undefined;
    for (const c of judged) {
      const facts = this.graph.get(c) as CommitFacts;
      if (firstCommit === undefined || facts.time < firstCommit) firstCommit = facts.time;
      if (facts.agent !== undefined && (agentAt === undefined || facts.time < agentAt.time))
        agentAt = { time: facts.time, agent: facts.agent };
    }
    const change: DeployedChange = agentAt
      ? { authorship: 'agent', agent: agentAt.agent, commits: fresh.length }
      : { authorship: 'human', commits: fresh.length };
    if (fresh.length > 0 && firstCommit !== undefined) change.firstCommit = firstCommit;
    return change;
  }
  private unshipped(sha: string): string[] {
    if (this.shipped.has(sha)) return [];
    if (!this.graph.get(sha)) return [];
    const out: string[] = [];
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const c = stack.pop() as string;
      if (seen.has(c) || this.shipped.has(c)) continue;
      seen.add(c);
      const f = this.graph.get(c);
      if (!f) continue;
      out.push(c);
      for (const p of f.parents) stack.push(p);
    }
    return out;
  }
}

export function referenceMetrics(
  entries: readonly MetricsEntry[],
  graph: CommitGraph,
  query: MetricsQuery = {},
): DeliveryMetrics {
  const notes: MetricsNote[] = [];
  const byEnv = new Map<string, MetricsEntry[]>();
  for (const e of entries) {
    if (query.environment !== undefined && e.event.environment !== query.environment) continue;
    const list = byEnv.get(e.event.environment);
    if (list) list.push(e);
    else byEnv.set(e.event.environment, [e]);
  }
  const environments = [...byEnv.keys()]
    .sort()
    .map((env) => environmentMetrics(env, byEnv.get(env) as MetricsEntry[], graph, query.since, notes));
  notes.sort((a, b) => a.line - b.line);
  return { weekBasis: 'ISO 8601, UTC', environments, notes };
}

function environmentMetrics(
  environment: string,
  entries: readonly MetricsEntry[],
  graph: CommitGraph,
  since: number | undefined,
  notes: MetricsNote[],
): EnvironmentMetrics {
  const shipped = new ReferenceShipped(graph);
  const isoWeekOf = isoWeekLabeller();
  const weeks = new Map<string, SplitTally>();
  const total = new SplitTally();
  /** Who wrote what each SHA deployed, as its last successful deploy judged it. */
  const deployedBy = new Map<string, ChangeAuthor>();
  let incident: Incident | undefined;
  let first: number | undefined;
  let last: number | undefined;
  const count = (time: number, author: ChangeAuthor, add: (t: Tally) => void) => {
    if (since !== undefined && time < since) return;
    first = Math.min(first ?? time, time);
    last = Math.max(last ?? time, time);
    const week = isoWeekOf(time);
    let t = weeks.get(week);
    if (!t) {
      t = new SplitTally();
      weeks.set(week, t);
    }
    t.add(author, add);
    total.add(author, add);
  };
  let said = 0;
  let more = 0;
  let firstMore = 0;
  const note = (entry: MetricsEntry, message: string) => {
    if (said < 20) {
      said++;
      notes.push({ line: entry.line + 1, message });
    } else if (more++ === 0) firstMore = entry.line + 1;
  };
  const unknownSha = (entry: MetricsEntry, sha: string, what: string) =>
    note(
      entry,
      `${environment}: commit ${sha.slice(0, 12)} is not in this clone, so ${what} unknown; fetch the history (git fetch --unshallow, or the branch that held it) and run again`,
    );
  /** When each SHA last reached the environment. */
  const reached = new Map<string, number>();
  const restore = (time: number) => {
    if (!incident) return;
    const { start, author } = incident;
    const length = Math.max(0, Math.round((time - start) / 1000));
    count(start, author, (t) => t.restores.push(length));
    incident = undefined;
  };

  for (const entry of entries) {
    const e = entry.event;
    if (e.outcome === 'started' || e.outcome === 'refused') continue;
    // The schema admits a leap second (23:59:60), which Date.parse refuses: timestampMs reads it.
    const time = timestampMs(e.time);
    // A promote logs PROMOTE into production and STAGING_VERIFIED into any other environment.
    if ((e.event === 'PROMOTE' || e.event === 'STAGING_VERIFIED') && e.to !== null) {
      if (e.outcome === 'failed') {
        if (!shipped.knows(e.to)) unknownSha(entry, e.to, "the failed change's author is");
        const author = shipped.change(e.to, false);
        count(time, author, (t) => t.failedDeploys++);
        if (!incident) {
          incident = { start: time, line: entry.line, author };
          count(time, author, (t) => t.failures++);
        }
        continue;
      }
      shipped.ran(e.from);
      if (!shipped.knows(e.to)) unknownSha(entry, e.to, "the deployed change's lead time and author are");
      const change = shipped.change(e.to, true);
      deployedBy.set(e.to, change);
      reached.set(e.to, time);
      count(time, change, (t) => {
        t.deploys++;
        if (change.firstCommit !== undefined)
          t.leads.push(Math.max(0, Math.round((time - change.firstCommit) / 1000)));
        else if (change.authorship === 'unknown') t.leadUnknown++;
      });
      restore(time);
    } else if (e.event === 'SYSTEM_CORRECTION_EVENT') {
      const undone = e.from === null ? undefined : (deployedBy.get(e.from) ?? shipped.change(e.from, false));
      if (!undone || undone.authorship === 'unknown')
        note(
          entry,
          `${environment}: the rollback's failed change (${e.from === null ? 'no "from" SHA' : `commit ${e.from.slice(0, 12)}, not in this clone`}) cannot be attributed; it counts as a failure of an unknown author`,
        );
      if (!incident) {
        const author = undone ?? { authorship: 'unknown' as const };
        const at = e.from === null ? undefined : reached.get(e.from);
        const start = at !== undefined && at <= time ? at : time;
        incident = { start, line: entry.line, author };
        count(start, author, (t) => t.failures++);
      }
      if (e.outcome === 'succeeded') {
        if (e.to !== null) reached.set(e.to, time);
        restore(time);
      }
    }
  }
  if (more > 0)
    notes.push({
      line: firstMore,
      message: `${environment}: ${more} more lines from line ${firstMore} on, each as a note above says (a commit not in this clone, a rollback that cannot be attributed); fetch the history (git fetch --unshallow) and run again`,
    });
  const span = first === undefined || last === undefined ? [] : weeksBetween(first, last);
  const empty = new SplitTally().figures();
  return {
    environment,
    weeks: span.map((week) => ({ week, ...(weeks.get(week)?.figures() ?? empty) })),
    total: total.figures(),
    openIncident: incident
      ? {
          since: new Date(incident.start).toISOString(),
          line: incident.line + 1,
          authorship: incident.author.authorship,
          ...(incident.author.agent !== undefined ? { agent: incident.author.agent } : {}),
        }
      : null,
  };
}
