import type { Finding, RelatedLocation } from '../finding.js';
import type { PolicyDocument } from '../policy/document.js';
import type { RuleMeta } from '../rule-meta.js';
import type { DbFacts } from './db-facts.js';
import type { DbGraphView } from './graph-view.js';
import type { HistoryTool } from './recorded-history.js';

/** Everything the DB rules read: the databases' facts, the repository's graph and the policy. */
export interface DbAuditInput {
  databases: readonly DbFacts[];
  /** The repository's revision graph; absent when no Alembic tree is configured or readable. */
  graph?: DbGraphView;
  policy: PolicyDocument;
  /** Whose record the databases are judged by: Alembic's `alembic_version` or Django's `django_migrations`. */
  tool: HistoryTool;
}

/** The policy path of a configured database (findings about it point at that line). */
export function databasePolicyPath(name: string): (string | number)[] {
  return ['migrations', 'databases', name];
}

/** A DB rule's finding about `databases`, at the first one's line of the policy. */
export function dbFinding(
  input: DbAuditInput,
  meta: RuleMeta,
  databases: string[],
  message: string,
  related: RelatedLocation[] = [],
): Finding {
  const doc = input.policy;
  const finding: Finding = {
    rule: meta.id,
    severity: meta.defaultSeverity,
    message,
    file: doc.file,
    range: doc.locate(databasePolicyPath(databases[0]!), 'key'),
  };
  if (related.length > 0) finding.related = related;
  finding.databases = databases;
  return finding;
}

/** The database others are compared with: `dev` when configured, else the first one. */
export function referenceDatabase(dbs: readonly DbFacts[]): DbFacts | undefined {
  return dbs.find((d) => d.name === 'dev') ?? dbs[0];
}

/** "a, b, c and 4 more": names in a message stay readable however many there are. */
export function nameList(names: readonly string[], max = 12): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
