import type { Finding } from '../../finding.js';
import type { PolicyDocument } from '../../policy/document.js';
import { applySeverityOverrides } from '../../severity-overrides.js';
import type { Rule } from '../../rule.js';
import { databasesExample, dbSuppressDocs } from './facts/examples.js';

/** What DB006 reads: the guard's environment variable (this package reads none itself). */
export interface DeployEnvironmentRun {
  policy: PolicyDocument;
  /** The value of DISABLE_AUTO_MIGRATIONS when it is a true value; undefined otherwise. */
  disableAutoMigrations: string | undefined;
}

/**
 * DB006: the finding points at the policy's `migrations:` key, the line that asks for migration
 * checks. The guard applies the policy's `rules:` override (see `db/auto-migrations.ts`).
 */
export const autoMigrationsDisabledRule: Rule<DeployEnvironmentRun> = {
  id: 'DB006',
  name: 'auto-migrations-disabled',
  family: 'DB',
  // Stryker disable next-line StringLiteral: the DB family runs only its 'database-audit' rules (one-run-family.ts) and the guard calls DB006 itself (autoMigrationsDisabled), so no runner dispatches on this name
  facts: 'deploy-environment',
  defaultSeverity: 'warning',
  // A finding about a live database, not about a line: the policy's `rules:` severity says what it weighs.
  suppressible: false,
  examplesNotRun: 'needs the guard environment and a database',
  withoutFixtures: 'needs the guard environment: db/auto-migrations-rule.test.ts',
  title: 'automatic migrations disabled on deploy (DISABLE_AUTO_MIGRATIONS)',
  docs: {
    what:
      'The guard ran with `DISABLE_AUTO_MIGRATIONS` set to a true value, so the deploy skips `alembic ' +
      'upgrade head`.',
    why:
      'Migrations merged since the last deploy are not applied and the new code may run against an ' +
      'older schema. It is a switch for an incident, not a way of working.',
    fix:
      'Apply the pending migrations by hand, then remove the flag. The guard reads the variable from ' +
      'its own environment, so set it where the guard runs too.',
    suppress: dbSuppressDocs('DB006', false),
    examples: [
      databasesExample('flagged', 'the guard runs with DISABLE_AUTO_MIGRATIONS=1 in its environment'),
      databasesExample('fine', 'the guard runs without DISABLE_AUTO_MIGRATIONS (or with it set to 0)'),
    ],
  },
  check: ({ policy, disableAutoMigrations: value }) =>
    value === undefined
      ? []
      : [
          {
            rule: 'DB006',
            severity: 'warning',
            message: `DISABLE_AUTO_MIGRATIONS=${value}: the deploy will skip \`alembic upgrade head\`, so pending migrations are not applied; apply them by hand and remove the flag once the issue is resolved.`,
            file: policy.file,
            range: policy.locate(['migrations'], 'key'),
          },
        ],
};

/**
 * DB006 for the guard, which reads the environment (this package does not), with the policy's
 * `rules:` override applied. `value` is DISABLE_AUTO_MIGRATIONS' (true) value.
 */
export function autoMigrationsDisabled(policy: PolicyDocument, value: string): Finding[] {
  const found = autoMigrationsDisabledRule.check({ policy, disableAutoMigrations: value });
  return applySeverityOverrides(found, policy.policy.rules);
}
