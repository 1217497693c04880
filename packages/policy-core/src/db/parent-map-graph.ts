import type { DbGraphView, DestructiveOpView } from './graph-view.js';

/**
 * A DbGraphView built from a plain `revision → parents` map: what tests use, and a simple
 * adapter for any graph that can list each revision's parents.
 */
export function graphViewFromParents(
  parents: Readonly<Record<string, readonly string[]>>,
  options: { files?: Readonly<Record<string, string>>; destructive?: readonly DestructiveOpView[] } = {},
): DbGraphView {
  const ancestors = new Map<string, Set<string>>();
  const ancestorsOf = (rev: string): Set<string> => {
    const known = ancestors.get(rev);
    if (known) return known;
    const out = new Set<string>();
    ancestors.set(rev, out); // set before recursing so a cycle ends instead of looping
    for (const p of parents[rev] ?? []) {
      out.add(p);
      for (const a of ancestorsOf(p)) out.add(a);
    }
    return out;
  };
  const revs = Object.keys(parents);
  const referenced = new Set(revs.flatMap((r) => parents[r] ?? []));
  return {
    heads: () => revs.filter((r) => !referenced.has(r)).sort(),
    has: (rev) => Object.hasOwn(parents, rev),
    ancestorsOf: (rev) => ancestorsOf(rev),
    destructiveOpsBetween: (from, to) => {
      const upto = ancestorsOf(to);
      const before = ancestorsOf(from);
      return (options.destructive ?? []).filter(
        (op) =>
          (op.revision === to || upto.has(op.revision)) && op.revision !== from && !before.has(op.revision),
      );
    },
    fileOf: (rev) => options.files?.[rev],
  };
}
