import type { GitAsks } from '../git-asks.js';
import type { AnyRule, CheckContext, Rule, RuleFamily, RuleFamilyId } from '../rule.js';

/** How a family whose rules all judge one run makes that run, and what it says it read. */
export interface OneRunFamilySpec<R> {
  /** The run its rules judge, made of the check; undefined when there is nothing to judge. */
  run(ctx: CheckContext): R | undefined;
  /** Only the rules that read these facts judge the run (the others are run elsewhere). */
  facts?: string;
  /**
   * The files the run read, scanned for suppression comments. None by default: a family that
   * judges a change lists none, so that a `slipway: allow` comment written into a changed file
   * cannot lift its findings.
   */
  filesChecked?(run: R): string[];
  /** What its rules will ask git (RuleFamily.gitAsks). */
  gitAsks?(ctx: CheckContext): GitAsks;
}

/**
 * The runner of a family whose rules each judge the same run, made once per check: every family
 * but DEP (one run per requirements pair), MIG (per file and per history) and UPD (config, then
 * each state file).
 */
export function oneRunFamily<R>(
  id: RuleFamilyId,
  rules: readonly AnyRule[],
  spec: OneRunFamilySpec<R>,
): RuleFamily {
  return {
    id,
    rules,
    ...(spec.gitAsks ? { gitAsks: spec.gitAsks } : {}),
    check(ctx) {
      const run = spec.run(ctx);
      if (run === undefined) return { findings: [], filesChecked: [] };
      const judging =
        spec.facts === undefined ? this.rules : this.rules.filter((r) => r.facts === spec.facts);
      return {
        findings: (judging as Rule<R>[]).flatMap((r) => r.check(run)),
        filesChecked: spec.filesChecked?.(run) ?? [],
      };
    },
  };
}
