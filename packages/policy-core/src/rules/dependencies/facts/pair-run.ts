import type { CheckContext } from '../../../rule.js';
import type { LockMatch } from './lock-match.js';
import type { PairFacts } from './pair-facts.js';

/**
 * What every DEP rule reads: one requirements/lock pair, loaded and matched once per check.
 * Its own module because it joins the pair (pair-facts) and the match (lock-match), which
 * already depends on the pair's types.
 */
export interface PairRun {
  ctx: CheckContext;
  pair: PairFacts;
  match: LockMatch;
}
