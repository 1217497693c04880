import { readMigrationTrees } from '../workspace-migrations.js';
import type { RevisionGraph } from '../migrations/revision-graph.js';
import { initMigrationParsers } from '../migrations/sql-parser.js';
import type { PolicyDocument } from '../policy/document.js';
import type { RepoView } from '../repo.js';
import type { Workspace } from '../workspace.js';
import { djangoGraphView } from './django-graph-view.js';
import { combineGraphViews, type DbGraphView } from './graph-view.js';
import { historyToolOf } from './recorded-history.js';

export interface LoadedGraph {
  graph?: DbGraphView;
  /** Why there is no graph, for one line on stderr. */
  reason?: string;
  /** What the audit leaves out although the policy names it, for one line on stderr. */
  note?: string;
}

/** The revision graph as the audit sees it, with each revision's `revision = '…'` line for related locations. */
function view(graph: RevisionGraph): DbGraphView {
  return {
    heads: () => graph.heads(),
    has: (rev) => graph.has(rev),
    ancestorsOf: (rev) => graph.ancestorsOf(rev),
    destructiveOpsBetween: (from, to) => graph.destructiveOpsBetween(from, to),
    fileOf: (rev) => graph.fileOf(rev),
    revisionRange: (rev) => graph.get(rev)?.module.revision?.range,
  };
}

/**
 * The repository's revision graph(s) for the audit and the stamp (Django's apps, keyed
 * `app.name`, when the policy's migrations are Django's: db/django-graph-view.ts): the same analysis the MIG
 * rules run (the run's workspace), with the SQL parser loaded so that destructive SQL inside
 * `op.execute(...)` counts on the path from the baseline to head.
 */
export async function loadDbGraph(context: {
  policy: PolicyDocument;
  repo: RepoView;
  workspace: Workspace;
}): Promise<LoadedGraph> {
  const section = context.policy.policy.migrations;
  if (!section) return { reason: `no migrations section in ${context.policy.file}` };
  await initMigrationParsers();
  const analysis = readMigrationTrees(context.repo, section, context.workspace);
  if (historyToolOf(context.policy) === 'django') {
    const apps = analysis.trees.filter((t) => t.django !== undefined);
    const view = djangoGraphView(apps);
    if (view.django && view.django.nodes.size > 0) return { graph: view };
    const where = apps.map((t) => t.root).join(', ');
    return {
      reason: where
        ? `no Django migrations found in ${where}`
        : `no Django app's migrations folder: set migrations.django in ${context.policy.file}`,
    };
  }
  // One record per audit: a policy with Alembic trees and Django apps is audited by alembic_version.
  const note = analysis.trees.some((t) => t.django !== undefined)
    ? `the Django apps of migrations.django are not audited: ${context.policy.file} names Alembic trees too, and the audit reads alembic_version`
    : undefined;
  // The database's alembic_version names Alembic revisions; Django keeps django_migrations,
  // Knex knex_migrations and TypeORM its migrations table.
  const graphs = analysis.trees
    .filter((t) => t.django === undefined && t.js === undefined)
    .map((t) => t.graph)
    .filter((g) => g.size > 0);
  if (graphs.length === 0) {
    const where = analysis.trees.map((t) => t.root).join(', ');
    return {
      ...(note ? { note } : {}),
      reason: where
        ? `no Alembic revisions found in ${where}`
        : `no Alembic tree: set migrations.alembic in ${context.policy.file}`,
    };
  }
  return {
    graph: graphs.length === 1 ? view(graphs[0]!) : combineGraphViews(graphs.map(view)),
    ...(note ? { note } : {}),
  };
}
