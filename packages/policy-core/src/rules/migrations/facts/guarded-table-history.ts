import { upgradeOrder } from '../../../migrations/graph-order.js';
import { seriesOf } from '../../../migrations/migration-series.js';
import { renamedToKey } from '../../../migrations/op-positions.js';
import type { RevisionGraph } from '../../../migrations/revision-graph.js';
import { type SchemaOp, type SchemaOpKind, tableKey } from '../../../migrations/schema-op.js';
import type { GuardedVerdict } from './guarded-tables.js';
import type { MigFacts } from './mig-facts.js';
import { seriesForwardFiles } from './series-forward-files.js';

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
}

/** Each migration's series and place in it, built once per check. */
type Places = Map<string, { series: Series; at: number }>;

// Steps that need the table to be there: a migration running one had the table.
const USES: ReadonlySet<SchemaOpKind> = new Set([
  'add_column',
  'drop_column',
  'rename_column',
  'alter_column_type',
  'set_not_null',
  'drop_not_null',
  'set_default',
  'create_index',
  'add_constraint',
  'validate_constraint',
  'drop_constraint',
  'alter_table',
  'truncate',
  'delete',
  'update',
]);

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
    const series: Series = { files, graph };
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

/**
 * What `op` says of the table `key`: there after it, gone after it, or nothing (ALTER TABLE IF
 * EXISTS needs no table).
 */
function effect(op: SchemaOp, key: string): 'there' | 'gone' | undefined {
  if (renamedToKey(op) === key) return 'there';
  if (op.table === undefined || op.ifExists || tableKey(op) !== key) return undefined;
  if (op.kind === 'drop_table' || op.kind === 'rename_table') return 'gone';
  return op.kind === 'create_table' || op.createdIfMissing || USES.has(op.kind) ? 'there' : undefined;
}

/** Why `op` leaves the table's state in doubt, if it does: SQL not read, or a step run only if something holds. */
function doubt(op: SchemaOp, key: string, file: string): string | undefined {
  if (op.kind === 'unread_sql')
    return `${file} runs SQL Slipway does not read (MIG030), which may make or drop it`;
  if (op.conditional && effect(op, key) !== undefined)
    return `${file} makes, uses or drops it only under a condition of its code, \`${op.label}\``;
  return undefined;
}

/** The revisions after `rev` in the history: walked once per question, never cached (a long history's sets would be quadratic). */
function descendantsOf(graph: RevisionGraph, rev: string): Set<string> {
  const out = new Set<string>();
  const stack = [...graph.childrenOf(rev)];
  while (stack.length > 0) {
    const r = stack.pop() as string;
    if (out.has(r)) continue;
    out.add(r);
    stack.push(...graph.childrenOf(r));
  }
  return out;
}

/**
 * Whether the table `created` (an IF NOT EXISTS of the migration at `path`) was there before it:
 * `before` is what the same migration ran ahead of it.
 */
export function tableBefore(
  facts: MigFacts,
  path: string,
  before: readonly SchemaOp[],
  created: SchemaOp,
): TableBefore {
  const key = tableKey(created) as string;
  const place = placesOf(facts).get(path);
  if (!place) return { unknown: 'its place in the history is not known' };
  const { series, at } = place;
  const self = series.files[at] as SeriesFile;
  const ancestors = series.graph && self.rev !== undefined ? series.graph.ancestorsOf(self.rev) : undefined;
  let descendants: Set<string> | undefined;
  let last: { file: string; op: SchemaOp } | 'gone' | undefined;
  // The first doubt since the last certain word on the table.
  let doubted: string | undefined;
  const visit = (file: string, op: SchemaOp) => {
    const why = doubt(op, key, file);
    if (why !== undefined) {
      doubted ??= why;
      return;
    }
    const said = effect(op, key);
    if (said === undefined) return;
    last = said === 'gone' ? 'gone' : { file, op };
    doubted = undefined;
  };
  for (let j = 0; j < series.files.length; j++) {
    const f = series.files[j] as SeriesFile;
    if (j === at) continue;
    const earlier = ancestors ? f.rev !== undefined && ancestors.has(f.rev) : j < at;
    if (earlier) for (const op of f.ops) visit(f.path, op);
    else if (ancestors && f.rev !== undefined && f.ops.some((op) => effect(op, key) === 'there')) {
      // Neither an ancestor nor a descendant: a sibling branch, which may run before it or not.
      // Before it in upgrade order and not an ancestor is a sibling; after it, unless a descendant.
      descendants ??= descendantsOf(series.graph as RevisionGraph, self.rev as string);
      if (j < at || !descendants.has(f.rev))
        return { unknown: `${f.path}, on another branch of the history, makes or uses it too` };
    }
  }
  for (const op of before) visit(path, op);
  if (doubted !== undefined) return { unknown: doubted };
  if (last === undefined || last === 'gone') return { new: true };
  return { existed: last };
}
