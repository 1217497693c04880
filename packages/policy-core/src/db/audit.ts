import { compareFindings, type Finding } from '../finding.js';
import type { DbFacts, Diagnosis } from './db-facts.js';
import type { DbGraphView } from './graph-view.js';
import { type HistoryTool, type RecordedHistory, recordedHistory } from './recorded-history.js';
import { RULE_IDS } from '../rule-ids.generated.js';

/** One database's part of the audit: what was read, its diagnosis code, and what is wrong. */
export interface DatabaseAudit {
  facts: DbFacts;
  /** What it records of the migrations that ran, in the policy's tool's table. */
  history: RecordedHistory;
  diagnosis: Diagnosis;
  /** Findings about this database (a pair finding appears under both databases). */
  findings: Finding[];
  /** Revisions `alembic upgrade heads` (`manage.py migrate`) would apply; empty when untracked or unknown. */
  pending: string[];
  /** The heads this database moves to: those of its tree(s) when it is tracked, else all. */
  heads: string[];
}

export interface AuditReport {
  databases: DatabaseAudit[];
  /** Every finding once, sorted. */
  findings: Finding[];
  /** The graph's heads, when a graph was given. */
  heads: string[];
}

/**
 * The diagnosis teams' audit scripts printed: MISSING when the database is untracked (DB001), MISMATCH when any other
 * DB rule speaks about it (unknown revision, behind head, different from the other database,
 * tables differ), OK otherwise; the server's version (DB007) is listed but not diagnosed.
 */
export function diagnose(findings: readonly Finding[]): Diagnosis {
  if (findings.some((f) => f.rule === RULE_IDS.alembicVersionMissingRule)) return 'MISSING';
  // The server's version (DB007) says nothing about where the migrations stand.
  const about = findings.filter((f) => f.rule !== RULE_IDS.postgresVersionDiffersRule);
  return about.length > 0 ? 'MISMATCH' : 'OK';
}

/**
 * The audit report of `facts` from the DB findings the engine kept (database-audit.ts: after the
 * policy's severities and waivers): each database with the findings about it, its diagnosis and
 * what `alembic upgrade heads` would apply. Each finding's `databases` files it under them and
 * is left out of the report, which says the same by where it lists the finding.
 */
export function auditReportOf(
  facts: readonly DbFacts[],
  graph: DbGraphView | undefined,
  kept: readonly Finding[],
  tool: HistoryTool = 'alembic',
): AuditReport {
  const findings = kept.map(({ databases, ...finding }) => ({ databases: databases ?? [], finding }));
  const databases = facts.map((f): DatabaseAudit => {
    const own = findings.filter((h) => h.databases.includes(f.name)).map((h) => h.finding);
    const history = recordedHistory(f, tool, graph);
    return {
      facts: f,
      history,
      diagnosis: diagnose(own),
      findings: own.sort(compareFindings),
      pending: history.rows > 0 ? history.pending : [],
      heads: history.heads,
    };
  });
  return {
    databases,
    findings: findings.map((h) => h.finding).sort(compareFindings),
    heads: graph ? graph.heads() : [],
  };
}
