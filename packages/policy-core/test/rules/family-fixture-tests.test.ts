import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILY_DIRS, type RuleFamilyId } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const TEST_RULES = import.meta.dirname;

/**
 * Every family with fixture cases runs them beside its own tests (describeFamilyFixtures): a
 * mutation run of a family's folder is judged by its folder's tests, not by every family's
 * fixture-snapshots.test.ts, so a family without that file would have its rules judged without
 * their fixture cases.
 */
describe('family fixture tests', () => {
  const families = Object.entries(FAMILY_DIRS) as [RuleFamilyId, string][];
  it.each(families.filter(([, dir]) => existsSync(join(TEST_RULES, dir, 'fixtures'))))(
    '%s runs its fixture cases in its own folder',
    (family, dir) => {
      const callers = readdirSync(join(TEST_RULES, dir))
        .filter((name) => name.endsWith('.test.ts'))
        .filter((name) =>
          readFileSync(join(TEST_RULES, dir, name), 'utf8').includes(`describeFamilyFixtures('${family}'`),
        );
      expect(
        callers,
        `test/rules/${dir}/ has no test calling describeFamilyFixtures('${family}', …)`,
      ).toHaveLength(1);
    },
  );
});
