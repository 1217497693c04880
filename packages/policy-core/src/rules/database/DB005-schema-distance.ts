import type { Finding } from '../../finding.js';
import { type DbAuditInput, dbFinding, nameList, referenceDatabase } from '../../db/audit-input.js';
import type { Rule } from '../../rule.js';
import { DATABASE_AUDIT_RULE } from './facts/audit-rule.js';
import { databasesExample, dbSuppressDocs } from './facts/examples.js';

export const schemaDistanceRule: Rule<DbAuditInput> = {
  id: 'DB005',
  name: 'schema-distance',
  ...DATABASE_AUDIT_RULE,
  defaultSeverity: 'warning',
  examplesNotRun: 'needs a database',
  title: 'schema distance between databases (tables differ)',
  docs: {
    what:
      'The audited schema of a database has tables the reference database (`dev`) lacks, or lacks ' +
      'tables it has.',
    why:
      'A table created by hand (outside Alembic) or a migration applied to one side only causes this; ' +
      'a platform that diffs the two schemas will propose to DROP what production has extra. The ' +
      'finding names the tables, not only how many differ.',
    fix: 'Move the change into a migration and apply it to both.',
    suppress: dbSuppressDocs('DB005'),
    examples: [
      databasesExample('flagged', 'prod has a table report_cache, created by hand, that dev lacks'),
      databasesExample('fine', 'dev and prod have the same tables'),
    ],
  },
  check: (input) => schemaDistance(input),
};

/** DB005: the table sets of a database and the reference database differ. */
export function schemaDistance(input: DbAuditInput): Finding[] {
  const ref = referenceDatabase(input.databases);
  if (!ref?.schemaExists) return [];
  const findings: Finding[] = [];
  const refTables = new Set(ref.tables);
  for (const db of input.databases) {
    // Stryker disable next-line ConditionalExpression: the reference database compared with itself has no table the other lacks (distance 0), so it is passed over below too
    if (db === ref || !db.schemaExists) continue; // a missing schema is DB001's
    const tables = new Set(db.tables);
    const onlyHere = db.tables.filter((t) => !refTables.has(t));
    const onlyRef = ref.tables.filter((t) => !tables.has(t));
    const distance = onlyHere.length + onlyRef.length;
    if (distance === 0) continue;
    const parts: string[] = [];
    if (onlyHere.length > 0) parts.push(`only in ${db.name}: ${nameList(onlyHere)}`);
    if (onlyRef.length > 0) parts.push(`only in ${ref.name}: ${nameList(onlyRef)}`);
    findings.push(
      dbFinding(
        input,
        schemaDistanceRule,
        [db.name, ref.name],
        `Schema ${db.schema} of ${db.name} differs from ${ref.name} by ${distance} ${distance === 1 ? 'table' : 'tables'} (${parts.join('; ')}); make the change a migration and apply it to both.`,
      ),
    );
  }
  return findings;
}
