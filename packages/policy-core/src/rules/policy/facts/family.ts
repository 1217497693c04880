import type { AnyRule, RuleFamily } from '../../../rule.js';
import { oneRunFamily } from '../../one-run-family.js';
import type { PolicyRun } from './policy-facts.js';

/**
 * The POL family checks the policy a change carries. When another policy governs the check (the
 * base's, see governingPolicy), that is the head's own: it is validated here, and POL004 reports
 * what it would change from the next change on. POL001 reads the text before it is parsed, which
 * every host does first (`parsePolicyText`), so it is not run here.
 */
export function policyFamilyOf(rules: readonly AnyRule[], knownIds: ReadonlySet<string>): RuleFamily {
  return oneRunFamily<PolicyRun>('POL', rules, {
    facts: 'policy',
    run(ctx) {
      const head = ctx.headPolicy;
      return {
        ctx: head ? { ...ctx, policy: head } : ctx,
        knownIds,
        ...(head ? { governing: ctx.policy } : {}),
      };
    },
    // The engine scans the policy file for suppressions in every check (check-run.ts): here it is
    // what the change's base is asked for ahead (change-own-findings.ts), a cost, not an answer.
    // Stryker disable next-line ArrayDeclaration: the same findings either way (see above)
    filesChecked: (run) => [run.ctx.policy.file],
  });
}
