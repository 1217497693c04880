import {
  type DbAuditInput,
  type DbHit,
  dbHit,
  databasePolicyPath,
  referenceDatabase,
} from '../../db/audit-input.js';
import type { RuleMeta } from '../rule.js';

export const versionsDifferRule: RuleMeta = {
  id: 'DB003',
  family: 'DB',
  defaultSeverity: 'warning',
  title: 'databases at different revisions',
  description:
    'Development and production (or any configured database and the reference one, `dev`) record ' +
    'different `alembic_version` revisions, so what was tested is not what production runs. ' +
    'Usually production is behind and the next deploy applies the pending migrations (see DB004); ' +
    'if production is ahead, development is missing migrations. Bring both to head before publishing.',
};

const show = (versions: readonly string[]) => [...versions].sort().join('+');

/** DB003: two tracked databases record different revisions. */
export function versionsDiffer(input: DbAuditInput): DbHit[] {
  const ref = referenceDatabase(input.databases);
  if (!ref?.alembic.present || ref.alembic.versions.length === 0) return [];
  const hits: DbHit[] = [];
  for (const db of input.databases) {
    if (db === ref || !db.alembic.present || db.alembic.versions.length === 0) continue;
    if (show(db.alembic.versions) === show(ref.alembic.versions)) continue;
    hits.push(
      dbHit(
        input,
        versionsDifferRule,
        [db.name, ref.name],
        `Database ${db.name} is at ${show(db.alembic.versions)} but ${ref.name} is at ${show(ref.alembic.versions)}; migrate both to head before publishing.`,
        [
          {
            file: input.policy.file,
            range: input.policy.locate(databasePolicyPath(ref.name), 'key'),
            message: `${ref.name} is at ${show(ref.alembic.versions)}`,
          },
        ],
      ),
    );
  }
  return hits;
}
