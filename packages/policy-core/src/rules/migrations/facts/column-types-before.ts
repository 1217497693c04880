import { seriesForwardFiles } from './series-forward-files.js';
import type { MigrationAnalysis } from '../../../migrations/migration-analysis.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';

/**
 * The type each plain column had just before each statement that renames it or changes its type
 * (`rename_column`, `alter_column_type`), in a series of .sql migrations: the expand/contract fix
 * adds a new column beside the old one, which must be of the old type (a rename) and may be filled
 * by an assignment cast only from types it knows (a type change). Worked out by replaying the
 * series' forward statements in the order its runner runs them: CREATE TABLE and ADD COLUMN set a
 * plain column's type (plain-columns.ts: nothing attached to it, which the new column would lack),
 * ALTER COLUMN TYPE changes it, a rename moves it, DROP forgets it; a statement that attaches
 * something to a column (a default, NOT NULL, an index on it, a constraint on its table, whose
 * columns are not read) makes it unknown, as does any table made another way. One pass per
 * series, memoized by the caller.
 */
export function columnTypesBefore(analysis: MigrationAnalysis, series: string): Map<SchemaOp, string> {
  const files = seriesForwardFiles(analysis, series);
  const types = new Map<string, string>();
  const at = new Map<SchemaOp, string>();
  for (const file of files)
    for (const op of file.ops) {
      if (op.back || op.table === undefined) continue;
      const table = `${op.schema ?? ''}.${op.table}`;
      const key = (column: string | undefined) => `${table}\u0000${column ?? ''}`;
      const set = (column: string | undefined, type: string | undefined) =>
        type === undefined ? types.delete(key(column)) : types.set(key(column), type);
      const before = types.get(key(op.column));
      if ((op.kind === 'rename_column' || op.kind === 'alter_column_type') && before !== undefined)
        at.set(op, before);
      switch (op.kind) {
        case 'create_table':
          forgetTable(types, table);
          for (const [column, type] of op.columnTypes ?? []) set(column, type);
          break;
        case 'add_column':
        case 'alter_column_type':
          set(op.column, op.columnType);
          break;
        case 'rename_column':
          set(op.column, undefined);
          set(op.newName, before);
          break;
        case 'drop_column':
        case 'set_not_null':
        case 'drop_not_null':
        case 'set_default':
          // A step whose column the reader does not name (SET DEFAULT) forgets the whole table.
          if (op.column !== undefined) set(op.column, undefined);
          else forgetTable(types, table);
          break;
        case 'create_index':
          if (op.columns) for (const c of op.columns) set(c, undefined);
          else forgetTable(types, table);
          break;
        case 'drop_table':
        case 'rename_table':
        case 'add_constraint':
        case 'alter_table':
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
