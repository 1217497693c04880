import type { RevisionGraph } from './revision-graph.js';

/**
 * `revs` and every revision after them (through the children each names as its down_revision):
 * one walk for the whole tree, each revision visited once. Why: "does this head have an ancestor
 * in S?" asked of each head through its ancestor set costs heads x depth - thousands of heads on a
 * long history made it seconds and gigabytes - while the heads after S are one sweep.
 */
export function withDescendants(
  graph: Pick<RevisionGraph, 'childrenOf' | 'has'>,
  revs: Iterable<string>,
): Set<string> {
  const out = new Set<string>();
  const stack = [...revs].filter((r) => graph.has(r));
  while (stack.length > 0) {
    const r = stack.pop() as string;
    if (out.has(r)) continue;
    out.add(r);
    for (const c of graph.childrenOf(r)) if (!out.has(c)) stack.push(c);
  }
  return out;
}
