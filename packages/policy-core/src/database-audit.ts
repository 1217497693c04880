import { type AuditReport, auditReportOf } from './db/audit.js';
import type { DbFacts } from './db/db-facts.js';
import { historyToolOf } from './db/recorded-history.js';
import type { DbGraphView } from './db/graph-view.js';
import { runCheck } from './engine.js';
import type { Finding } from './finding.js';
import type { PolicyDocument } from './policy/document.js';
import { MemoryRepo } from './repo.js';
import type { AnyRule } from './rule.js';
import { databaseFamilyOf } from './rules/database/facts/family.js';

/**
 * The DB findings about `facts`, through the engine like every other family's: the databases are
 * one more input (`CheckOptions.databases`) and the DB family the one family run, so the policy's
 * `rules:` severities (`DB005: off` leaves the database OK), its `waivers:` and the `--rule`
 * machinery are the check's own. No comment lifts a DB finding (the rules say
 * `suppressible: false`), a database has no baseline (`record`), and what the engine says of
 * the policy's other comments (SUP) belongs to `check`, not here (`only: ['DB']`).
 * `rules`: the DB family's (`DB_RULES`, handed out with the other families' in rules/families.ts).
 */
function judgedFindings(
  facts: readonly DbFacts[],
  graph: DbGraphView | undefined,
  policy: PolicyDocument,
  rules: readonly AnyRule[],
  now: Date,
): Finding[] {
  return runCheck({
    policy,
    // The rules read only the policy, which the engine reads from `policy` itself.
    repo: new MemoryRepo({}),
    databases: graph ? { facts, graph } : { facts },
    families: [databaseFamilyOf(rules)],
    only: ['DB'],
    baseline: 'record',
    now,
  }).findings;
}

/** Runs DB001–DB005 over the databases' facts; findings point at each database's policy line. */
export function auditDatabases(
  facts: readonly DbFacts[],
  graph: DbGraphView | undefined,
  policy: PolicyDocument,
  rules: readonly AnyRule[],
  now = new Date(),
): Finding[] {
  return buildAuditReport(facts, graph, policy, rules, now).findings;
}

/** The audit: every database with its findings, diagnosis and pending revisions (db/audit.ts). */
export function buildAuditReport(
  facts: readonly DbFacts[],
  graph: DbGraphView | undefined,
  policy: PolicyDocument,
  rules: readonly AnyRule[],
  now = new Date(),
): AuditReport {
  return auditReportOf(facts, graph, judgedFindings(facts, graph, policy, rules, now), historyToolOf(policy));
}
