import { findingOf } from '../../rule.js';
import { withDescendants } from '../../migrations/graph-descendants.js';
import type { Finding } from '../../finding.js';
import type { MigFacts, MigHistoryRule } from './facts/mig-facts.js';
import { misparentedRevisions } from './MIG105-not-on-base-head.js';
import { timeZoneExample } from './facts/examples.js';
import { revisionRange, revisionRelated } from './facts/revision-location.js';
import { suppressDocs } from './facts/lock-docs.js';

/** MIG100: more than one head in one tree (apart from deliberately labelled branches). */
export const multipleHeads: MigHistoryRule = {
  id: 'MIG100',
  name: 'multiple-heads',
  family: 'MIG',
  facts: 'migration-history',
  defaultSeverity: 'error',
  title: 'more than one head',
  docs: {
    what:
      'More than one head in one Alembic tree. Heads of branches kept apart on purpose with distinct ' +
      '`branch_labels` (expand/contract) are fine: a label applies to its revision and every later ' +
      'revision on that line (Alembic propagates it down the line), and a label named through a ' +
      'constant (`branch_labels = (cli.EXPAND_BRANCH,)`) counts as that constant.',
    why:
      'Two revisions with the same parent make two heads: `alembic upgrade head` then refuses to run ' +
      'and the deploy stops. Usually two branches each added a migration.',
    fix:
      'Run `alembic merge heads` (or re-parent the newer revision). In a Django app (`migrations.django`), two ' +
      'leaf migrations are the same conflict: run `python manage.py makemigrations --merge`.',
    suppress: suppressDocs('MIG100'),
    examples: [
      timeZoneExample('flagged', { rev: '7d1e4a9b2c3f', down: '3b7c2e9d41a0' }),
      timeZoneExample('fine'),
    ],
  },
  check(facts: MigFacts): Finding[] {
    const out: Finding[] = [];
    const deferred = misparentedRevisions(facts);
    for (const tree of facts.analysis.trees) {
      const graph = tree.graph;
      if (graph.heads().length < 2) continue;
      // A revision whose parent is unknown (computed, absent or not found: MIG101) looks like a
      // second root, so its line looks like a second head; MIG101 names the real problem.
      const unknownParent = new Set<string>();
      for (const n of graph.revisions()) {
        const down = n.module.downRevision;
        if (!down || down.dynamic || n.downRevisions.some((p) => !graph.has(p)))
          unknownParent.add(n.revision);
      }
      const afterUnknown = withDescendants(graph, unknownParent);
      // Heads grouped by the branch labels they inherit: one head per label set is by design.
      const groups = new Map<string, string[]>();
      for (const head of graph.heads()) {
        if (afterUnknown.has(head)) continue;
        const key = [...graph.branchLabelsOf(head)].sort().join('\u0000');
        const list = groups.get(key);
        if (list) list.push(head);
        else groups.set(key, [head]);
      }
      // MIG105 names the cause more precisely for heads a misparented new revision created.
      const afterMisparented =
        deferred.size > 0
          ? withDescendants(
              graph,
              [...graph.revisions()]
                .map((n) => n.revision)
                .filter((r) => deferred.has(`${tree.root}\u0000${r}`)),
            )
          : undefined;
      for (const heads of groups.values()) {
        if (heads.length < 2) continue;
        if (afterMisparented && heads.some((h) => afterMisparented.has(h))) continue;
        for (const head of heads) {
          const node = graph.get(head);
          if (!node) continue;
          const { named, more } = othersOf(heads, head);
          const also = more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
          const related = named.flatMap((h) => {
            const m = graph.get(h)?.module;
            return m ? [revisionRelated(m, `another head: ${h}`)] : [];
          });
          out.push(
            findingOf(
              multipleHeads,
              node.file,
              revisionRange(node.module),
              tree.django !== undefined
                ? `migration ${head} is one of ${heads.length} leaf nodes of app ${tree.django} (also ${also}): Django refuses to migrate ("Conflicting migrations detected"); run \`python manage.py makemigrations --merge\` or make one depend on the other.`
                : `revision ${head} is one of ${heads.length} heads in ${tree.root} (also ${also}); run \`alembic merge heads\` or re-parent it, or give deliberately separate branches distinct branch_labels.`,
              related,
            ),
          );
        }
      }
    }
    return out;
  },
};

/** How many other heads a finding names (message and related places); the rest are counted. */
const NAMED_HEADS = 5;

/**
 * The heads a finding on `head` names beside it, and how many more there are: each finding names
 * a few, so a tree of thousands of heads costs findings in proportion, not its square (and the
 * message stays readable). Every head has its own finding, so none goes unnamed.
 */
function othersOf(heads: readonly string[], head: string): { named: string[]; more: number } {
  const named: string[] = [];
  for (const h of heads) {
    if (named.length === NAMED_HEADS) break;
    if (h !== head) named.push(h);
  }
  return { named, more: heads.length - 1 - named.length };
}
