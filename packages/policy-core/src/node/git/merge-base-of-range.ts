import type { Commit } from '../../change-set.js';

/**
 * The merge base of base and head read off the commits of `git log base..head` (with their
 * parents), when those alone decide it: one git process fewer for every check.
 * - No commits: head is reachable from base, so head is the merge base.
 * - Exactly one parent outside the range (the boundary): every path from head leaves the range
 *   through it, so every common ancestor is reachable from it, and it is reachable from base
 *   (that is why the range stops there): the one best common ancestor, what `git merge-base`
 *   prints.
 * Anything else — several boundary parents (criss-cross merges, a base merged in more than once),
 * a commit without parents (a root: unrelated histories; or a shallow clone's cut) — returns
 * undefined: ask `git merge-base`.
 */
export function mergeBaseOfRange(commits: readonly Commit[], headSha: string): string | undefined {
  if (commits.length === 0) return headSha;
  const inRange = new Set(commits.map((c) => c.sha));
  let boundary: string | undefined;
  for (const c of commits) {
    if (c.parents.length === 0) return undefined;
    for (const p of c.parents) {
      if (inRange.has(p)) continue;
      if (boundary !== undefined && boundary !== p) return undefined;
      boundary = p;
    }
  }
  return boundary;
}
