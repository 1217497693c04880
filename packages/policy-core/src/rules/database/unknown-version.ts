import { type DbAuditInput, type DbHit, dbHit } from '../../db/audit-input.js';
import type { RuleMeta } from '../rule.js';

export const unknownVersionRule: RuleMeta = {
  id: 'DB002',
  family: 'DB',
  defaultSeverity: 'error',
  title: 'database at a revision the repository does not know',
  description:
    'The `alembic_version` of the database names a revision that no migration in the repository ' +
    'defines: it was migrated from another branch, a deleted or renamed migration, or a different ' +
    'project. `alembic upgrade` will fail ("Can\'t locate revision"). Find the migration that ' +
    'produced it (`git log -S <rev>`), restore it or merge that branch; do not force-stamp the ' +
    'database to another revision without knowing what schema it has.',
};

/** DB002: a recorded revision is missing from the repository's graph. */
export function unknownVersion(input: DbAuditInput): DbHit[] {
  const graph = input.graph;
  if (!graph) return [];
  const hits: DbHit[] = [];
  for (const db of input.databases) {
    if (!db.alembic.present) continue;
    for (const rev of db.alembic.versions) {
      if (graph.has(rev)) continue;
      hits.push(
        dbHit(
          input,
          unknownVersionRule,
          [db.name],
          `Database ${db.name} is at revision ${rev}, which no migration in the repository defines; find where it came from (\`git log -S ${rev}\`) before migrating it.`,
        ),
      );
    }
  }
  return hits;
}
