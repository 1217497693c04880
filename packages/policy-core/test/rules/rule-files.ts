import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type AnyRule, ruleSourcePath } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const SRC_RULES = join(import.meta.dirname, '../../src/rules');

/**
 * A rule's name is its file's: `BR001-agent-commit-on-production.ts` (registry.test.ts checks every
 * family's; this, beside a family's own tests, its rules').
 */
export function describeRuleFiles(family: string, rules: readonly AnyRule[]): void {
  describe(`${family} rules and their files`, () => {
    for (const rule of rules)
      it(`${rule.id} lives in src/rules/${ruleSourcePath(rule)}`, () => {
        expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(existsSync(join(SRC_RULES, ruleSourcePath(rule)))).toBe(true);
      });
  });
}
