import { AUDIT_EVENTS, AUDIT_OUTCOMES } from '../audit-event.js';
import { type ChangeAuthor, type CommitGraph, ShippedCommits } from './deployed-change.js';
import { isoWeekLabeller, WEEK_MS, weekStart, weeksBetween } from './iso-week.js';
import { type Sample, type SplitFigures, SplitTally } from './metric-figures.js';
import { columnsOf, MetricsColumns, type MetricsEntry, NO_SHA } from './metrics-columns.js';
import { type MetricsNote, SaidNotes } from './metrics-notes.js';

export type { MetricsNote };

const PROMOTE = AUDIT_EVENTS.indexOf('PROMOTE');
const STAGING_VERIFIED = AUDIT_EVENTS.indexOf('STAGING_VERIFIED');
const CORRECTION = AUDIT_EVENTS.indexOf('SYSTEM_CORRECTION_EVENT');
const STARTED = AUDIT_OUTCOMES.indexOf('started');
const REFUSED = AUDIT_OUTCOMES.indexOf('refused');
const FAILED = AUDIT_OUTCOMES.indexOf('failed');
const SUCCEEDED = AUDIT_OUTCOMES.indexOf('succeeded');

export interface MetricsQuery {
  /** Only this environment. */
  environment?: string;
  /** Count only what happened from this instant on (ms); earlier entries still say what ran. */
  since?: number;
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
 * - a failed deploy is a failed promote;
 * - an incident begins with a failed deploy, or with a rollback (SYSTEM_CORRECTION_EVENT,
 *   automatic or manual) when none is open: at the failed deploy, or at the deploy of the change
 *   the rollback undid (its `from`) where the log holds it, else at the rollback. It ends when the
 *   environment is restored: a succeeded rollback or a succeeded promote. Each incident is one
 *   failure, charged to the change that failed and the week it began; the change failure rate is
 *   failures over deploys and failed deploys;
 * - time to restore is an incident's length (DORA's failed deployment recovery time: a rollback
 *   that works restores the service; the failure began when the bad change shipped).
 */
export function deliveryMetrics(
  entries: readonly MetricsEntry[] | MetricsColumns,
  graph: CommitGraph,
  query: MetricsQuery = {},
): DeliveryMetrics {
  const c = entries instanceof MetricsColumns ? entries : columnsOf(entries);
  const notes: MetricsNote[] = [];
  // Each environment's rows, in line order: counted per environment (a counting sort), so that a
  // log of many environments is still one pass.
  const counts = new Int32Array(c.environments.length + 1);
  for (let i = 0; i < c.length; i++) (counts[(c.environment[i] as number) + 1] as number)++;
  for (let k = 1; k < counts.length; k++) counts[k] = (counts[k] as number) + (counts[k - 1] as number);
  const starts = counts.slice();
  const rows = new Int32Array(c.length);
  for (let i = 0; i < c.length; i++) rows[(counts[c.environment[i] as number] as number)++] = i;
  const environments = c.environments
    .map((name, id) => ({ name, id }))
    .filter(({ name }) => query.environment === undefined || name === query.environment)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, id }) =>
      environmentMetrics(
        name,
        c,
        rows.subarray(starts[id] as number, starts[id + 1] as number),
        graph,
        query.since,
        notes,
      ),
    );
  notes.sort((a, b) => a.line - b.line);
  return { weekBasis: 'ISO 8601, UTC', environments, notes };
}

