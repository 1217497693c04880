import { byNumbers } from '../../../migrations/applied-history.js';
import type { MigrationAnalysis } from '../../../migrations/migration-analysis.js';
import { inSeriesOrder, seriesOf } from '../../../migrations/migration-series.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import { sqlFilePart } from '../../../migrations/sql-migration-parts.js';

/**
 * The type each column had just before each statement that renames one (`rename_column`), in a
 * series of .sql migrations: the expand/contract fix adds the new name beside the old one, of the
 * same type, and can write that only when the series itself says what it is. Worked out by
 * replaying the series' forward statements in the order its runner runs them: CREATE TABLE and
 * ADD COLUMN set a type, ALTER COLUMN TYPE changes it, a rename moves it, DROP COLUMN and DROP
 * TABLE forget it. A type the reader could not write back (sql-type-name.ts), a table made any
 * other way (CREATE TABLE AS, LIKE, INHERITS), or a column the series never made: unknown.
 * One pass per series, memoized by the caller.
 */
export function renamedColumnTypes(analysis: MigrationAnalysis, series: string): Map<SchemaOp, string> {
  const files = analysis.sqlFiles
    .filter((f) => seriesOf(f.path) === series && sqlFilePart(f.path, analysis.sqlRunner) === 'forward')
    .sort((a, b) => inSeriesOrder(a.path, b.path, byNumbers));
  const types = new Map<string, string>();
  const at = new Map<SchemaOp, string>();
  for (const file of files)
    for (const op of file.ops) {
      if (op.back || op.table === undefined) continue;
      const table = `${op.schema ?? ''}.${op.table}`;
      const key = (column: string | undefined) => `${table}\u0000${(column ?? '').toLowerCase()}`;
      const set = (column: string | undefined, type: string | undefined) =>
        type === undefined ? types.delete(key(column)) : types.set(key(column), type);
      switch (op.kind) {
        case 'create_table':
          forgetTable(types, table);
          for (const [column, type] of op.columnTypes ?? []) set(column, type);
          break;
        case 'add_column':
        case 'alter_column_type':
          set(op.column, op.columnType);
          break;
        case 'rename_column': {
          const type = types.get(key(op.column));
          if (type !== undefined) at.set(op, type);
          set(op.column, undefined);
          set(op.newName, type);
          break;
        }
        case 'drop_column':
          set(op.column, undefined);
          break;
        case 'drop_table':
        case 'rename_table':
          forgetTable(types, table);
          break;
      }
    }
  return at;
}

function forgetTable(types: Map<string, string>, table: string): void {
  const prefix = `${table}\u0000`;
  for (const key of [...types.keys()]) if (key.startsWith(prefix)) types.delete(key);
}
