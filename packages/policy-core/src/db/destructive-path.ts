import { type DbGraphView, type DestructiveOpView, descendsFrom } from './graph-view.js';

/**
 * What a careful stamp script verifies before stamping: that `alembic upgrade head` from the
 * baseline performs no destructive operation. Covers every head that descends from the baseline,
 * each operation listed once, in file and line order.
 */
export function destructiveOpsFromBaseline(graph: DbGraphView, baseline: string): DestructiveOpView[] {
  const seen = new Set<string>();
  const out: DestructiveOpView[] = [];
  for (const head of graph.heads()) {
    if (!descendsFrom(graph, head, baseline) || head === baseline) continue;
    for (const op of graph.destructiveOpsBetween(baseline, head)) {
      const key = `${op.file}:${op.line}:${op.rule}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(op);
    }
  }
  return out.sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.line - b.line));
}

/** `alembic/versions/x.py:12: MIG001 drop table "users" (revision 3f2a)`. */
export function formatDestructiveOp(op: DestructiveOpView): string {
  return `${op.file}:${op.line + 1}: ${op.rule} ${op.description} (revision ${op.revision})`;
}
