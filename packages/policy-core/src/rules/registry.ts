import { knownRuleIds } from './known-rule-ids.js';
import { RULES } from './rule-list.generated.js';
import type { AnyRule, RuleFamilyId } from '../rule.js';

/**
 * Every rule Slipway knows, in id order: `RULES` is generated from the rule files
 * (`rules/<family-dir>/<id>-<name>.ts`) by `pnpm gen-rules`, so a rule is added by adding its
 * file; its family's runner (`rules/<family-dir>/facts/family.ts`) hands it the family's facts.
 */
export { RULES };

const byId = new Map(RULES.map((r) => [r.id, r]));

/** Every rule, by id. */
export function allRules(): readonly AnyRule[] {
  return RULES;
}

export { knownRuleIds };

/** The rule with this id (any case), if there is one. */
export function findRule(id: string): AnyRule | undefined {
  return byId.get(id.toUpperCase());
}

/** The rules of one family, in id order. */
export function rulesOf(family: RuleFamilyId): AnyRule[] {
  return RULES.filter((r) => r.family === family);
}
