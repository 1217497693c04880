import { firstIndex } from '../../../first-index.js';
import { withDescendants } from '../../../migrations/graph-descendants.js';
import { upgradeOrder } from '../../../migrations/graph-order.js';
import { seriesOf } from '../../../migrations/migration-series.js';
import type { RevisionGraph } from '../../../migrations/revision-graph.js';
import { type SchemaOp, tableKey } from '../../../migrations/schema-op.js';
import type { GuardedVerdict } from './guarded-tables.js';
import type { MigFacts } from './mig-facts.js';
import { seriesForwardFiles } from './series-forward-files.js';
import {
  addStep,
  type Doubt,
  earlier,
  noSteps,
  type Step,
  type Steps,
  stepsOf,
  type TableSteps,
  type Word,
} from './table-steps.js';

/**
 * Whether a table a migration makes with CREATE TABLE IF NOT EXISTS was there before it, from
 * the history Slipway reads: the migrations before it in its series, in the order their runner
 * runs them (a tree's upgrade order, restricted to the revision's ancestors; a .sql series' file
 * order). The last of them to make, use, drop or rename the table says whether it exists; none
 * of them naming it leaves it `new` (made here). SQL Slipway does not read after that last word,
 * a step on the table run only under a condition of the code, or another branch of the history
 * making it too, leaves it unknown, and says so.
 */
export type TableBefore = GuardedVerdict | { new: true };

interface SeriesFile {
  path: string;
  ops: readonly SchemaOp[];
  rev?: string;
}

interface Series {
  files: SeriesFile[];
  graph?: RevisionGraph;
  /** Its steps by table, built on the first question (stepsOf). */
  steps?: Steps;
}

/** Each migration's series and place in it, built once per check. */
type Places = Map<string, { series: Series; at: number }>;

function placesOf(facts: MigFacts): Places {
  const memoKey = 'guarded-table-places';
  let places = facts.memo.get(memoKey) as Places | undefined;
  if (places) return places;
  places = new Map();
  for (const tree of facts.analysis.trees) {
    const graph = tree.graph;
    const files = upgradeOrder(graph).flatMap((rev) => {
      const node = graph.get(rev);
      return node ? [{ path: node.file, ops: node.upgradeOps, rev }] : [];
    });
    // A history that is one line runs its revisions in file order: what runs before a revision
    // is what comes before it, with no ancestor sets to build (one per revision, its square).
    const series: Series = isOneLine(graph) ? { files } : { files, graph };
    for (const [at, f] of files.entries()) places.set(f.path, { series, at });
  }
  const seen = new Set<string>();
  for (const file of facts.analysis.sqlFiles) {
    const name = seriesOf(file.path);
    if (seen.has(name)) continue;
    seen.add(name);
    const files = seriesForwardFiles(facts.analysis, name).map((f) => ({
      path: f.path,
      ops: f.ops.filter((op) => !op.back),
    }));
    const series: Series = { files };
    for (const [at, f] of files.entries()) places.set(f.path, { series, at });
  }
  facts.memo.set(memoKey, places);
  return places;
}

/** One base, one head, and no revision with two parents or two children: a line. */
function isOneLine(graph: RevisionGraph): boolean {
  if (graph.heads().length !== 1) return false;
  let bases = 0;
  for (const n of graph.revisions()) {
    if (n.downRevisions.length === 0 || n.downRevisions.some((p) => !graph.has(p))) bases++;
    if (n.downRevisions.length > 1 || graph.childrenOf(n.revision).length > 1 || bases > 1) return false;
  }
  return bases === 1;
}

/** What the migrations before one say of a table: the last certain word and the first doubt since. */
interface Said {
  last?: Word;
  doubted?: Doubt;
}

/**
 * Whether each table a migration makes with CREATE TABLE IF NOT EXISTS was there before it, asked
 * in the order of its ops: `note` each op, and ask `of` a CREATE before noting it. One walk of the
 * migration and one look at each table's steps in the history, however many tables it makes.
 */
export class TablesBefore {
  private readonly place: { series: Series; at: number } | undefined;
  private ancestorSet: ReadonlySet<string> | undefined;
  private descendants: Set<string> | undefined;
  /** This migration's own steps so far, in the same shape as the history's (positions its own). */
  private readonly own: Steps = noSteps();
  private pos = 0;

  constructor(
    facts: MigFacts,
    private readonly path: string,
  ) {
    this.place = placesOf(facts).get(path);
  }

