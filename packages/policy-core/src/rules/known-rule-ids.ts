import { RULE_IDS } from '../rule-ids.generated.js';

const ids: ReadonlySet<string> = new Set(Object.values(RULE_IDS));

/**
 * Every rule id Slipway knows, from the generated list of ids: what a filter or a policy setting
 * naming a rule is checked against, without loading the rules themselves.
 */
export function knownRuleIds(): ReadonlySet<string> {
  return ids;
}
