import type { Range } from '../finding.js';
import type { DjangoHistoryGraph } from './django-history.js';

/**
 * The slice of a revision graph the database audit needs. The migrations analysis provides
 * the real graph (`migrations/revision-graph.ts`); this interface keeps the audit independent
 * of how that graph is built, so tests can hand-build one.
 */
export interface DbGraphView {
  /** Revisions nothing revises (what `alembic upgrade heads` goes to). */
  heads(): string[];
  /**
   * The heads of the tree `rev` belongs to, when the view spans several independent trees
   * (a database tracked by one tree is not behind the heads of another).
   */
  headsOf?(rev: string): string[];
  has(rev: string): boolean;
  /** Strict ancestors of `rev` (everything `rev` depends on, transitively). */
  ancestorsOf(rev: string): Iterable<string>;
  /** Destructive operations in the revisions after `from` up to and including `to`. */
  destructiveOpsBetween(from: string, to: string): DestructiveOpView[];
  /** Repo-relative file of a revision, for related locations; undefined when unknown. */
  fileOf(rev: string): string | undefined;
  /** Where the revision's `revision = '…'` assignment stands in its file, when known. */
  revisionRange?(rev: string): Range | undefined;
  /**
   * Set when the graph is Django's (revisions are `app.name`): a database's `django_migrations`
   * rows are judged with Django's loader semantics (db/django-history.ts), not as Alembic heads.
   */
  django?: DjangoHistoryGraph;
}

/** One destructive operation on the way to head, as `stamp-baseline` lists it. */
export interface DestructiveOpView {
  rule: string;
  revision: string;
  file: string;
  /** 0-based line. */
  line: number;
  description: string;
}

/**
 * Revisions an `alembic upgrade heads` would apply to a database at `applied`, in an order
 * Alembic could apply them (every revision after all of its ancestors).
 */
export function pendingRevisions(graph: DbGraphView, applied: readonly string[]): string[] {
  const heads = headsFor(graph, applied);
  const done = new Set<string>();
  for (const rev of applied) {
    if (!graph.has(rev)) continue;
    done.add(rev);
    for (const a of graph.ancestorsOf(rev)) done.add(a);
  }
  const depth = new Map<string, number>();
  for (const head of heads) {
    for (const rev of [head, ...graph.ancestorsOf(head)]) {
      if (done.has(rev) || depth.has(rev)) continue;
      // A revision has strictly more ancestors than any of its ancestors: a topological key.
      depth.set(rev, [...graph.ancestorsOf(rev)].length);
    }
  }
  return [...depth.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([rev]) => rev);
}

/** The heads a database at `applied` moves to: those of the trees its revisions belong to. */
export function headsFor(graph: DbGraphView, applied: readonly string[]): string[] {
  const known = applied.filter((rev) => graph.has(rev));
  if (!graph.headsOf || known.length === 0) return graph.heads();
  return [...new Set(known.flatMap((rev) => graph.headsOf?.(rev) ?? []))].sort();
}

/** True when `rev` is `base` or descends from it. */
export function descendsFrom(graph: DbGraphView, rev: string, base: string): boolean {
  if (rev === base) return true;
  if (!graph.has(rev)) return false;
  for (const a of graph.ancestorsOf(rev)) if (a === base) return true;
  return false;
}

/**
 * Recorded revisions one of which is an ancestor of another (`[ancestor, descendant]` pairs).
 * Alembic refuses such a version table ("overlaps with other requested revisions"): each row
 * must be a distinct branch head.
 */
export function overlappingVersions(graph: DbGraphView, versions: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const a of versions) {
    for (const d of versions) if (a !== d && graph.has(d) && descendsFrom(graph, d, a)) out.push([a, d]);
  }
  return out;
}

/** A graph view over several independent Alembic trees: a revision belongs to the tree that has it. */
export function combineGraphViews(views: readonly DbGraphView[]): DbGraphView {
  const owner = (rev: string) => views.find((v) => v.has(rev));
  return {
    heads: () => views.flatMap((v) => v.heads()),
    headsOf: (rev) => owner(rev)?.heads() ?? [],
    has: (rev) => owner(rev) !== undefined,
    ancestorsOf: (rev) => owner(rev)?.ancestorsOf(rev) ?? [],
    destructiveOpsBetween: (from, to) => owner(to)?.destructiveOpsBetween(from, to) ?? [],
    fileOf: (rev) => owner(rev)?.fileOf(rev),
    revisionRange: (rev) => owner(rev)?.revisionRange?.(rev),
  };
}
