/**
 * What every rule of the database audit (DB001–DB005) is, written once: it judges the databases
 * `slipway db audit` and the guard read (`database-audit` facts), so no fixture case can hold
 * them, and no comment in a file can lift its findings.
 */
export const DATABASE_AUDIT_RULE = {
  family: 'DB',
  facts: 'database-audit',
  // A finding about a live database, not about a line: the policy's `rules:` severity says what it weighs.
  suppressible: false,
  withoutFixtures: 'needs a database: db/audit.test.ts',
} as const;
