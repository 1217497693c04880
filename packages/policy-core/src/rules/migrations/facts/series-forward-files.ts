import { byNumbers } from '../../../migrations/applied-history.js';
import { upgradeOrder } from '../../../migrations/graph-order.js';
import type {
  MigrationAnalysis,
  MigrationTree,
  SqlMigrationFile,
} from '../../../migrations/migration-analysis.js';
import { inSeriesOrder, seriesOf } from '../../../migrations/migration-series.js';
import { sqlFilePart } from '../../../migrations/sql-migration-parts.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import { forwardOps } from '../../../migrations/sql-file.js';
import type { MigFacts, MigrationFile } from './mig-facts.js';

/** The .sql migrations of `series` its runner runs forward, in the order it runs them. */
export function seriesForwardFiles(analysis: MigrationAnalysis, series: string): SqlMigrationFile[] {
  return analysis.sqlFiles
    .filter((f) => seriesOf(f.path) === series && sqlFilePart(f.path, analysis.sqlRunner) === 'forward')
    .sort((a, b) => inSeriesOrder(a.path, b.path, byNumbers));
}

/** Every series' .sql migrations its runner runs forward (seriesForwardFiles), by series, in one pass. */
export function forwardSeries(analysis: MigrationAnalysis): Map<string, SqlMigrationFile[]> {
  const out = new Map<string, SqlMigrationFile[]>();
  for (const f of analysis.sqlFiles) {
    if (sqlFilePart(f.path, analysis.sqlRunner) !== 'forward') continue;
    const series = seriesOf(f.path);
    const list = out.get(series) ?? [];
    list.push(f);
    out.set(series, list);
  }
  for (const list of out.values()) list.sort((a, b) => inSeriesOrder(a.path, b.path, byNumbers));
  return out;
}

/** A migration of a series: its path, the ops it runs forward, the file the per-file rules judge. */
export interface SeriesFile {
  path: string;
  ops: readonly SchemaOp[];
  file: MigrationFile;
}

/**
 * The files whose SQL each series runs forward, in its runner's order: the .sql series as every
 * history fact reads them (forwardSeries), and each JS tree as the tool runs it (its modules are
 * kept in that order: js-tree.ts; TypeORM's is its classes' timestamps). Sequelize's changeColumn
 * has its own replay (sequelize-types-before.ts).
 */
export function seriesFiles(facts: MigFacts): SeriesFile[][] {
  const out = [...forwardSeries(facts.analysis).values()].map((files) =>
    files.map((f): SeriesFile => ({ path: f.path, ops: forwardOps(f.ops), file: { kind: 'sql', file: f } })),
  );
  for (const tree of facts.analysis.trees)
    if (tree.js !== undefined && tree.js !== 'sequelize') out.push(moduleFiles(tree.modules));
  return out;
}

/** A JS tree's migrations, in the order its tool runs them (js-tree.ts keeps them so). */
function moduleFiles(modules: MigrationTree['modules']): SeriesFile[] {
  return modules
    .filter((m) => m.isMigration)
    .map(
      (m): SeriesFile => ({ path: m.path, ops: m.upgrade?.ops ?? [], file: { kind: 'module', module: m } }),
    );
}

/**
 * seriesFiles, Sequelize's tree, and each Alembic or Django tree, its revisions in upgrade order (Kahn's, ties by
 * id: on parallel branches a sibling may come first, as `upgrade heads` may run it), each with
 * the ops of its upgrade(): for the replays whose facts those readers record (a create step's
 * NOT NULL columns), where types-in-place leaves them to judge their own.
 */
export function everySeriesFiles(facts: MigFacts): SeriesFile[][] {
  // Built once per check: each replay that reads it asks.
  const memoKey = 'every-series-files';
  const known = facts.memo.get(memoKey) as SeriesFile[][] | undefined;
  if (known) return known;
  const out = seriesFiles(facts);
  facts.memo.set(memoKey, out);
  for (const tree of facts.analysis.trees) {
    // Sequelize's tree, which seriesFiles leaves to its own type replay, in the order it runs.
    if (tree.js === 'sequelize') out.push(moduleFiles(tree.modules));
    if (tree.js !== undefined) continue;
    const byPath = new Map(tree.modules.map((m) => [m.path, m]));
    const files: SeriesFile[] = [];
    for (const rev of upgradeOrder(tree.graph)) {
      const node = tree.graph.get(rev);
      const m = node && byPath.get(node.file);
      if (m?.isMigration)
        files.push({ path: m.path, ops: m.upgrade?.ops ?? [], file: { kind: 'module', module: m } });
    }
    out.push(files);
  }
  return out;
}
