import { describe, expect, it } from 'vitest';
import {
  autoMigrationsDisabled,
  autoMigrationsDisabledRule,
} from '../../src/rules/database/DB006-auto-migrations-disabled.js';
import { policyDoc } from './fixtures-db.js';

// DB006, which the guard runs over its own environment: the finding whole, at `migrations:`.
const message = (value: string) =>
  `DISABLE_AUTO_MIGRATIONS=${value}: the deploy will skip \`alembic upgrade head\`, so pending migrations are not applied; apply them by hand and remove the flag once the issue is resolved.`;
const MIGRATIONS_KEY = { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } };

describe('DB006 (DISABLE_AUTO_MIGRATIONS)', () => {
  it("a warning at the policy's migrations key, naming the value", () => {
    expect(autoMigrationsDisabled(policyDoc(), 'true')).toEqual([
      {
        rule: 'DB006',
        severity: 'warning',
        message: message('true'),
        file: 'slipway.yaml',
        range: MIGRATIONS_KEY,
      },
    ]);
  });

  it("the policy's rules: override applies: an error, or nothing when off", () => {
    const withRules = (setting: string) =>
      policyDoc(`version: 1\nmigrations:\n  alembic: alembic/versions\nrules: { DB006: ${setting} }\n`);
    expect(autoMigrationsDisabled(withRules('error'), '1')).toEqual([
      {
        rule: 'DB006',
        severity: 'error',
        message: message('1'),
        file: 'slipway.yaml',
        range: MIGRATIONS_KEY,
      },
    ]);
    expect(autoMigrationsDisabled(withRules('off'), '1')).toEqual([]);
  });

  it('nothing without the variable', () => {
    expect(
      autoMigrationsDisabledRule.check({ policy: policyDoc(), disableAutoMigrations: undefined }),
    ).toEqual([]);
  });
});
