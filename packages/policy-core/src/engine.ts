import { type CheckOptions, type CheckResult, type KnownRule, knownRules, runFamilies } from './check-run.js';
import { prefetchFamilyAsks } from './prefetch-family-asks.js';
import type { RuleFamily } from './rule.js';
import { ruleFamilies } from './rules/families.js';
import { allRules } from './rules/registry.js';

export {
  type CheckOptions,
  type CheckResult,
  describeFailure,
  type FamilyFailure,
  type KnownRule,
  knownRules,
  type RunRules,
  runFamilies,
} from './check-run.js';

/**
 * Every rule's meta by id, the families' own included (a test's stand-in rules): one map per
 * list of families, kept while the list lives (`slipway test` runs hundreds of checks with the
 * same list, and builds it once).
 */
const knownByFamilies = new WeakMap<readonly RuleFamily[], ReadonlyMap<string, KnownRule>>();
function everyKnownRule(families: readonly RuleFamily[]): ReadonlyMap<string, KnownRule> {
  let known = knownByFamilies.get(families);
  if (!known) {
    known = knownRules(families, allRules());
    knownByFamilies.set(families, known);
  }
  return known;
}

/**
 * Runs every rule family (or `options.families`) over the inputs, then applies what the policy
 * and the files say about the results: `rules:` severity overrides and `off`, suppression
 * comments, and `--rule` filters.
 */
export function runCheck(options: CheckOptions): CheckResult {
  const families = options.families ?? ruleFamilies();
  return runFamilies(options, { families, known: everyKnownRule(families) });
}

/**
 * Answers ahead what a check's rules will ask git (prefetchFamilyAsks, over `options.families` or
 * all of them). Then `runCheck` with the same options asks git nothing it answered here.
 */
export async function prefetchGitAsks(options: CheckOptions): Promise<void> {
  await prefetchFamilyAsks(options, options.families ?? ruleFamilies());
}
