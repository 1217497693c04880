import { compareFindings, type Finding } from '../finding.js';
import type { PolicyDocument } from '../policy/document.js';
import type { AnyRule, Rule } from '../rule.js';
import { applySeverityOverrides } from '../severity-overrides.js';
import type { DbAuditInput, DbHit } from './audit-input.js';
import type { DbFacts, Diagnosis } from './db-facts.js';
import { type DbGraphView, headsFor, pendingRevisions } from './graph-view.js';
import { RULE_IDS } from '../rule-ids.generated.js';

/** One database's part of the audit: what was read, its diagnosis code, and what is wrong. */
export interface DatabaseAudit {
  facts: DbFacts;
  diagnosis: Diagnosis;
  /** Findings about this database (a pair finding appears under both databases). */
  findings: Finding[];
  /** Revisions `alembic upgrade heads` would apply; empty when untracked or unknown. */
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

/** Runs every DB check, then the policy's `rules:` overrides (so `DB005: off` also leaves the code OK). */
function collectHits(
  facts: readonly DbFacts[],
  graph: DbGraphView | undefined,
  policy: PolicyDocument,
  rules: readonly AnyRule[],
): DbHit[] {
  const input = graph ? { databases: facts, graph, policy } : { databases: facts, policy };
  const out: DbHit[] = [];
  const checks = rules.filter((r) => r.facts === 'database-audit') as Rule<DbAuditInput, DbHit>[];
  for (const hit of checks.flatMap((rule) => rule.check(input))) {
    const [finding] = applySeverityOverrides([hit.finding], policy.policy.rules);
    if (finding) out.push({ databases: hit.databases, finding });
  }
  return out;
}

/**
 * Runs DB001–DB005 over the databases' facts; findings point at each database's policy line.
 * `rules`: the DB family's (`DB_RULES`, handed out with the other families' in rules/families.ts).
 */
export function auditDatabases(
  facts: readonly DbFacts[],
  graph: DbGraphView | undefined,
  policy: PolicyDocument,
  rules: readonly AnyRule[],
): Finding[] {
  return collectHits(facts, graph, policy, rules)
    .map((h) => h.finding)
    .sort(compareFindings);
}

/**
 * The diagnosis teams' audit scripts printed: MISSING when the database is untracked (DB001), MISMATCH when any other
 * DB rule speaks about it (unknown revision, behind head, different from the other database,
 * tables differ), OK otherwise.
 */
export function diagnose(findings: readonly Finding[]): Diagnosis {
  if (findings.some((f) => f.rule === RULE_IDS.alembicVersionMissingRule)) return 'MISSING';
  return findings.length > 0 ? 'MISMATCH' : 'OK';
}

export function buildAuditReport(
  facts: readonly DbFacts[],
  graph: DbGraphView | undefined,
  policy: PolicyDocument,
  rules: readonly AnyRule[],
): AuditReport {
  const hits = collectHits(facts, graph, policy, rules);
  const databases = facts.map((f): DatabaseAudit => {
    const findings = hits.filter((h) => h.databases.includes(f.name)).map((h) => h.finding);
    const versions = f.alembic.present ? f.alembic.versions : [];
    const trackable = graph && versions.length > 0 && versions.every((v) => graph.has(v));
    return {
      facts: f,
      diagnosis: diagnose(findings),
      findings: findings.sort(compareFindings),
      pending: trackable ? pendingRevisions(graph, versions) : [],
      heads: !graph ? [] : trackable ? headsFor(graph, versions) : graph.heads(),
    };
  });
  return {
    databases,
    findings: hits.map((h) => h.finding).sort(compareFindings),
    heads: graph ? graph.heads() : [],
  };
}
