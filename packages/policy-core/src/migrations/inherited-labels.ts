/**
 * The branch labels that apply to each revision: its own and every ancestor's (Alembic propagates
 * a label down its line). Worked out parents first and kept per revision, so asking every head of
 * a tree costs the tree once, not heads x depth: a revision with no label of its own and one
 * parent shares its parent's set. Cycles (a malformed history) make "parents first" impossible:
 * undefined, and the caller unions the ancestors as before.
 */
export function inheritedLabels(
  rev: string,
  parentsOf: (rev: string) => readonly string[],
  ownOf: (rev: string) => readonly string[],
  memo: Map<string, ReadonlySet<string>>,
): ReadonlySet<string> | undefined {
  const expanded = new Set<string>();
  const stack = [rev];
  while (stack.length > 0) {
    const r = stack[stack.length - 1] as string;
    if (memo.has(r)) {
      stack.pop();
      continue;
    }
    const parents = parentsOf(r);
    const pending = parents.filter((p) => !memo.has(p));
    if (pending.length > 0) {
      // A parent already being worked out below this one on the stack: a cycle.
      if (expanded.has(r) || pending.some((p) => expanded.has(p))) return undefined;
      expanded.add(r);
      stack.push(...pending);
      continue;
    }
    const own = ownOf(r);
    let labels: ReadonlySet<string>;
    if (own.length === 0 && parents.length === 1)
      labels = memo.get(parents[0] as string) as ReadonlySet<string>;
    else {
      const set = new Set(own);
      for (const p of parents) for (const l of memo.get(p) as ReadonlySet<string>) set.add(l);
      labels = set;
    }
    memo.set(r, labels);
    stack.pop();
  }
  return memo.get(rev);
}
