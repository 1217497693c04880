import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rulesOf } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';
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
        const files = readTree(join(FIXTURES, ruleDir, caseDir));
        const expected = expectedMarkers(files);
        if (caseDir.startsWith('trigger')) expect(expected.length).toBeGreaterThan(0);
        const judged = new Set(expected.map((k) => k.split(':').pop() as string));
        if (ruleDir.startsWith('MIG')) judged.add(ruleDir);
        const { findings } = runMig(files);
        expect(findingKeys(findings, judged)).toEqual(expected);
      });
    }
  }

  it('has a trigger and a near-miss case for every rule but MIG105 (which needs a base; see not-on-base-head.test.ts)', () => {
    for (const rule of rulesOf('MIG')) {
      if (rule.id === 'MIG105') continue;
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