function environmentMetrics(
  environment: string,
  c: MetricsColumns,
  rows: Int32Array,
  graph: CommitGraph,
  since: number | undefined,
  notes: MetricsNote[],
): EnvironmentMetrics {
  const shipped = new ShippedCommits(graph);
  const tallies = new WeekTallies(since);
  /** Who wrote what each SHA deployed (by its id), as its last successful deploy judged it. */
  const deployedBy: (ChangeAuthor | undefined)[] = [];
  /** When each SHA (by its id) last reached the environment. */
  const deployedAt: number[] = [];
  let incident: Incident | undefined;
  const count = (time: number, author: ChangeAuthor, kind: Sample, value?: number) =>
    tallies.add(time, author, kind, value);
  /** The open incident, if any, ends: its length is a time to restore, in the week it began. */
  const restored = (time: number) => {
    if (!incident) return;
    const { start, author } = incident;
    count(start, author, 'restore', Math.max(0, Math.round((time - start) / 1000)));
    incident = undefined;
  };
  const said = new SaidNotes(environment, notes);
  const unknownSha = (line: number, sha: string, what: string) =>
    said.note(
      line,
      `${environment}: commit ${sha.slice(0, 12)} is not in this clone, so ${what} unknown; fetch the history (git fetch --unshallow, or the branch that held it) and run again`,
    );

  for (let r = 0; r < rows.length; r++) {
    const i = rows[r] as number;
    const outcome = c.outcome[i] as number;
    if (outcome === STARTED || outcome === REFUSED) continue;
    const time = c.time[i] as number;
    const line = c.line[i] as number;
    const event = c.event[i] as number;
    const to = c.sha(c.to[i] as number);
    const fromId = c.from[i] as number;
    const from = c.sha(fromId);
    // A promote logs PROMOTE into production and STAGING_VERIFIED into any other environment.
    if ((event === PROMOTE || event === STAGING_VERIFIED) && to !== null) {
      if (outcome === FAILED) {
        if (!shipped.knows(to)) unknownSha(line, to, "the failed change's author is");
        const author = shipped.change(to, false);
        count(time, author, 'failed-deploy');
        if (!incident) {
          incident = { start: time, line, author };
          count(time, author, 'failure');
        }
        continue;
      }
      shipped.ran(from);
      if (!shipped.knows(to)) unknownSha(line, to, "the deployed change's lead time and author are");
      const change = shipped.change(to, true);
      deployedBy[c.to[i] as number] = change;
      deployedAt[c.to[i] as number] = time;
      // A lead time when the change brought a commit; none for a redeploy or an unknown SHA.
      const lead =
        change.firstCommit !== undefined
          ? Math.max(0, Math.round((time - change.firstCommit) / 1000))
          : undefined;
      count(time, change, 'deploy', lead);
      restored(time);
    } else if (event === CORRECTION) {
      // The change undone is the one that last deployed `from`; a log that starts after that
      // deploy is judged from git alone.
      const undone = from === null ? undefined : (deployedBy[fromId] ?? shipped.change(from, false));
      if (!undone || undone.authorship === 'unknown')
        said.note(
          line,
          `${environment}: the rollback's failed change (${from === null ? 'no "from" SHA' : `commit ${from.slice(0, 12)}, not in this clone`}) cannot be attributed; it counts as a failure of an unknown author`,
        );
      if (!incident) {
        const author = undone ?? { authorship: 'unknown' as const };
        // The failure began when the change it undid reached the environment, where the log says.
        const shippedAt = fromId === NO_SHA ? undefined : deployedAt[fromId];
        const start = shippedAt !== undefined && shippedAt <= time ? shippedAt : time;
        incident = { start, line, author };
        count(start, author, 'failure');
      }
      if (outcome === SUCCEEDED) {
        if (to !== null) deployedAt[c.to[i] as number] = time;
        restored(time);
      }
    }
  }
  said.summarise();
  const { first, last, weeks, total } = tallies;
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

/**
 * An environment's samples by ISO week and in total, with the span they cover. The week's
 * tally of the last sample is kept, so a log in time order looks its week up once a week, not
 * once a line.
 */
class WeekTallies {
  readonly weeks = new Map<string, SplitTally>();
  readonly total = new SplitTally();
  first: number | undefined;
  last: number | undefined;
  private readonly isoWeekOf = isoWeekLabeller();
  private weekFrom = Number.NaN;
  private tally: SplitTally | undefined;

  constructor(private readonly since: number | undefined) {}

  /** One sample at `time`; before `since` it is not counted. */
  add(time: number, author: ChangeAuthor, kind: Sample, value?: number): void {
    if (this.since !== undefined && time < this.since) return;
    this.first = Math.min(this.first ?? time, time);
    this.last = Math.max(this.last ?? time, time);
    let t = this.tally;
    if (!(time >= this.weekFrom && time < this.weekFrom + WEEK_MS) || t === undefined) {
      const week = this.isoWeekOf(time);
      t = this.weeks.get(week);
      if (!t) {
        t = new SplitTally();
        this.weeks.set(week, t);
      }
      this.tally = t;
      this.weekFrom = weekStart(time);
    }
    t.add(author, kind, value);
    this.total.add(author, kind, value);
  }
}
