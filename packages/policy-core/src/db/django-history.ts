/**
 * Django's migration graph as the database audit needs it, and what a database's
 * `django_migrations` rows mean against it, following Django's own loader
 * (django/db/migrations/loader.py `build_graph`, `check_consistent_history`):
 *
 * - a squashed migration counts as applied exactly when every migration it `replaces` is
 *   recorded (the executor records the replaced ones when it applies a squash; a recorded squash
 *   whose replaced rows are missing is not applied);
 * - a squash stands for the replaced migrations when all or none of them are applied; when only
 *   some are, the squash is left out and the replaced migrations are the graph's;
 * - a migration applied before one of its dependencies is an inconsistent history (Django refuses
 *   to migrate: InconsistentMigrationHistory).
 *
 * Keys are `app.name`, as the policy writes them (`applied_through: shop.0007_add_rank`).
 */
export interface DjangoMigrationNode {
  key: string;
  app: string;
  /** Repo-relative file. */
  file: string;
  /** Keys of its `dependencies` (same app and other apps). */
  parents: string[];
  /** Keys it `replaces` (a squashed migration); empty otherwise. */
  replaces: string[];
}

/** The migrations of the Django apps the policy covers. */
export interface DjangoHistoryGraph {
  /** App labels whose migrations folder the policy names: rows of other apps are not judged. */
  apps: ReadonlySet<string>;
  nodes: ReadonlyMap<string, DjangoMigrationNode>;
}

/** What a database's rows mean against the graph. */
export interface DjangoHistoryState {
  /** Rows of covered apps that no migration of the repository is nor replaces (DB002). */
  unknown: string[];
  /** `[migration, dependency]`: applied while its dependency is not (DB002). */
  inconsistent: [string, string][];
  /** What `manage.py migrate` would apply, dependencies first (DB004). */
  pending: string[];
  /** The graph's leaves (each app's latest migration) the database moves to. */
  heads: string[];
  /** Where the database stands: each covered app's latest applied migrations, and the unknown rows. */
  positions: string[];
}

export const djangoKey = (app: string, name: string) => `${app}.${name}`;
const appOf = (key: string) => key.slice(0, key.indexOf('.'));
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The rows of `django_migrations` (as `app.name`) judged against the repository's Django graph. */
export function djangoHistoryState(graph: DjangoHistoryGraph, rows: readonly string[]): DjangoHistoryState {
  const recorded = new Set(rows);
  const applied = new Set<string>();
  const replacedBy = new Map<string, string>();
  const unusable = new Set<string>();
  for (const node of graph.nodes.values()) {
    if (node.replaces.length === 0) {
      if (recorded.has(node.key)) applied.add(node.key);
      continue;
    }
    const done = node.replaces.filter((r) => recorded.has(r)).length;
    if (done === node.replaces.length) applied.add(node.key);
    if (done === 0 || done === node.replaces.length)
      for (const r of node.replaces) replacedBy.set(r, node.key);
    else unusable.add(node.key);
  }
  // A replaced migration the squash stands for is not a node of the graph, nor a squash that cannot be used.
  const inGraph = (key: string) => graph.nodes.has(key) && !replacedBy.has(key) && !unusable.has(key);
  const effective = (key: string) => replacedBy.get(key) ?? key;
  const parentsOf = (key: string): string[] => {
    const node = graph.nodes.get(key);
    if (!node) return [];
    // A squash depends on what its replaced migrations depended on outside the squash.
    const inner = new Set(node.replaces);
    const raw = [...node.parents, ...node.replaces.flatMap((r) => graph.nodes.get(r)?.parents ?? [])];
    const out = raw.filter((p) => !inner.has(p)).map(effective);
    return [...new Set(out)].filter((p) => p !== key && inGraph(p));
  };
  const replacedSomewhere = new Set([...graph.nodes.values()].flatMap((n) => n.replaces));
  const known = (row: string) => graph.nodes.has(row) || replacedSomewhere.has(row);
  const unknown = rows.filter((r) => graph.apps.has(appOf(r)) && !known(r)).sort(byCodeUnit);
  const nodes = [...graph.nodes.keys()].filter(inGraph).sort(byCodeUnit);
  const inconsistent: [string, string][] = [];
  for (const key of nodes)
    if (applied.has(key)) for (const p of parentsOf(key)) if (!applied.has(p)) inconsistent.push([key, p]);
  const children = new Map<string, string[]>();
  for (const key of nodes) for (const p of parentsOf(key)) children.set(p, [...(children.get(p) ?? []), key]);
  const heads = nodes.filter((k) => !children.has(k));
  const positions = nodes.filter(
    (k) => applied.has(k) && !(children.get(k) ?? []).some((c) => applied.has(c)),
  );
  return {
    unknown,
    inconsistent,
    pending: inPlanOrder(
      nodes.filter((k) => !applied.has(k)),
      parentsOf,
    ),
    heads,
    positions: [...positions, ...unknown].sort(byCodeUnit),
  };
}

/** `keys` with every migration after the dependencies among them (ties by key): an order Django could apply. */
function inPlanOrder(keys: readonly string[], parentsOf: (key: string) => string[]): string[] {
  const wanted = new Set(keys);
  const out: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (key: string) => {
    if (placed.has(key) || visiting.has(key)) return; // a cycle is MIG's to report
    visiting.add(key);
    for (const p of parentsOf(key).sort(byCodeUnit)) if (wanted.has(p)) place(p);
    visiting.delete(key);
    placed.add(key);
    out.push(key);
  };
  for (const key of keys) place(key);
  return out;
}
