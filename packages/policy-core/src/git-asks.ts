/**
 * What a family's rules will ask git while they run, named before they run. Rules are sync (the
 * editor runs them on every keystroke), so a host where each question is a git process would
 * otherwise answer them one blocking process at a time, in the middle of the check. A host that
 * can (the CLI's check: ChangeSet.prefetch) answers them ahead instead, all in one batch and
 * beside other work; one that cannot still gets the base files read together (expectBase).
 * Asking more than the rules turn out to need costs a line in that batch, never a wrong answer:
 * every answer is a fact about the repository, cached where the rules look.
 */
export interface GitAsks {
  /** Files the rules will read at the change's base (ChangeSet.readBase). */
  base?: readonly string[];
  /** Names GitFacts' commitExists, peelTag or resolveCommit will be asked about. */
  commits?: readonly string[];
  /** GitFacts.isAncestor(ancestor, ref) questions, as [ancestor, ref]. */
  ancestry?: readonly (readonly [string, string])[];
  /** ChangeSet.lineStats will be asked (the cap on an agent change's lines). */
  lineStats?: boolean;
}

/** The asks of several families as one, each question once. */
export function mergeGitAsks(list: readonly GitAsks[]): Required<GitAsks> {
  const base = new Set<string>();
  const commits = new Set<string>();
  const ancestry = new Map<string, readonly [string, string]>();
  let lineStats = false;
  for (const asks of list) {
    lineStats ||= asks.lineStats === true;
    for (const p of asks.base ?? []) base.add(p);
    for (const c of asks.commits ?? []) commits.add(c);
    for (const pair of asks.ancestry ?? []) ancestry.set(`${pair[0]}\0${pair[1]}`, pair);
  }
  return { base: [...base], commits: [...commits], ancestry: [...ancestry.values()], lineStats };
}

/** True when there is nothing to ask. */
export function noGitAsks(asks: GitAsks): boolean {
  return !asks.base?.length && !asks.commits?.length && !asks.ancestry?.length && !asks.lineStats;
}
