import { findingOf } from '../../rule.js';
import type { Finding } from '../../finding.js';
import type { RevisionGraph } from '../../migrations/revision-graph.js';
import { baseAnalyzerOf, baseTipGraphOf } from './facts/base-graph.js';
import type { MigFacts, MigHistoryRule } from './facts/mig-facts.js';
import { addUserColumn, createUsers, localeAfterUsers, usersThenLocale } from './facts/examples.js';
import { revisionRange } from './facts/revision-location.js';
import { suppressDocs } from './facts/lock-docs.js';

const MEMO_KEY = 'MIG105';

/** MIG105: a new revision parented on an old revision instead of the base branch's head. */
export const notOnBaseHead: MigHistoryRule = {
  id: 'MIG105',
  name: 'not-on-base-head',
  family: 'MIG',
  facts: 'migration-history',
  defaultSeverity: 'error',
  title: "new revision not parented on the base branch's head",
  docs: {
    what: "A new revision parented on an old revision instead of the base branch's head.",
    why:
      'With a base to compare against (`--base`), every revision the change adds must descend from a ' +
      'head of the base branch as it is now (its tip, not where the change forked). A new revision ' +
      'whose `down_revision` is an older revision was generated before someone else merged a ' +
      'migration: after merge there are two heads and deploys stop.',
    fix:
      "Set its down_revision to the base branch's head (rebase) or add a merge revision; a change " +
      'whose merge revision already joins it with that head is fine. A revision that starts a new ' +
      'labelled branch is exempt.',
    suppress: suppressDocs('MIG105'),
    examples: [
      {
        verdict: 'flagged',
        file: 'alembic/versions/7d1e4a9b2c3f_add_user_time_zone.py',
        text: addUserColumn('time_zone', { rev: '7d1e4a9b2c3f', down: '3b7c2e9d41a0' }),
        change: {
          branch: 'feature/time-zones',
          labels: [],
          files: ['alembic/versions/7d1e4a9b2c3f_add_user_time_zone.py'],
          base: {
            'alembic/versions/3b7c2e9d41a0_create_users.py': createUsers(),
          },
          baseBranchAdded: localeAfterUsers(),
        },
        beside: {
          'alembic/versions/3b7c2e9d41a0_create_users.py': createUsers(),
        },
      },
      {
        verdict: 'fine',
        file: 'alembic/versions/7d1e4a9b2c3f_add_user_time_zone.py',
        text: addUserColumn('time_zone', { rev: '7d1e4a9b2c3f', down: '9f8e7d6c5b4a' }),
        change: {
          branch: 'feature/time-zones',
          labels: [],
          files: ['alembic/versions/7d1e4a9b2c3f_add_user_time_zone.py'],
          base: usersThenLocale(),
        },
        beside: usersThenLocale(),
      },
    ],
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
      // The base branch as it is now: comparing with the merge-base would miss the usual race
      // (someone merged a migration after this branch forked), where the fork point's head is stale.
      const base = baseTipGraphOf(tree, change, baseAnalyzerOf(facts));
      if (!base || base.size === 0) continue;
      const baseHeads = base.heads();
      const baseLabels = new Set([...base.revisions()].flatMap((n) => n.branchLabels));
      const ancestors = ancestryAcross(tree.graph, base);
      for (const node of tree.graph.revisions()) {
        if (base.has(node.revision) || !facts.inScope(node.file)) continue;
        if (node.branchLabels.some((l) => !baseLabels.has(l))) continue;
        const stale = node.downRevisions.filter((p) => base.has(p) && !baseHeads.includes(p));
        if (stale.length === 0) continue;
        // The base heads the stale parents lead to (one per labelled branch at most).
        const passed = baseHeads.filter((h) => stale.some((p) => base.ancestorsOf(h).has(p)));
        if (passed.length > 0 && mergedBack(tree.graph, node.revision, passed, ancestors)) continue;
        misparented.add(`${tree.root}\u0000${node.revision}`);
        const m = node.module;
        const heads = passed.length > 0 ? passed : baseHeads;
        out.push(
          findingOf(
            notOnBaseHead,
            node.file,
            m.downRevision?.range ?? revisionRange(m),
            `new revision ${node.revision} is parented on ${stale.join(', ')}, but the base branch's head is ${heads.join(', ')}; set down_revision to the head (rebase) or add a merge revision.`,
          ),
        );
      }
    }
  }
  facts.memo.set(MEMO_KEY, out);
  facts.memo.set(`${MEMO_KEY}:revs`, misparented);
  return out;
}

/**
 * A merge revision in the change already joins the new revision with the base heads it passed
 * by: every head that descends from it has those heads as ancestors, so landing the change
 * leaves no extra head (the rule's own fix, "or add a merge revision").
 */
function mergedBack(
  graph: RevisionGraph,
  rev: string,
  passed: readonly string[],
  ancestors: (rev: string) => ReadonlySet<string>,
): boolean {
  const heads = graph.heads().filter((h) => h === rev || ancestors(h).has(rev));
  return heads.length > 0 && heads.every((h) => passed.every((b) => ancestors(h).has(b)));
}

/**
 * Ancestors through the head tree, continuing into the base branch's graph for revisions the
 * change names but does not hold (a merge revision whose other parent landed on the base
 * branch after the fork).
 */
function ancestryAcross(head: RevisionGraph, base: RevisionGraph): (rev: string) => ReadonlySet<string> {
  const cache = new Map<string, ReadonlySet<string>>();
  return (rev) => {
    const hit = cache.get(rev);
    if (hit) return hit;
    const out = new Set<string>();
    const stack = [...((head.get(rev) ?? base.get(rev))?.downRevisions ?? [])];
    while (stack.length) {
      const r = stack.pop() as string;
      if (out.has(r)) continue;
      out.add(r);
      for (const p of (head.get(r) ?? base.get(r))?.downRevisions ?? []) stack.push(p);
    }
    cache.set(rev, out);
    return out;
  };
}

/** `root\0revision` keys of revisions MIG105 reports; MIG100 leaves their heads to it. */
export function misparentedRevisions(facts: MigFacts): Set<string> {
  computeFindings(facts);
  return facts.memo.get(`${MEMO_KEY}:revs`) as Set<string>;
}
