import { type DbAuditInput, dbFinding } from '../../db/audit-input.js';
import type { DbFacts } from '../../db/db-facts.js';
import type { RecordedHistory } from '../../db/recorded-history.js';
import type { Rule } from '../../rule.js';
import { DATABASE_AUDIT_RULE } from './facts/audit-rule.js';
import { databasesExample, dbSuppressDocs } from './facts/examples.js';
import { databaseHistories } from './facts/tracked-databases.js';

export const alembicVersionMissingRule: Rule<DbAuditInput> = {
  id: 'DB001',
  name: 'alembic-version-missing',
  ...DATABASE_AUDIT_RULE,
  defaultSeverity: 'error',
  examplesNotRun: 'needs a database',
  title: 'database not tracked by its migration tool (alembic_version or django_migrations missing)',
  docs: {
    what:
      'A database has no `alembic_version` table (or an empty one): it is not tracked by the migration ' +
      "history. For a policy whose migrations are Django apps, the table is Django's `django_migrations`. " +
      '`slipway db audit` reports such a database as MISSING.',
    why:
      'Alembic (or `manage.py migrate`), or a platform that diffs schemas, will try to recreate such a ' +
      'database from the empty baseline and may plan `DROP TABLE` for every existing table, or fail on ' +
      'every `CREATE TABLE`.',
    fix:
      'Alembic: stamp it once at the baseline with `slipway db stamp-baseline --db NAME` (idempotent, never ' +
      'drops anything). Django: record the migrations its schema already has with `python manage.py migrate ' +
      '--fake APP MIGRATION` for each app. Then re-run the audit.',
    suppress: dbSuppressDocs('DB001'),
    examples: [
      databasesExample('flagged', 'prod has the tables users and invoices but no alembic_version table'),
      databasesExample('fine', 'prod was stamped once: its alembic_version holds 5a9d6371e18c, the baseline'),
    ],
  },
  check: (input) =>
    databaseHistories(input).flatMap(({ db, history }) => {
      const what = untracked(db, history);
      if (what === undefined) return [];
      const message =
        history.tool === 'django'
          ? `Database ${db.name} (${db.database}) ${what}: it is not tracked by Django's migrations; record what its schema already has with \`python manage.py migrate --fake <app> <migration>\` for each app, then re-run the audit.`
          : `Database ${db.name} (${db.database}) ${what}: it is not tracked by Alembic; stamp it at the baseline with \`slipway db stamp-baseline --db ${db.name}\`.`;
      return [dbFinding(input, alembicVersionMissingRule, [db.name], message)];
    }),
};

/** How a database shows that it records no migration at all; undefined when it records one. */
function untracked(db: DbFacts, history: RecordedHistory): string | undefined {
  const table = history.table.slice(history.table.lastIndexOf('.') + 1);
  if (!db.schemaExists) return `has no schema "${db.schema}", so no ${table} table`;
  if (!history.present) return `has no ${history.table} table`;
  if (history.rows === 0) return `has an empty ${history.table} table`;
  return undefined;
}
