import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ruleSourcePath } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { BR_RULES } from '../../../src/rules/branches/rules.generated.js';

/** A rule's name is its file's: `BR001-agent-commit-on-production.ts` (registry.test.ts, for every family). */
describe('BR rules and their files', () => {
  const SRC_RULES = join(import.meta.dirname, '../../../src/rules');
  for (const rule of BR_RULES)
    it(`${rule.id} lives in src/rules/${ruleSourcePath(rule)}`, () => {
      expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(existsSync(join(SRC_RULES, ruleSourcePath(rule)))).toBe(true);
    });
});
