import { matchesRuleFilter, ruleFamilyIds, unknownRuleFilter } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

// The filter behind `--rule` and `slipway explain FAMILY`: a filter that selects too little reads
// as a pass, so what it selects is held here and not only through the CLI.

describe('matchesRuleFilter', () => {
  it('an empty filter selects every rule', () => {
    expect(matchesRuleFilter('MIG001', [])).toBe(true);
  });

  it('a value names a rule id or a family, in any case; one matching value is enough', () => {
    expect(matchesRuleFilter('MIG001', ['mig001'])).toBe(true);
    expect(matchesRuleFilter('MIG001', ['Mig'])).toBe(true);
    expect(matchesRuleFilter('MIG001', ['PATH', 'MIG001'])).toBe(true);
    expect(matchesRuleFilter('MIG001', ['PATH001', 'MIG'])).toBe(true);
  });

  it('near misses: another rule, another family, a prefix of the id', () => {
    expect(matchesRuleFilter('MIG001', ['MIG002'])).toBe(false);
    expect(matchesRuleFilter('MIG001', ['PATH'])).toBe(false);
    expect(matchesRuleFilter('MIG001', ['MI'])).toBe(false);
    expect(matchesRuleFilter('MIG001', ['MIG00'])).toBe(false);
  });

  it('a value that is not letters alone is compared whole, never as a family', () => {
    // `A1B` is the family part of `A1B2` as familyOfRuleId cuts it, but no family has a digit.
    expect(matchesRuleFilter('A1B2', ['a1b'])).toBe(false);
    expect(matchesRuleFilter('A1B2', ['a1b2'])).toBe(true);
  });
});

describe('ruleFamilyIds', () => {
  it("every registry family's prefix, and no rule id", () => {
    const families = ruleFamilyIds();
    for (const f of ['POL', 'PATH', 'BR', 'DEP', 'MIG', 'DB', 'REC', 'AUD', 'UPD', 'SUP', 'AGT', 'COV'])
      expect(families.has(f), f).toBe(true);
    expect(families.has('MIG001')).toBe(false);
    expect([...families].every((f) => /^[A-Z]+$/.test(f))).toBe(true);
  });
});

describe('unknownRuleFilter', () => {
  it('undefined when every value names a rule or a family, in any case', () => {
    expect(unknownRuleFilter([])).toBeUndefined();
    expect(unknownRuleFilter(['MIG001', 'path', 'dep001', 'AGT'])).toBeUndefined();
  });

  it('the first value that names neither: a typo would otherwise filter everything out', () => {
    expect(unknownRuleFilter(['MIG001', 'MIG01', 'PAHT'])).toBe('MIG01');
    expect(unknownRuleFilter(['paht'])).toBe('paht');
    expect(unknownRuleFilter(['MIG999'])).toBe('MIG999');
  });
});
