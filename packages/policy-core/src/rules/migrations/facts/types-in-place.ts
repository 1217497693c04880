import type { Finding } from '../../../finding.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import { changesWithoutRewrite } from '../../../migrations/sqlalchemy-type.js';
import { sqlTypeOfName } from '../../../migrations/sql-type-of-name.js';
import type { MigFacts } from './mig-facts.js';
import { seriesFiles } from './series-forward-files.js';

/**
 * MIG024 on SQL a series runs (a .sql migration, a Prisma or Drizzle one, the SQL of a TypeORM or
 * Knex migration): a type change PostgreSQL makes without a rewrite (changesWithoutRewrite:
 * varchar to text, a varchar limit raised, the type left as it was) is no finding, when the
 * column's type before is known from the series itself. The series' migrations are replayed in
 * the order their runner runs them: CREATE TABLE and ADD COLUMN give a column its type as written
 * (whatever is attached to it), ALTER COLUMN TYPE changes it, a rename moves it, a drop (or a
 * table made IF NOT EXISTS, or another way) forgets it. A USING expression, a COLLATE clause (the
 * column's indexes are rebuilt), a type the reader does not spell, a column it has not seen made:
 * the finding stays. Alembic's `op.alter_column` and
 * Django's AlterField judge their own (`existing_type`, the model state), Sequelize its replay.
 * Measured on PostgreSQL 15 by packages/cli/test/db/type-change-rewrite-on-postgres.test.ts.
 */
export function reviseInPlaceTypeChanges(facts: MigFacts, findings: Finding[]): void {
  if (!findings.some((f) => f.rule === 'MIG024')) return;
  const inPlace = new Set<string>();
  for (const files of seriesFiles(facts)) {
    const types = new Map<string, string>();
    for (const file of files) for (const op of file.ops) replay(op, file.path, types, inPlace);
  }
  if (inPlace.size === 0) return;
  const kept = findings.filter((f) => f.rule !== 'MIG024' || !inPlace.has(placeOf(f.file, f.range.start)));
  findings.length = 0;
  findings.push(...kept);
}

function replay(op: SchemaOp, path: string, types: Map<string, string>, inPlace: Set<string>): void {
  if (op.back || op.table === undefined) return;
  const table = `${op.schema ?? ''}.${op.table}\u0000`;
  const key = (column: string | undefined) => `${table}${column ?? ''}`;
  const forgetTable = () => {
    for (const k of [...types.keys()]) if (k.startsWith(table)) types.delete(k);
  };
  switch (op.kind) {
    case 'create_table':
      forgetTable();
      for (const [column, type] of op.everyColumnType ?? []) types.set(key(column), type);
      return;
    case 'add_column': {
      const [added] = op.everyColumnType ?? [];
      if (added) types.set(key(added[0]), added[1]);
      else types.delete(key(op.column));
      return;
    }
    case 'alter_column_type': {
      const before = types.get(key(op.column));
      const after = op.columnType;
      if (after === undefined || op.using) types.delete(key(op.column));
      else types.set(key(op.column), after);
      if (before === undefined || after === undefined || op.using || op.collate || op.range === undefined)
        return;
      const from = sqlTypeOfName(before);
      const to = sqlTypeOfName(after);
      if (from && to && changesWithoutRewrite(from, to)) inPlace.add(placeOf(path, op.range.start));
      return;
    }
    case 'rename_column': {
      const before = types.get(key(op.column));
      types.delete(key(op.column));
      if (before !== undefined && op.newName !== undefined) types.set(key(op.newName), before);
      return;
    }
    case 'drop_column':
      types.delete(key(op.column));
      return;
    case 'drop_table':
    case 'rename_table':
      forgetTable();
      return;
    case 'other':
      // A table made IF NOT EXISTS may be an older one, of other columns.
      if (op.createdIfMissing) forgetTable();
      return;
  }
}

function placeOf(file: string, at: { line: number; character: number }): string {
  return `${file}\u0000${at.line}:${at.character}`;
}
