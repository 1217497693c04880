import { familyOfRuleId } from '../rule.js';
import { knownRuleIds } from './known-rule-ids.js';

let families: ReadonlySet<string> | undefined;

/** Every family prefix a rule of the registry has (`PATH`, `MIG`, …). */
export function ruleFamilyIds(): ReadonlySet<string> {
  families ??= new Set([...knownRuleIds()].map(familyOfRuleId));
  return families;
}

/**
 * The one rule filter (`--rule`, `slipway explain FAMILY`): each value names a rule id
 * (`MIG001`) or a family (`MIG`), in any case. An empty filter selects every rule.
 */
export function matchesRuleFilter(rule: string, only: readonly string[]): boolean {
  if (only.length === 0) return true;
  return only.some((o) => {
    const u = o.toUpperCase();
    return rule === u || (/^[A-Z]+$/.test(u) && familyOfRuleId(rule) === u);
  });
}

/**
 * The first filter value that names neither a rule nor a family: a typo (`--rule MIG01`) would
 * otherwise filter everything out and read as a pass.
 */
export function unknownRuleFilter(only: readonly string[]): string | undefined {
  return only.find((v) => {
    const u = v.toUpperCase();
    return !knownRuleIds().has(u) && !ruleFamilyIds().has(u);
  });
}
