import { readFileSync } from 'node:fs';
import { allRules, renderRuleDocs, replaceRuleTable, ruleTable } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

// Here, beside the rules, so that a mutation run (pnpm mutate) judges a rule's documentation too:
// its page is what a user reads, and the sources write it.
const root = new URL('../../../../', import.meta.url);

describe('rule reference', () => {
  it('README rule table is current (run `pnpm gen-docs`)', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    expect(replaceRuleTable(readme, ruleTable(allRules()))).toBe(readme);
  });

  it('every rule has a current docs page (run `pnpm gen-docs`)', () => {
    for (const r of allRules()) {
      expect(readFileSync(new URL(`docs/rules/${r.id}.md`, root), 'utf8')).toBe(renderRuleDocs(r, 'page'));
    }
  });
});
