import { upgradeOrder } from '../migrations/graph-order.js';
import type { MigrationAnalysis } from '../migrations/analyze.js';
import type { RepoView } from '../repo.js';
import type { TraceSource } from './plan-types.js';

/**
 * The order runners apply .sql migrations in: by name, numbers by value (`2_users` before
 * `10_orders`, `v1.2/` before `v1.10/`), as golang-migrate, goose and Flyway read versions.
 * Names that differ only in leading zeros keep their text order.
 * @internal
 */
export function runOrder(a: string, b: string): number {
  const chunks = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const [x, y] = [chunks(a), chunks(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i] as string, y[i] as string];
    if (p === q) continue;
    if (/^\d/.test(p) && /^\d/.test(q)) {
      const [m, n] = [p.replace(/^0+/, ''), q.replace(/^0+/, '')];
      if (m.length !== n.length) return m.length - n.length;
      if (m !== n) return m < n ? -1 : 1;
    }
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * Which migrations build the schema before the traced ones, in the order they run: for .sql
 * migrations the policy's files that come before the first traced one in runOrder (migration
 * runners apply them by name and version); for Alembic and a Django app the ancestors of the
 * traced revisions, parents first (a Django app's only: another app's tables are not built).
 */
export function traceSources(
  repo: RepoView,
  analysis: MigrationAnalysis,
  tracedPaths: readonly string[],
): {
  history: TraceSource[];
  traced: TraceSource[];
  unknown: string[];
} {
  const read = (path: string): TraceSource | undefined => {
    const text = repo.readFile(path);
    if (text === undefined) return undefined;
    return path.endsWith('.py') ? { path, text } : { path, text, sqlRunner: analysis.sqlRunner };
  };
  const tracedSet = new Set(tracedPaths);
  const history: TraceSource[] = [];
  const traced: TraceSource[] = [];
  const known = new Set<string>();
  // SQL: by name, earlier than the first traced file.
  const sqlPaths = analysis.sqlFiles.map((f) => f.path).sort(runOrder);
  const firstSql = sqlPaths.find((p) => tracedSet.has(p));
  for (const p of sqlPaths) {
    known.add(p);
    if (firstSql !== undefined && runOrder(p, firstSql) < 0 && !tracedSet.has(p)) {
      const s = read(p);
      if (s) history.push(s);
    }
  }
  // Alembic, Django and the JS tools: ancestors of the traced revisions (a Django app's earlier
  // migrations, in its graph's order; a JS tool's series in its order), then the traced ones.
  for (const tree of analysis.trees) {
    const app = tree.django;
    const jsModules = tree.js === undefined ? undefined : new Map(tree.modules.map((m) => [m.path, m]));
    const readIn = (path: string): TraceSource | undefined => {
      const s = read(path);
      if (!s) return s;
      const jsModule = jsModules?.get(path);
      if (jsModule) return { path: s.path, text: s.text, jsModule };
      return app !== undefined ? { ...s, djangoApp: app } : s;
    };
    const graph = tree.graph;
    const order = upgradeOrder(graph);
    const tracedRevs = order.filter((r) => tracedSet.has(graph.fileOf(r) ?? ''));
    const before = new Set<string>();
    for (const r of tracedRevs)
      for (const a of graph.ancestorsOf(r)) if (!tracedRevs.includes(a)) before.add(a);
    for (const r of order) {
      const file = graph.fileOf(r);
      if (file === undefined) continue;
      known.add(file);
      const s = before.has(r) ? readIn(file) : undefined;
      if (s) history.push(s);
    }
    for (const r of tracedRevs) {
      const s = readIn(graph.fileOf(r) as string);
      if (s) traced.push(s);
    }
  }
  for (const p of sqlPaths.filter((p) => tracedSet.has(p))) {
    const s = read(p);
    if (s) traced.push(s);
  }
  return {
    history,
    traced,
    unknown: tracedPaths.filter((p) => !known.has(p)),
  };
}
