import type { Finding } from '../../finding.js';
import { type DbAuditInput, dbFinding } from '../../db/audit-input.js';
import type { Rule } from '../../rule.js';
import { DATABASE_AUDIT_RULE } from './facts/audit-rule.js';
import { databasesExample, dbSuppressDocs } from './facts/examples.js';
import { trackedDatabases } from './facts/tracked-databases.js';

export const unknownVersionRule: Rule<DbAuditInput> = {
  id: 'DB002',
  name: 'unknown-version',
  ...DATABASE_AUDIT_RULE,
  defaultSeverity: 'error',
  examplesNotRun: 'needs a database',
  title: "database in a version state the repository's revision graph does not accept",
  docs: {
    what:
      "The database's `alembic_version` records a state Alembic cannot migrate from: a revision no " +
      'migration in the repository defines, or two rows of which one is an ancestor of the other. For Django ' +
      "apps, `django_migrations` records a migration of an app the policy covers that the app's migrations " +
      'folder neither has nor replaces (a squash counts as applied when everything it replaces is), or a ' +
      'migration applied before one of its dependencies.',
    why:
      'An unknown revision (migrated from another branch, a deleted or renamed migration, another ' +
      'project) makes `alembic upgrade` fail with "Can\'t locate revision"; overlapping rows (each row ' +
      'must be a distinct branch head) make it fail with "overlaps with other requested revisions". The ' +
      'deploy stops either way. Django refuses such a history too (InconsistentMigrationHistory), or migrates ' +
      'a schema the repository no longer describes.',
    fix:
      'For an unknown revision, find the migration that produced it (`git log -S <rev>`) and restore it ' +
      'or merge that branch. For overlapping rows, find out which one matches the schema and delete the ' +
      'other row by hand. Do not force-stamp the database without knowing what schema it has.',
    suppress: dbSuppressDocs('DB002'),
    examples: [
      databasesExample(
        'flagged',
        "prod's alembic_version holds 0c4d7e1f9a2b, a revision only a deleted branch defined",
      ),
      databasesExample('fine', "prod's alembic_version holds 9f8e7d6c5b4a, a revision of alembic/versions"),
    ],
  },
  check: (input) => unknownVersion(input),
};

/** DB002: a recorded migration is missing from the repository's graph, or the record is one the tool refuses. */
export function unknownVersion(input: DbAuditInput): Finding[] {
  return trackedDatabases(input).flatMap(({ db, history }) => {
    const django = history.tool === 'django';
    const unknown = history.unknown.map((rev) =>
      dbFinding(
        input,
        unknownVersionRule,
        [db.name],
        django
          ? `Database ${db.name} records ${rev} in ${history.table}, a migration the repository's ${rev.slice(0, rev.indexOf('.'))} app neither has nor replaces; find where it came from (\`git log -S ${rev.slice(rev.indexOf('.') + 1)}\`) before migrating it.`
          : `Database ${db.name} is at revision ${rev}, which no migration in the repository defines; find where it came from (\`git log -S ${rev}\`) before migrating it.`,
      ),
    );
    const conflicts = history.conflicts.map(([a, b]) =>
      dbFinding(
        input,
        unknownVersionRule,
        [db.name],
        django
          ? `Database ${db.name} records ${a} as applied in ${history.table} but not its dependency ${b}; Django refuses this history (InconsistentMigrationHistory): find out which matches the schema and correct the rows.`
          : `Database ${db.name} records both ${a} and its descendant ${b} in alembic_version; Alembic refuses overlapping revisions: keep the row that matches the schema and delete the other.`,
      ),
    );
    return [...unknown, ...conflicts];
  });
}
