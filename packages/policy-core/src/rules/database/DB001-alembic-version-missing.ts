import { type DbAuditInput, dbFinding } from '../../db/audit-input.js';
import type { DbFacts } from '../../db/db-facts.js';
import type { Rule } from '../../rule.js';
import { DATABASE_AUDIT_RULE } from './facts/audit-rule.js';
import { databasesExample, dbSuppressDocs } from './facts/examples.js';

export const alembicVersionMissingRule: Rule<DbAuditInput> = {
  id: 'DB001',
  name: 'alembic-version-missing',
  ...DATABASE_AUDIT_RULE,
  defaultSeverity: 'error',
  examplesNotRun: 'needs a database',
  title: 'database not tracked by Alembic (alembic_version missing)',
  docs: {
    what:
      'A database has no `alembic_version` table (or an empty one): it is not tracked by the migration ' +
      'history. `slipway db audit` reports such a database as MISSING.',
    why:
      'Alembic, or a platform that diffs schemas, will try to recreate such a database from the empty ' +
      'baseline and may plan `DROP TABLE` for every existing table.',
    fix:
      'Stamp it once at the baseline with `slipway db stamp-baseline --db NAME` (idempotent, never ' +
      'drops anything) and re-run the audit.',
    suppress: dbSuppressDocs('DB001'),
    examples: [
      databasesExample('flagged', 'prod has the tables users and invoices but no alembic_version table'),
      databasesExample('fine', 'prod was stamped once: its alembic_version holds 5a9d6371e18c, the baseline'),
    ],
  },
  check: (input) =>
    input.databases.flatMap((db) => {
      const what = untracked(db);
      if (what === undefined) return [];
      const fix = `stamp it at the baseline with \`slipway db stamp-baseline --db ${db.name}\``;
      const message = `Database ${db.name} (${db.database}) ${what}: it is not tracked by Alembic; ${fix}.`;
      return [dbFinding(input, alembicVersionMissingRule, [db.name], message)];
    }),
};

/** How a database shows that it records no revision at all; undefined when it records one. */
function untracked(db: DbFacts): string | undefined {
  if (!db.schemaExists) return `has no schema "${db.schema}", so no alembic_version table`;
  if (!db.alembic.present) return `has no ${db.schema}.alembic_version table`;
  if (db.alembic.versions.length === 0) return `has an empty ${db.schema}.alembic_version table`;
  return undefined;
}
