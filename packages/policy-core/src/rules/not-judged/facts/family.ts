import { judgedPaths } from '../../../layouts/judged-paths.js';
import { unjudgedLayouts } from '../../../layouts/unjudged-layouts.js';
import type { AnyRule, Rule, RuleFamily } from '../../../rule.js';
import type { CoverageRun } from './coverage-facts.js';

/**
 * The COV family: what the check saw and did not judge. It reads files only to recognise them
 * (coverage/), so it lists none as checked: no `slipway: allow` comment in them lifts a COV
 * finding, and they do not count as judged in the coverage line.
 */
export function coverageFamilyOf(rules: readonly AnyRule[]): RuleFamily {
  return {
    id: 'COV',
    rules,
    check(ctx) {
      const layouts = unjudgedLayouts(ctx.repo, judgedPaths(ctx.repo, ctx.policy.policy));
      const run: CoverageRun = { ctx, layouts };
      return {
        findings: (rules as Rule<CoverageRun>[]).flatMap((r) => r.check(run)),
        filesChecked: [],
        unjudged: layouts,
      };
    },
  };
}
