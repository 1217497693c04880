import { type DbAuditInput, dbFinding, nameList } from '../../db/audit-input.js';
import { type Finding, ZERO_RANGE, type RelatedLocation } from '../../finding.js';
import type { Rule } from '../../rule.js';
import { DATABASE_AUDIT_RULE } from './facts/audit-rule.js';
import { databasesExample, dbSuppressDocs } from './facts/examples.js';
import { trackedDatabases } from './facts/tracked-databases.js';

export const behindHeadRule: Rule<DbAuditInput> = {
  id: 'DB004',
  name: 'behind-head',
  ...DATABASE_AUDIT_RULE,
  defaultSeverity: 'warning',
  examplesNotRun: 'needs a database',
  title: 'database behind head (pending migrations)',
  docs: {
    what:
      'The database records a revision the repository knows, but the graph has revisions after it. The ' +
      'finding lists the pending revisions in the order Alembic applies them. For Django apps: migrations of ' +
      'the apps the policy covers that `django_migrations` does not record (a squash stands for what it replaces).',
    why:
      'The next `alembic upgrade head` (a deploy script usually runs it) will apply them to this ' +
      'database, unreviewed if nobody looked.',
    fix:
      'Review the pending revisions (and their MIG findings) before publishing, or apply them to ' +
      'development first.',
    suppress: dbSuppressDocs('DB004'),
    examples: [
      databasesExample('flagged', 'prod is at 9f8e7d6c5b4a; alembic/versions has 7d1e4a9b2c3f after it'),
      databasesExample('fine', 'prod is at 7d1e4a9b2c3f, the head of alembic/versions'),
    ],
  },
  check: (input) => behindHead(input),
};

/** DB004: the database is tracked, every recorded migration is known, and some are pending. */
export function behindHead(input: DbAuditInput): Finding[] {
  const findings: Finding[] = [];
  const graph = input.graph;
  for (const { db, history } of trackedDatabases(input)) {
    // Stryker disable next-line ConditionalExpression: recordedHistory leaves `pending` empty whenever a revision is unknown, so the next line passes over it too
    if (!graph || history.unknown.length > 0) continue; // DB002 says more
    const pending = history.pending;
    if (pending.length === 0) continue;
    const django = history.tool === 'django';
    const related: RelatedLocation[] = [];
    for (const rev of pending) {
      const file = graph.fileOf(rev);
      const range = graph.revisionRange?.(rev) ?? ZERO_RANGE;
      if (file) related.push({ file, range, message: `pending ${django ? 'migration' : 'revision'} ${rev}` });
    }
    const unit = django ? 'migration' : 'revision';
    const count = pending.length === 1 ? `1 ${unit}` : `${pending.length} ${unit}s`;
    const run = django ? '`python manage.py migrate`' : '`alembic upgrade head`';
    findings.push(
      dbFinding(
        input,
        behindHeadRule,
        [db.name],
        `Database ${db.name} is ${count} behind head (${nameList(history.heads)}): pending ${nameList(pending)}; review them and run ${run}.`,
        related,
      ),
    );
  }
  return findings;
}
