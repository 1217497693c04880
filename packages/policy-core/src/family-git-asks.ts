import { type GitAsks, mergeGitAsks } from './git-asks.js';
import type { CheckContext, RuleFamily } from './rule.js';

/**
 * What the families will ask git over this context (RuleFamily.gitAsks), given what is known so
 * far. A family whose asks throw names none: its rules then ask as they run, and its check
 * reports what is wrong with its inputs.
 */
export function gitAsksOf(ctx: CheckContext, families: readonly RuleFamily[]): Required<GitAsks> {
  const all: GitAsks[] = [];
  for (const family of families) {
    try {
      if (family.gitAsks) all.push(family.gitAsks(ctx));
    } catch {
      // Named by the family's check, when it runs.
    }
  }
  return mergeGitAsks(all);
}
