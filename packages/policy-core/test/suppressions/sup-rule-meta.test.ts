import { describe, expect, it } from 'vitest';
import { SUP_RULES } from '../../src/rules/suppressions/rules.generated.js';
import { describeRuleFiles } from '../rules/rule-files.js';

describeRuleFiles('SUP', SUP_RULES);

describe('SUP rules for editors', () => {
  // The language server fades what a rule tags `unnecessary` (lsp to-diagnostic.ts): a suppression
  // that suppresses nothing is dead text; the others are problems to fix, not faded.
  it('SUP001 alone is tagged unnecessary', () => {
    expect(SUP_RULES.map((r) => [r.id, r.editorTags ?? []])).toEqual([
      ['SUP001', ['unnecessary']],
      ['SUP002', []],
      ['SUP003', []],
      ['SUP004', []],
    ]);
  });
});
