import type { PolicyDocument } from '../policy/document.js';
import type { DbFacts } from './db-facts.js';
import { djangoHistoryState } from './django-history.js';
import { type DbGraphView, headsFor, overlappingVersions, pendingRevisions } from './graph-view.js';

/** The migration tool whose record the audit judges. */
export type HistoryTool = 'alembic' | 'django';

/**
 * What a database records of the migrations that ran, in the terms the DB rules judge whatever the
 * tool: Alembic's `alembic_version` (a row per branch head) or Django's `django_migrations` (a
 * row per applied migration). One shape, so DB001–DB004 are one mechanism and their messages
 * name the table the team's tool really keeps.
 */
export interface RecordedHistory {
  tool: HistoryTool;
  /** The table, as a message names it: `public.django_migrations`. */
  table: string;
  present: boolean;
  /** How many rows the table holds (of every app, for Django): none is DB001's. */
  rows: number;
  /** Where the database stands (what the summary prints, DB003 compares): Alembic's rows; Django's latest applied migration per app. */
  positions: string[];
  /** A graph to judge against was given (without one, only DB001 and DB003 speak). */
  judged: boolean;
  /** Recorded revisions no migration of the repository is (DB002). */
  unknown: string[];
  /** States the tool refuses (DB002): Alembic's `[ancestor, descendant]` rows; Django's `[migration, its unapplied dependency]`. */
  conflicts: [string, string][];
  /** What the tool's upgrade would apply, in order (DB004); empty when something is unknown. */
  pending: string[];
  /** The heads this database moves to. */
  heads: string[];
}

/** Django's when the policy's migrations are Django apps (and no Alembic tree), else Alembic's. */
export function historyToolOf(policy: PolicyDocument): HistoryTool {
  const m = policy.policy.migrations;
  const has = (v: string | string[] | undefined) => (Array.isArray(v) ? v.length > 0 : v !== undefined);
  return m && has(m.django) && !has(m.alembic) ? 'django' : 'alembic';
}

/** `db`'s record judged against `graph` (the tool's graph, or none). */
export function recordedHistory(
  db: DbFacts,
  tool: HistoryTool,
  graph: DbGraphView | undefined,
): RecordedHistory {
  return tool === 'django' ? djangoRecord(db, graph) : alembicRecord(db, graph);
}

function alembicRecord(db: DbFacts, graph: DbGraphView | undefined): RecordedHistory {
  const versions = db.alembic.present ? db.alembic.versions : [];
  const base = {
    tool: 'alembic' as const,
    table: `${db.schema}.alembic_version`,
    present: db.alembic.present,
    rows: versions.length,
  };
  const none = { positions: versions, unknown: [], conflicts: [], pending: [] };
  if (!graph || graph.django) return { ...base, ...none, judged: false, heads: graph ? graph.heads() : [] };
  const unknown = versions.filter((v) => !graph.has(v));
  const trackable = versions.length > 0 && unknown.length === 0;
  return {
    ...base,
    positions: versions,
    judged: true,
    unknown,
    conflicts: overlappingVersions(graph, versions),
    pending: trackable ? pendingRevisions(graph, versions) : [],
    heads: trackable ? headsFor(graph, versions) : graph.heads(),
  };
}

function djangoRecord(db: DbFacts, graph: DbGraphView | undefined): RecordedHistory {
  const rows = db.django?.present ? db.django.applied : [];
  const base = {
    tool: 'django' as const,
    table: `${db.schema}.django_migrations`,
    present: !!db.django?.present,
    rows: rows.length,
  };
  const django = graph?.django;
  if (!django)
    return {
      ...base,
      positions: latestPerApp(rows),
      judged: false,
      unknown: [],
      conflicts: [],
      pending: [],
      heads: [],
    };
  const state = djangoHistoryState(django, rows);
  return {
    ...base,
    positions: state.positions,
    judged: true,
    unknown: state.unknown,
    conflicts: state.inconsistent,
    pending: state.unknown.length === 0 ? state.pending : [],
    heads: state.heads,
  };
}

/** Without the repository's graph: each app's last migration by name (Django numbers them). */
function latestPerApp(rows: readonly string[]): string[] {
  const last = new Map<string, string>();
  for (const r of rows) {
    const app = r.slice(0, r.indexOf('.'));
    const seen = last.get(app);
    if (seen === undefined || r > seen) last.set(app, r);
  }
  return [...last.values()].sort();
}
