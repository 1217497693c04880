import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rulesOf } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeOfCase, FIXTURE_CASE_CHANGE } from '../fixture-case.js';
import { expectedMarkers, FIXTURES, findingKeys, readTree, ready, runMig } from './mig-test-helpers.js';

/**
 * Every fixture case is a small repository. Lines marked `# expect: MIGxxx` (or `-- expect:`)
 * are exactly where those rules must report; the directory's own rule must report nowhere else
 * (so every `near-miss` case, which has no marker for it, must be silent for that rule).
 */
beforeAll(ready);

const ruleDirs = readdirSync(FIXTURES).sort();

describe('MIG fixtures', () => {
  for (const ruleDir of ruleDirs) {
    for (const caseDir of readdirSync(join(FIXTURES, ruleDir)).sort()) {
      it(`${ruleDir}/${caseDir}`, () => {
        // A case's change (change.json: MIG105's base branch) is not one of its files.
        const { [FIXTURE_CASE_CHANGE]: changeText, ...files } = readTree(join(FIXTURES, ruleDir, caseDir));
        const expected = expectedMarkers(files);
        if (caseDir.startsWith('trigger')) expect(expected.length).toBeGreaterThan(0);
        const judged = new Set(expected.map((k) => k.split(':').pop() as string));
        if (ruleDir.startsWith('MIG')) judged.add(ruleDir);
        const { findings } = runMig(files, changeText === undefined ? undefined : changeOfCase(changeText));
        expect(findingKeys(findings, judged)).toEqual(expected);
      });
    }
  }

  it('has a trigger and a near-miss case for every rule', () => {
    for (const rule of rulesOf('MIG')) {
      const cases = readdirSync(join(FIXTURES, rule.id));
      expect(
        cases.some((c) => c.startsWith('trigger')),
        rule.id,
      ).toBe(true);
      expect(
        cases.some((c) => c.startsWith('near-miss')),
        rule.id,
      ).toBe(true);
    }
  });
});
