import type { Finding } from '../../finding.js';
import { baseGraphOf } from './base-graph.js';
import { finding, type MigFacts, type MigRule } from './mig-facts.js';
import { revisionRange } from './revision-location.js';

const MEMO_KEY = 'MIG105';

/** MIG105: a new revision parented on an old revision instead of the base branch's head. */
export const notOnBaseHead: MigRule = {
  meta: {
    id: 'MIG105',
    family: 'MIG',
    defaultSeverity: 'error',
    title: "new revision not parented on the base branch's head",
    description:
      'With a base to compare against (`--base`), every revision the change adds must descend from a head of the ' +
      'base branch. A new revision whose `down_revision` is an older revision was generated before someone else ' +
      'merged a migration: after merge there are two heads and deploys stop. Set its down_revision to the base ' +
      "branch's head (rebase) or add a merge revision. A revision that starts a new labelled branch is exempt.",
  },
  check: (facts) => computeFindings(facts),
};

function computeFindings(facts: MigFacts): Finding[] {
  const memo = facts.memo.get(MEMO_KEY) as Finding[] | undefined;
  if (memo) return memo;
  const out: Finding[] = [];
  const misparented = new Set<string>();
  const change = facts.ctx.change;
  if (change?.readBase) {
    for (const tree of facts.analysis.trees) {
      const base = baseGraphOf(tree, change);
      if (!base || base.size === 0) continue;
      const baseHeads = new Set(base.heads());
      const baseLabels = new Set([...base.revisions()].flatMap((n) => n.branchLabels));
      for (const node of tree.graph.revisions()) {
        if (base.has(node.revision) || !facts.inScope(node.file)) continue;
        if (node.branchLabels.some((l) => !baseLabels.has(l))) continue;
        const stale = node.downRevisions.filter((p) => base.has(p) && !baseHeads.has(p));
        if (stale.length === 0) continue;
        misparented.add(`${tree.root}\u0000${node.revision}`);
        const m = node.module;
        out.push(
          finding(
            notOnBaseHead.meta,
            node.file,
            m.downRevision?.range ?? revisionRange(m),
            `new revision ${node.revision} is parented on ${stale.join(', ')}, but the base branch's head is ${[...baseHeads].join(', ')}; set down_revision to the head (rebase) or add a merge revision.`,
          ),
        );
      }
    }
  }
  facts.memo.set(MEMO_KEY, out);
  facts.memo.set(`${MEMO_KEY}:revs`, misparented);
  return out;
}

/** `root\0revision` keys of revisions MIG105 reports; MIG100 leaves their heads to it. */
export function misparentedRevisions(facts: MigFacts): Set<string> {
  computeFindings(facts);
  return facts.memo.get(`${MEMO_KEY}:revs`) as Set<string>;
}
