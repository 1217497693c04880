import { type DbAuditInput, dbFinding } from '../../db/audit-input.js';
import { type DbFacts, postgresMajor } from '../../db/db-facts.js';
import type { Finding, RelatedLocation } from '../../finding.js';
import { DEFAULT_POSTGRES_VERSION } from '../../policy/schema/migrations.js';
import type { Rule } from '../../rule.js';
import { DATABASE_AUDIT_RULE } from './facts/audit-rule.js';
import { databasesExample, dbSuppressDocs } from './facts/examples.js';

/**
 * What the rules take as true from a PostgreSQL major version on (MIG028, MIG023 and the fixes
 * read `postgres_version`): a server older than the policy says lacks each truth whose version
 * lies above its own, so the finding names exactly those.
 */
const VERSION_TRUTHS: readonly { since: number; truth: string }[] = [
  { since: 11, truth: 'adding a column with a constant default rewrites the whole table (MIG028)' },
  { since: 12, truth: '`ALTER TYPE … ADD VALUE` fails inside a transaction block (MIG045)' },
  {
    since: 12,
    truth: '`SET NOT NULL` scans the table even with a validated `CHECK (c IS NOT NULL)` (MIG023)',
  },
];

export const postgresVersionDiffersRule: Rule<DbAuditInput> = {
  id: 'DB007',
  name: 'postgres-version-differs',
  ...DATABASE_AUDIT_RULE,
  defaultSeverity: 'warning',
  examplesNotRun: 'needs a database',
  title: "database's PostgreSQL version differs from the policy's postgres_version",
  docs: {
    what:
      "A database's PostgreSQL major version (its `server_version_num`) is not the one the policy's " +
      `\`migrations.postgres_version\` names (${DEFAULT_POSTGRES_VERSION} when the policy does not set it). ` +
      'An older server is a warning; a newer one is information where the policy names a version (a newer ' +
      'server than the default, the oldest one the PostgreSQL project supports, is not reported). A server ' +
      'whose version cannot be read is said too.',
    why:
      'Some lock rules are true only from a version on: before PostgreSQL 11 a constant column default ' +
      'rewrites the table, before 12 `ALTER TYPE … ADD VALUE` fails inside a transaction and `SET NOT NULL` ' +
      'cannot use a validated CHECK constraint. A policy that names a newer version than production runs ' +
      'lets migrations through that lock or fail there. One that names an older version only asks for ' +
      'precautions the server no longer needs.',
    fix:
      'Set `migrations.postgres_version` to the oldest major version any of your databases runs (the ' +
      'finding names it). A newer database is fine when another environment still runs the older version.',
    suppress: dbSuppressDocs('DB007'),
    examples: [
      databasesExample('flagged', 'prod runs PostgreSQL 10: constant defaults rewrite tables there', 12),
      databasesExample('fine', 'dev and prod run PostgreSQL 15', 15),
    ],
  },
  check: (input) => postgresVersionDiffers(input),
};

/** The policy's major version and where it is written (absent: the default, no line to point at). */
function policyVersion(input: DbAuditInput): { version: number; related: RelatedLocation[] } {
  const set = input.policy.policy.migrations?.postgres_version;
  if (set === undefined) return { version: DEFAULT_POSTGRES_VERSION, related: [] };
  const range = input.policy.locate(['migrations', 'postgres_version'], 'value');
  return {
    version: set,
    related: [{ file: input.policy.file, range, message: `the policy says postgres_version: ${set}` }],
  };
}

/** DB007: each database whose server version is not the policy's, or could not be read. */
export function postgresVersionDiffers(input: DbAuditInput): Finding[] {
  const { version, related } = policyVersion(input);
  const said =
    related.length > 0
      ? `migrations.postgres_version: ${version}`
      : `the default postgres_version ${version}`;
  return input.databases.flatMap((db) => {
    const message = versionMessage(db, version, said, related.length === 0);
    if (!message) return [];
    const finding = dbFinding(input, postgresVersionDiffersRule, [db.name], message.text, related);
    return [{ ...finding, severity: message.severity }];
  });
}

function versionMessage(
  db: DbFacts,
  policy: number,
  said: string,
  byDefault: boolean,
): { text: string; severity: Finding['severity'] } | undefined {
  const v = db.serverVersion;
  if (v === undefined) return undefined;
  if ('unreadable' in v) {
    return {
      severity: 'info',
      text: `Database ${db.name} (${db.database}): its PostgreSQL version could not be read (${v.unreadable}), so it was not compared with ${said}; check that the server is PostgreSQL and that this user may read server_version_num.`,
    };
  }
  const shown = postgresMajor(v.num);
  // The policy holds a whole number: 9.6 and 9.5 are both `postgres_version: 9`.
  const major = Math.floor(shown);
  if (major === policy) return undefined;
  // Stryker disable next-line EqualityOperator: an equal version returned on the line above, so '<' and '<=' agree here
  if (major < policy) {
    const lost = VERSION_TRUTHS.filter((t) => major < t.since && t.since <= policy).map((t) => t.truth);
    const changes =
      lost.length > 0
        ? `on it ${lost.join('; ')}, which the rules judged as not so`
        : `no truth the rules use today changes between ${major} and ${policy}, but the rules judge for a newer server than this one`;
    return {
      severity: 'warning',
      text: `Database ${db.name} (${db.database}) runs PostgreSQL ${shown}, older than ${said}: ${changes}; set \`migrations.postgres_version: ${major}\`.`,
    };
  }
  // The default is the oldest version the PostgreSQL project supports: a newer server is the
  // common case, and a policy that never named a version has nothing to correct.
  if (byDefault) return undefined;
  return {
    severity: 'info',
    text: `Database ${db.name} (${db.database}) runs PostgreSQL ${shown}, newer than ${said}: the rules judge for an older server than this one; fine if another environment still runs PostgreSQL ${policy}, else set \`migrations.postgres_version: ${major}\`.`,
  };
}
