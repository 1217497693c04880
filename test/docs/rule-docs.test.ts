import { readFileSync } from 'node:fs';
import { allRules } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { replaceTable, rulePage, ruleTable } from '../../packages/cli/src/docs/rule-docs.js';

const root = new URL('../../', import.meta.url);

describe('rule reference', () => {
  it('README rule table is current (run `pnpm gen-docs`)', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    expect(replaceTable(readme, ruleTable(allRules()))).toBe(readme);
  });

  it('every rule has a current docs page (run `pnpm gen-docs`)', () => {
    for (const r of allRules()) {
      expect(readFileSync(new URL(`docs/rules/${r.id}.md`, root), 'utf8')).toBe(rulePage(r));
    }
  });

  it('every rule has an id of its family, a title and a description that says what to do', () => {
    const ids = new Set<string>();
    for (const r of allRules()) {
      expect(r.id).toMatch(new RegExp(`^${r.family}\\d{3}$`));
      expect(ids.has(r.id)).toBe(false);
      ids.add(r.id);
      expect(r.title.length).toBeGreaterThan(5);
      expect(r.description.length).toBeGreaterThan(40);
    }
  });
});
