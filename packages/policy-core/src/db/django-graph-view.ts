import type { Range } from '../finding.js';
import type { MigrationTree } from '../migrations/migration-analysis.js';
import {
  type DjangoHistoryGraph,
  type DjangoMigrationNode,
  djangoHistoryState,
  djangoKey,
} from './django-history.js';
import type { DbGraphView } from './graph-view.js';

/**
 * The audit's view of the policy's Django apps: every migration file of every app (squashes and
 * the migrations they replace alike, since which of them Django uses depends on what a database
 * recorded: django-history.ts), keyed `app.name`, with its `dependencies` in and across apps and
 * the `run_before` edges other migrations add.
 */
export function djangoGraphView(trees: readonly MigrationTree[]): DbGraphView {
  const nodes = new Map<string, DjangoMigrationNode & { range?: Range }>();
  const apps = new Set<string>();
  for (const tree of trees) {
    if (tree.django === undefined) continue;
    apps.add(tree.django);
    for (const m of tree.modules) {
      const d = m.django;
      if (!d || !m.revision) continue;
      const key = djangoKey(d.app, m.revision.value);
      if (nodes.has(key)) continue; // two files of one name: the graph rules report it
      nodes.set(key, {
        key,
        app: d.app,
        file: m.path,
        parents: [
          ...(m.downRevision?.values ?? []).map((name) => djangoKey(d.app, name)),
          ...d.crossApp.map((r) => djangoKey(r.app, r.name)),
        ],
        replaces: d.replaces.map((r) => djangoKey(r.app, r.name)),
        range: m.revision.range,
      });
    }
  }
  // `run_before = [("b", "0002")]` makes b.0002 depend on this migration.
  for (const tree of trees)
    for (const m of tree.modules) {
      const d = m.django;
      if (!d || !m.revision) continue;
      for (const r of d.runBefore)
        nodes.get(djangoKey(r.app, r.name))?.parents.push(djangoKey(d.app, m.revision.value));
    }
  const graph: DjangoHistoryGraph = { apps, nodes };
  const ancestors = new Map<string, Set<string>>();
  const ancestorsOf = (key: string): Set<string> => {
    const known = ancestors.get(key);
    if (known) return known;
    const out = new Set<string>();
    ancestors.set(key, out); // before recursing: a cycle ends
    for (const p of nodes.get(key)?.parents ?? [])
      if (nodes.has(p)) {
        out.add(p);
        for (const a of ancestorsOf(p)) out.add(a);
      }
    return out;
  };
  return {
    heads: () => djangoHistoryState(graph, []).heads,
    has: (key) => nodes.has(key),
    ancestorsOf,
    // The stamp writes alembic_version and refuses a Django policy; nothing asks this of Django's graph.
    destructiveOpsBetween: () => [],
    fileOf: (key) => nodes.get(key)?.file,
    revisionRange: (key) => nodes.get(key)?.range,
    django: graph,
  };
}
