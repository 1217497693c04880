import { type CheckOptions, checkContextOf } from './check-run.js';
import { gitAsksOf } from './family-git-asks.js';
import type { RuleFamily } from './rule.js';

/**
 * Answers ahead what `families` will ask git over these options (RuleFamily.gitAsks), where the
 * change can (ChangeSet.prefetch): a round per level of questions (a file named in a file read
 * at base), until one finds nothing new. A check with the same change then asks git nothing
 * answered here. A bound on rounds: the walks behind the asks are bounded themselves.
 */
export async function prefetchFamilyAsks(
  options: CheckOptions,
  families: readonly RuleFamily[],
): Promise<void> {
  const change = options.change;
  if (!change?.prefetch) return;
  const ctx = checkContextOf(options);
  for (let round = 0; round < MAX_PREFETCH_ROUNDS; round++)
    if (!(await change.prefetch(gitAsksOf(ctx, families), options.repo.git))) return;
}
const MAX_PREFETCH_ROUNDS = 6;
