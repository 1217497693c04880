import { type DbAuditInput, type DbHit, dbHit } from '../../db/audit-input.js';
import { overlappingVersions } from '../../db/graph-view.js';
import type { RuleMeta } from '../rule.js';

export const unknownVersionRule: RuleMeta = {
  id: 'DB002',
  family: 'DB',
  defaultSeverity: 'error',
  title: "database in a version state the repository's revision graph does not accept",
  description:
    'The `alembic_version` of the database records a state Alembic cannot migrate from. Either it ' +
    'names a revision that no migration in the repository defines (migrated from another branch, a ' +
    'deleted or renamed migration, or a different project; `alembic upgrade` fails with "Can\'t ' +
    'locate revision"): find the migration that produced it (`git log -S <rev>`), restore it or ' +
    'merge that branch. Or it holds two rows of which one is an ancestor of the other (each row ' +
    'must be a distinct branch head; Alembic fails with "overlaps with other requested ' +
    'revisions"): find out which one matches the schema and delete the other row by hand. In ' +
    'both cases do not force-stamp the database without knowing what schema it has.',
};

/** DB002: a recorded revision is missing from the repository's graph, or two recorded revisions overlap. */
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
    for (const [ancestor, descendant] of overlappingVersions(graph, db.alembic.versions)) {
      hits.push(
        dbHit(
          input,
          unknownVersionRule,
          [db.name],
          `Database ${db.name} records both ${ancestor} and its descendant ${descendant} in alembic_version; Alembic refuses overlapping revisions: keep the row that matches the schema and delete the other.`,
        ),
      );
    }
  }
  return hits;
}
