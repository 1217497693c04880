/** Order questions over a revision graph, kept apart from the graph's bookkeeping. */

/**
 * Kahn's algorithm over `subset`: every revision after its parents in the subset. Ties are
 * broken by revision id so the order is stable across runs.
 */
export function topologicalOrder(
  subset: ReadonlySet<string>,
  parentsOf: (rev: string) => readonly string[],
  childrenOf: (rev: string) => readonly string[],
): string[] {
  const indegree = new Map<string, number>();
  for (const r of subset) indegree.set(r, parentsOf(r).filter((p) => subset.has(p)).length);
  const ready = [...indegree.entries()]
    .filter(([, d]) => d === 0)
    .map(([r]) => r)
    .sort();
  const out: string[] = [];
  while (ready.length) {
    const r = ready.shift() as string;
    out.push(r);
    for (const c of childrenOf(r)) {
      const d = indegree.get(c);
      if (d === undefined) continue;
      indegree.set(c, d - 1);
      if (d - 1 === 0) {
        ready.push(c);
        ready.sort();
      }
    }
  }
  return out;
}

/**
 * Cycles along down_revision, each recorded once (iterative three-colour DFS, so a history of
 * thousands of revisions cannot overflow the stack).
 */
export function findCycles(nodes: ReadonlyMap<string, { downRevisions: readonly string[] }>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 1 | 2>();
  for (const start of [...nodes.keys()].sort()) {
    if (state.has(start)) continue;
    const stack: { rev: string; next: number }[] = [{ rev: start, next: 0 }];
    const onPath: string[] = [start];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1] as { rev: string; next: number };
      const parents = nodes.get(top.rev)?.downRevisions ?? [];
      if (top.next >= parents.length) {
        state.set(top.rev, 2);
        stack.pop();
        onPath.pop();
        continue;
      }
      const p = parents[top.next++] as string;
      if (!nodes.has(p)) continue;
      const s = state.get(p);
      if (s === 1) cycles.push(onPath.slice(onPath.indexOf(p)));
      else if (s === undefined) {
        state.set(p, 1);
        stack.push({ rev: p, next: 0 });
        onPath.push(p);
      }
    }
  }
  return cycles;
}

/** What upgradeOrder reads of a revision graph (RevisionGraph has it; spelt here to keep the import one-way). */
interface OrderableGraph {
  revisions(): Iterable<{ revision: string }>;
  get(revision: string): { downRevisions: readonly string[] } | undefined;
  childrenOf(revision: string): readonly string[];
}

/** Every revision of `graph`, each after the revisions it revises: the whole graph in upgrade order. */
export function upgradeOrder(graph: OrderableGraph): string[] {
  return topologicalOrder(
    new Set([...graph.revisions()].map((n) => n.revision)),
    (r) => graph.get(r)?.downRevisions ?? [],
    (r) => graph.childrenOf(r),
  );
}
