import type { GitResult } from '../git/run-git.js';
import { ProductionBranchReader } from './production-branch-reader.js';
import { shipLog } from './ship-target.js';

/**
 * The git a promote asks before anything else, started as soon as the repository is known: the
 * CLI starts it beside `git var -l` (who acts) while the policy is parsed, instead of after both.
 * None of it depends on the policy: the production branch's head and policy where the search for
 * them starts (ProductionBranchReader.prefetch), and HEAD's first-parent chain, from which the
 * SHA shipped by default is chosen (shipLog). The promote reads the answers as if it had asked.
 */
export interface EarlyPromoteReads {
  root: string;
  production: ProductionBranchReader;
  /** shipLog(root, 'HEAD'), for a promote that names no SHA. */
  headLog?: Promise<GitResult>;
}

export function startPromoteReads(root: string, opts: { headLog: boolean }): EarlyPromoteReads {
  const production = new ProductionBranchReader(root);
  production.prefetch();
  return { root, production, ...(opts.headLog ? { headLog: shipLog(root, 'HEAD') } : {}) };
}
