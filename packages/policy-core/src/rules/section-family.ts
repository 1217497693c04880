import type { Policy } from '../policy/schema/index.js';
import type { AnyRule, CheckContext, FamilyResult, RuleFamily, RuleFamilyId } from '../rule.js';

/**
 * The runner of a family that judges what one section of the policy configures, and so has
 * nothing to judge (no findings, no files read) when the policy leaves that section out: MIG
 * (`migrations:`) and UPD (`update:`). `judge` runs only with the section present.
 */
export function sectionFamily<K extends keyof Policy>(
  id: RuleFamilyId,
  rules: readonly AnyRule[],
  key: K,
  judge: (ctx: CheckContext, section: NonNullable<Policy[K]>) => FamilyResult,
): RuleFamily {
  return {
    id,
    rules,
    check(ctx) {
      const section = ctx.policy.policy[key];
      if (!section) return { findings: [], filesChecked: [] };
      return judge(ctx, section);
    },
  };
}
