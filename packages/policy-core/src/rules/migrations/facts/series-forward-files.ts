import { byNumbers } from '../../../migrations/applied-history.js';
import type { MigrationAnalysis, SqlMigrationFile } from '../../../migrations/migration-analysis.js';
import { inSeriesOrder, seriesOf } from '../../../migrations/migration-series.js';
import { sqlFilePart } from '../../../migrations/sql-migration-parts.js';

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
