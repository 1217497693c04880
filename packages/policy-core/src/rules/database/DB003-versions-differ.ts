import type { Finding } from '../../finding.js';
import { type DbAuditInput, dbFinding, databasePolicyPath, referenceDatabase } from '../../db/audit-input.js';
import type { Rule } from '../../rule.js';
import { DATABASE_AUDIT_RULE } from './facts/audit-rule.js';
import { databasesExample, dbSuppressDocs } from './facts/examples.js';
import { databaseHistories } from './facts/tracked-databases.js';

export const versionsDifferRule: Rule<DbAuditInput> = {
  id: 'DB003',
  name: 'versions-differ',
  ...DATABASE_AUDIT_RULE,
  defaultSeverity: 'warning',
  examplesNotRun: 'needs databases',
  title: 'databases at different revisions',
  docs: {
    what:
      'Development and production (or any configured database and the reference one, `dev`) record ' +
      'different `alembic_version` revisions (for Django apps: different latest applied migrations in ' +
      '`django_migrations`), so what was tested is not what production runs.',
    why:
      'Usually production is behind and the next deploy applies the pending migrations (see DB004); if ' +
      'production is ahead, development is missing migrations.',
    fix: 'Bring both to head before publishing.',
    suppress: dbSuppressDocs('DB003'),
    examples: [
      databasesExample('flagged', 'dev is at 7d1e4a9b2c3f (head), prod at 9f8e7d6c5b4a'),
      databasesExample('fine', 'dev and prod are both at 7d1e4a9b2c3f'),
    ],
  },
  check: (input) => versionsDiffer(input),
};

const show = (versions: readonly string[]) => [...versions].sort().join('+');

/** DB003: two tracked databases record different revisions (Django: different latest migrations of an app). */
export function versionsDiffer(input: DbAuditInput): Finding[] {
  const all = databaseHistories(input);
  const ref = referenceDatabase(input.databases);
  const refHistory = all.find((h) => h.db === ref)?.history;
  if (!ref || !refHistory || refHistory.positions.length === 0) return [];
  const findings: Finding[] = [];
  for (const { db, history } of all) {
    // Stryker disable next-line ConditionalExpression: the reference database compared with itself records the same positions, so the next line passes over it too
    if (db === ref || history.positions.length === 0) continue;
    if (show(history.positions) === show(refHistory.positions)) continue;
    findings.push(
      dbFinding(
        input,
        versionsDifferRule,
        [db.name, ref.name],
        `Database ${db.name} is at ${show(history.positions)} but ${ref.name} is at ${show(refHistory.positions)}; migrate both to head before publishing.`,
        [
          {
            file: input.policy.file,
            range: input.policy.locate(databasePolicyPath(ref.name), 'key'),
            message: `${ref.name} is at ${show(refHistory.positions)}`,
          },
        ],
      ),
    );
  }
  return findings;
}
