import type { AuditEvent } from '../audit-event.js';
import { timestampMs } from '../timestamp.js';
import { type ChangeAuthor, type CommitGraph, ShippedCommits } from './deployed-change.js';
import { isoWeekLabeller, weeksBetween } from './iso-week.js';
import { type SplitFigures, SplitTally } from './metric-figures.js';

export interface MetricsQuery {
  /** Only this environment. */
  environment?: string;
  /** Count only what happened from this instant on (ms); earlier entries still say what ran. */
  since?: number;
}

/**
 * What the figures read of one verified audit line: its 0-based line and what happened. An
 * `AuditEntry` is one; the node reader builds only these, for the lines that count.
 */
export interface MetricsEntry {
  line: number;
  event: Pick<AuditEvent, 'time' | 'event' | 'environment' | 'outcome' | 'from' | 'to'>;
}

/** Something the figures could not use as they stand: where it is and what it means. */
export interface MetricsNote {
  /** 1-based line of the audit log. */
  line: number;
  message: string;
}

export interface WeekMetrics extends SplitFigures {
  /** ISO 8601 week, UTC ("2026-W05"). */
  week: string;
}

export interface EnvironmentMetrics {
  environment: string;
  weeks: WeekMetrics[];
  total: SplitFigures;
  /** A failure no successful deploy has followed yet: its start, line and who wrote the change. */
  openIncident: {
    since: string;
    line: number;
    authorship: ChangeAuthor['authorship'];
    agent?: string;
  } | null;
}

export interface DeliveryMetrics {
  /** Weeks are ISO 8601 weeks (Monday to Sunday) in UTC. */
  weekBasis: 'ISO 8601, UTC';
  environments: EnvironmentMetrics[];
  notes: MetricsNote[];
}

/** A problem of a file the figures come from: the audit log's verification, or the record's. */
export interface MetricsIssue {
  /** The file, as the policy names it (deploy.audit_log or deploy.record). */
  file: string;
  /** 1-based line, when the problem has one (an audit_head matching no entry has none). */
  line?: number;
  message: string;
}

/** Where an issue is, as a report names it: `file:line`, or the file alone. */
export function issueAt(i: MetricsIssue): string {
  return i.line !== undefined ? `${i.file}:${i.line}` : i.file;
}

/** What `slipway metrics` and the editor's history page show: the figures, and where they come from. */
export interface MetricsResult extends DeliveryMetrics {
  auditLogPath: string;
  /**
   * What the audit log's verification found (torn lines, a broken chain, a tail the record's
   * audit_head no longer names) and what is wrong with the record itself.
   */
  issues: MetricsIssue[];
}

/** One open incident: when it began, on which line, and whose change it is charged to. */
interface Incident {
  start: number;
  line: number;
  author: ChangeAuthor;
}

/**
 * The delivery figures of a verified audit log, per environment and ISO week (UTC), split by
 * who wrote the deployed changes. Only terminal lines count (`started` lines are the same runs,
 * `refused` ones changed nothing):
 * - a deploy is a succeeded promote (PROMOTE into production, STAGING_VERIFIED elsewhere); its lead time runs from the first commit it brought to the
 *   environment (author time, `graph`) to the deploy; a SHA the graph lacks is "unknown";
 * - a failure is a SYSTEM_CORRECTION_EVENT (a rollback, automatic or manual, succeeded or
 *   failed), charged to the change it undid (its `from`) and the week it happened;
 * - time to restore runs from a failed PROMOTE or a rollback to the environment's next
 *   succeeded PROMOTE, charged to the week the failure began.
 */
export function deliveryMetrics(
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
  const shipped = new ShippedCommits(graph);
  const isoWeekOf = isoWeekLabeller();
  const weeks = new Map<string, SplitTally>();
  const total = new SplitTally();
  /** Who wrote what each SHA deployed, as its last successful deploy judged it. */
  const deployedBy = new Map<string, ChangeAuthor>();
  let incident: Incident | undefined;
  let first: number | undefined;
  let last: number | undefined;
  const count = (time: number, author: ChangeAuthor, add: Parameters<SplitTally['add']>[1]) => {
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
  const unknownSha = (entry: MetricsEntry, sha: string, what: string) =>
    notes.push({
      line: entry.line + 1,
      message: `${environment}: commit ${sha.slice(0, 12)} is not in this clone, so ${what} unknown; fetch the history (git fetch --unshallow, or the branch that held it) and run again`,
    });

  for (const entry of entries) {
    const e = entry.event;
    if (e.outcome === 'started' || e.outcome === 'refused') continue;
    // The schema admits a leap second (23:59:60), which Date.parse refuses: timestampMs reads it.
    const time = timestampMs(e.time);
    // A promote logs PROMOTE into production and STAGING_VERIFIED into any other environment.
    if ((e.event === 'PROMOTE' || e.event === 'STAGING_VERIFIED') && e.to !== null) {
      if (e.outcome === 'failed') {
        // A failed deploy brings the environment down (or stops it moving) until one succeeds.
        if (!shipped.knows(e.to)) unknownSha(entry, e.to, "the failed change's author is");
        if (!incident) incident = { start: time, line: entry.line, author: shipped.change(e.to, false) };
        continue;
      }
      shipped.ran(e.from);
      if (!shipped.knows(e.to)) unknownSha(entry, e.to, "the deployed change's lead time and author are");
      const change = shipped.change(e.to, true);
      deployedBy.set(e.to, change);
      count(time, change, (t) => {
        t.deploys++;
        if (change.firstCommit !== undefined)
          t.leads.push(Math.max(0, Math.round((time - change.firstCommit) / 1000)));
        else if (change.authorship === 'unknown') t.leadUnknown++;
      });
      if (incident) {
        const { start, author } = incident;
        const restore = Math.max(0, Math.round((time - start) / 1000));
        count(start, author, (t) => t.restores.push(restore));
        incident = undefined;
      }
    } else if (e.event === 'SYSTEM_CORRECTION_EVENT') {
      // The change undone is the one that last deployed `from`; a log that starts after that
      // deploy is judged from git alone.
      const undone = e.from === null ? undefined : (deployedBy.get(e.from) ?? shipped.change(e.from, false));
      if (!undone || undone.authorship === 'unknown')
        notes.push({
          line: entry.line + 1,
          message: `${environment}: the rollback's failed change (${e.from === null ? 'no "from" SHA' : `commit ${e.from.slice(0, 12)}, not in this clone`}) cannot be attributed; it counts as a failure of an unknown author`,
        });
      const author = undone ?? { authorship: 'unknown' as const };
      count(time, author, (t) => t.failures++);
      if (!incident) incident = { start: time, line: entry.line, author };
    }
  }
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