  /** The revision's ancestors, built on the first question that needs them (none in a .sql series or a one-line history). */
  private get ancestors(): ReadonlySet<string> | undefined {
    if (this.ancestorSet) return this.ancestorSet;
    const self = this.place?.series.files[this.place.at];
    const graph = this.place?.series.graph;
    this.ancestorSet = graph && self?.rev !== undefined ? graph.ancestorsOf(self.rev) : undefined;
    return this.ancestorSet;
  }

  /** Notes `op`, the migration's next one. */
  note(op: SchemaOp): void {
    addStep(this.own, ++this.pos, 0, this.path, op);
  }

  /** Whether the table `created` makes was there before it (the ops noted so far ran ahead of it). */
  of(created: SchemaOp): TableBefore {
    if (!this.place) return { unknown: 'its place in the history is not known' };
    const key = tableKey(created) as string;
    const series = this.place.series;
    series.steps ??= stepsOf(series.files);
    const history = series.steps;
    const sibling = this.sibling(history.byTable.get(key));
    if (sibling !== undefined)
      return { unknown: `${sibling}, on another branch of the history, makes or uses it too` };
    const before = this.before(history, key);
    const own = this.own.byTable.get(key);
    const last = own?.words.at(-1);
    // The migration's own last word on the table, if it has one, outweighs the history's.
    const said: Said = last
      ? { last, doubted: this.firstDoubt(this.own, own, last.pos, 1, () => true) }
      : { ...before, doubted: before.doubted ?? this.firstDoubt(this.own, own, 0, 1, () => true) };
    if (said.doubted !== undefined) return { unknown: said.doubted.why };
    if (said.last === undefined || said.last.said === 'gone') return { new: true };
    return { existed: { file: said.last.file, op: said.last.op } };
  }

  /** Whether the migration at `at` in the series runs before this one: an ancestor, or earlier in file order. */
  private runsBefore(at: number): boolean {
    if (!this.ancestors) return at < (this.place as { at: number }).at;
    const rev = this.place?.series.files[at]?.rev;
    return rev !== undefined && this.ancestors.has(rev);
  }

  /**
   * What the migrations that run before this one say of `key`. They all come before it in the
   * series (an ancestor comes before its descendants in upgrade order): the steps from this
   * migration on are never looked at.
   */
  private before(history: Steps, key: string): Said {
    const self = (this.place as { at: number }).at;
    const table = history.byTable.get(key);
    let last: Word | undefined;
    const words = table?.words ?? [];
    for (let i = firstIndex(words, (s) => s.at >= self) - 1; i >= 0 && last === undefined; i--) {
      const w = words[i] as Word;
      if (this.runsBefore(w.at)) last = w;
    }
    const doubted = this.firstDoubt(history, table, last?.pos ?? 0, self, (s) => this.runsBefore(s.at));
    return { ...(last ? { last } : {}), ...(doubted ? { doubted } : {}) };
  }

  /**
   * The first doubt on the table (its own, or unread SQL) after `pos`, in a migration before the
   * `until`th, among the steps `counts` keeps.
   */
  private firstDoubt(
    steps: Steps,
    table: TableSteps | undefined,
    pos: number,
    until: number,
    counts: (s: Step) => boolean,
  ): Doubt | undefined {
    const first = (list: readonly Doubt[]) => {
      for (let i = firstIndex(list, (s) => s.pos > pos); i < list.length; i++) {
        const d = list[i] as Doubt;
        if (d.at >= until) return undefined;
        if (counts(d)) return d;
      }
      return undefined;
    };
    return earlier(first(table?.doubts ?? []), first(steps.unread));
  }

  /**
   * A migration on another branch of the history that makes or uses the table: one neither before
   * this one (an ancestor) nor after it (a descendant) may run before it or not.
   */
  private sibling(table: TableSteps | undefined): string | undefined {
    if (!this.ancestors || !table) return undefined;
    const { series, at } = this.place as { series: Series; at: number };
    const self = series.files[at] as SeriesFile;
    for (const j of table.there) {
      const f = series.files[j] as SeriesFile;
      if (j === at || f.rev === undefined || this.ancestors.has(f.rev)) continue;
      // Before it in upgrade order and not an ancestor is a sibling; after it, unless a descendant.
      // The revisions after it: walked once per question, never cached (a long history's sets would be quadratic).
      this.descendants ??= withDescendants(
        series.graph as RevisionGraph,
        (series.graph as RevisionGraph).childrenOf(self.rev as string),
      );
      if (j < at || !this.descendants.has(f.rev)) return f.path;
    }
    return undefined;
  }
}
