import type { GitAsks } from '../../../git-asks.js';
import { ciLocalActions } from '../../../policy/ci-local-actions.js';
import type { CheckContext } from '../../../rule.js';

/**
 * What PATH004 will read at base, named ahead (GitAsks): the workflows, then the local actions
 * they use, a level per round of answers (the walk goes as far as the base files known so far).
 */
export function policySurfaceAsks(ctx: CheckContext): GitAsks {
  const change = ctx.change;
  if (!change?.readBase || !change.baseKnown || change.files.length === 0) return {};
  const known = (p: string) => change.baseKnown?.(p) === true;
  const base: string[] = [];
  ciLocalActions(
    ctx.repo,
    (p) => (known(p) ? change.readBase?.(p) : undefined),
    (paths) => base.push(...paths.filter((p) => !known(p))),
  );
  return { base };
}
