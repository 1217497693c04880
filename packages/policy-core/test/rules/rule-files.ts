import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type AnyRule, ruleSourcePath } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

const SRC_RULES = join(import.meta.dirname, '../../src/rules');
const TEST = join(import.meta.dirname, '..');

/**
 * A rule's name is its file's: `BR001-agent-commit-on-production.ts` (registry.test.ts checks every
 * family's; this, beside a family's own tests, its rules'). A rule whose doc examples are not run
 * says what they need, and one without fixture cases names the tests that stand in for them.
 */
export function describeRuleFiles(family: string, rules: readonly AnyRule[]): void {
  describe(`${family} rules and their files`, () => {
    for (const rule of rules)
      it(`${rule.id} lives in src/rules/${ruleSourcePath(rule)}`, () => {
        expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(existsSync(join(SRC_RULES, ruleSourcePath(rule)))).toBe(true);
      });
    for (const rule of rules.filter((r) => r.examplesNotRun !== undefined))
      it(`${rule.id} says what its doc examples need that a test run lacks`, () => {
        expect(rule.examplesNotRun).toMatch(/^needs \S/);
      });
    for (const rule of rules.filter((r) => r.withoutFixtures !== undefined))
      it(`${rule.id} names the tests that stand in for its fixture cases, and they exist`, () => {
        const named = rule.withoutFixtures?.match(/[\w./*-]+\.test\.ts/g) ?? [];
        expect(named, `${rule.id}: ${rule.withoutFixtures}`).not.toEqual([]);
        for (const path of named) expect(testsAt(path), `${rule.id}: ${path}`).not.toEqual([]);
      });
  });
}

/** The test files a path of test/ names (its last part may hold a `*`). */
function testsAt(path: string): string[] {
  const dir = join(TEST, dirname(path));
  if (!existsSync(dir)) return [];
  const name = new RegExp(`^${basename(path).replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`);
  return readdirSync(dir).filter((f) => name.test(f));
}
