import type { Range } from '../finding.js';
import { doBlockOps } from './do-block.js';
import { functionFacts } from './function-calls.js';
import { insertSource, madeColumns } from './insert-copy-source.js';
import type { SchemaOp, SchemaOpKind } from './schema-op.js';
import { addColumnFacts, alterCmdFacts, maintenanceTable, statementFacts } from './sql-step-facts.js';
import {
  constraintObject,
  createdObject,
  droppedObjects,
  indexKey,
  type SchemaObject,
} from './object-definitions.js';
import { catalogSettingToggles, relationKey, settingToggles, type Toggle } from './setting-toggles.js';
import { asArr, asObj, type Obj, relname, relschema } from './sql-node.js';
import type { SqlStatement } from './sql-parser.js';
import { columnTypesOf, everyColumnTypeOf, plainColumnType } from './plain-columns.js';
import { sqlTypeName } from './sql-type-name.js';
import {
  dropNames,
  enumFacts,
  foreignKeyTables,
  interceptedTable,
  innerStatements,
} from './sql-statement-details.js';
import { deleteOrUpdateOp, mergeRowOps } from './row-statements.js';
import { createdNotNullColumns } from './create-not-null-columns.js';
import { markRowSecuritySteps, rowSecurityFacts } from './row-security.js';
import { statementLabel } from './statement-label.js';

/** Where a statement's findings go: `range` for the finding, `detail` for the exact statement. */
export type PlaceStatement = (start: number, end: number) => { range: Range; detail: Range };

function columnDefFacts(def: Obj | undefined): { notNull: boolean; hasDefault: boolean; name?: string } {
  let notNull = false;
  let hasDefault = false;
  for (const c of asArr(def?.constraints)) {
    const type = asObj(asObj(c)?.Constraint)?.contype;
    if (type === 'CONSTR_NOTNULL' || type === 'CONSTR_PRIMARY') notNull = true;
    if (type === 'CONSTR_DEFAULT' || type === 'CONSTR_IDENTITY' || type === 'CONSTR_GENERATED')
      hasDefault = true;
  }
  const name = def?.colname;
  return { notNull, hasDefault, ...(typeof name === 'string' ? { name } : {}) };
}

/** Translates one parsed SQL statement into the ops rules judge. */
export function sqlStatementOps(stmt: SqlStatement, sqlText: string, place: PlaceStatement): SchemaOp[] {
  const ops = statementOps(stmt, sqlText, place);
  // Statements it holds that run as well (innerStatements): each judged as one written alone, here.
  for (const inner of innerStatements(stmt.kind, stmt.node))
    ops.push(...sqlStatementOps({ ...stmt, ...inner }, sqlText, place));
  return ops;
}

function statementOps(stmt: SqlStatement, sqlText: string, place: PlaceStatement): SchemaOp[] {
  const where = place(stmt.start, stmt.end);
  const label = statementLabel(sqlText.slice(stmt.start, Math.min(stmt.end, stmt.start + 120)));
  const base = { range: where.range, detail: where.detail, source: 'sql' as const, label };
  const n = stmt.node;
  // The statement's relation schema (`ALTER TABLE s.users ...`) goes with its table name.
  const schema = relschema(n.relation ?? asObj(n.into)?.rel);
  const make = (kind: SchemaOpKind, extra: Partial<SchemaOp> = {}): SchemaOp => {
    const op: SchemaOp = { kind, ...base, ...extra };
    if (schema !== undefined && op.table !== undefined && op.schema === undefined) op.schema = schema;
    return op;
  };
  switch (stmt.kind) {
    case 'CreateStmt': {
      // IF NOT EXISTS may make nothing: the table may be an old one, whose later DROP or ALTER
      // must not pass as work on a table this migration made.
      if (n.if_not_exists === true)
        return [make('other', { table: relname(n.relation), createdIfMissing: true })];
      const references = foreignKeyTables(asArr(n.tableElts));
      const made = madeColumns(n);
      const types = made ? columnTypesOf(n) : undefined;
      const notNull = createdNotNullColumns(n);
      return [
        make('create_table', {
          table: relname(n.relation),
          ...(asObj(n.relation)?.relpersistence === 't' ? { temporary: true as const } : {}),
          ...(references.length ? { references } : {}),
          ...(made ? { madeColumns: made } : {}),
          ...(types ? { columnTypes: types } : {}),
          ...(notNull.length ? { notNullColumns: notNull } : {}),
          everyColumnType: everyColumnTypeOf(n),
        }),
      ];
    }
    case 'CreateTableAsStmt': {
      const rel = asObj(asObj(n.into)?.rel);
      return [
        make('create_table', {
          table: relname(rel),
          ...(rel?.relpersistence === 't' ? { temporary: true as const } : {}),
        }),
      ];
    }
    case 'DropStmt': {
      const names = dropNames(asArr(n.objects));
      const type = n.removeType;
      const kind: SchemaOpKind =
        type === 'OBJECT_TABLE'
          ? 'drop_table'
          : type === 'OBJECT_SCHEMA'
            ? 'drop_schema'
            : type === 'OBJECT_INDEX'
              ? 'drop_index'
              : 'other';
      const objects = droppedObjects(n);
      if (kind === 'other')
        return objects?.length ? objects.map((object) => make('other', { object })) : [make('other')];
      const concurrently = n.concurrent === true;
      return names.length === 0
        ? [make(kind)]
        : names.map(({ name, schema }) =>
            make(
              kind,
              kind === 'drop_index'
                ? { index: name, concurrently, ...objectOf(objects ?? [], indexKey(name)) }
                : kind === 'drop_schema' || schema === undefined
                  ? { table: name }
                  : { table: name, schema },
            ),
          );
    }
    case 'DropdbStmt':
      return [make('drop_database', { table: typeof n.dbname === 'string' ? n.dbname : undefined })];
    case 'DropOwnedStmt': // every object the roles own in the database, tables and data with them
      return [make('drop_database')];
    case 'TruncateStmt':
      return asArr(n.relations).map((r) => {
        const s = relschema(r);
        return make('truncate', s === undefined ? { table: relname(r) } : { table: relname(r), schema: s });
      });
    case 'DeleteStmt':
    case 'UpdateStmt':
      return [deleteOrUpdateOp(stmt.kind, n, make)];
    case 'IndexStmt':
      return [
        make('create_index', {
          table: relname(n.relation),
          index: typeof n.idxname === 'string' ? n.idxname : undefined,
          concurrently: n.concurrent === true,
          ...objectOf([createdObject(stmt.kind, n)]),
          // `ON ONLY parent`: the parser omits `inh` (false) for ONLY, and writes true otherwise.
          ...(asObj(n.relation)?.inh === true ? {} : { onlyParent: true }),
        }),
      ];
    case 'RenameStmt': {
      const table = relname(n.relation);
      const newName = typeof n.newname === 'string' ? n.newname : undefined;
      if (n.renameType === 'OBJECT_TABLE') return [make('rename_table', { table, newName })];
      if (n.renameType === 'OBJECT_COLUMN' && n.relationType === 'OBJECT_TABLE')
        return [make('rename_column', { table, column: n.subname as string, newName })];
      return [make('other')];
    }
    case 'DoStmt': {
      const block = doBlockOps(stmt, sqlText, (inner, offset, text) =>
        sqlStatementOps(inner, text, (start, end) => place(start + offset, end + offset)),
      );
      return [...block.ops, ...block.unread.map((reason) => make('unread_sql', { reason }))];
    }
    case 'AlterTableStmt': {
      const table = relname(n.relation);
      const rel = relationKey(n.objtype, schema, table);
      const cmds = asArr(n.cmds).map((c) => asObj(asObj(c)?.AlterTableCmd));
      if (n.objtype !== 'OBJECT_TABLE') {
        // An index's or a view's storage parameters set and reset again: toggles, when that is all.
        const toggles = cmds.map((cmd) => settingToggles(cmd, rel));
        const all = toggles.every((t) => t !== undefined) ? toggles.flat() : [];
        return [make('other', all.length > 0 ? { toggles: all as Toggle[] } : {})];
      }
      const ops = cmds.map((cmd) => alterTableCmdOp(cmd, table, schema, rel, make));
      markRowSecuritySteps(ops, cmds, n.relation);
      if (n.missing_ok === true) for (const op of ops) op.ifExists = true;
      return ops;
    }
    default: {
      const rows = stmt.kind === 'MergeStmt' ? mergeRowOps(n, make) : undefined;
      if (rows) return rows;
      const facts = statementFacts(stmt.kind, n);
      const { kind, ...step } = facts ?? { kind: 'other' };
      const extra: Partial<SchemaOp> = DATA_STATEMENTS.has(stmt.kind) ? { dataOnly: true } : {};
      const from = stmt.kind === 'InsertStmt' ? insertSource(n) : undefined;
      if (from) extra.copiedFrom = from;
      const intercepts = interceptedTable(stmt.kind, n);
      if (intercepts) extra.intercepts = intercepts;
      Object.assign(extra, rowSecurityFacts(stmt.kind, n));
      if (stmt.kind === 'TransactionStmt' && /^TRANS_STMT_ROLLBACK/.test(String(n.kind)))
        extra.rollsBack = true;
      const object = createdObject(stmt.kind, n);
      if (object) extra.object = object;
      const toggles = catalogSettingToggles(stmt.kind, n);
      if (toggles) extra.toggles = toggles;
      const made = enumFacts(stmt.kind, n);
      if (made) extra.enum = made;
      Object.assign(
        extra,
        functionFacts(stmt, sqlText, (inner, offset, text) =>
          sqlStatementOps(inner, text, (start, end) => place(start + offset, end + offset)),
        ),
      );
      if (facts !== undefined) {
        Object.assign(extra, step);
        const table = maintenanceTable(stmt.kind, n);
        if (table !== undefined && kind !== 'set_lock_timeout' && kind !== 'set_statement_timeout')
          extra.table = table;
      }
      return [make(kind, extra)];
    }
  }
}

/**
 * Statements that read or write rows, or maintain what exists (statistics, a materialised view's
 * rows, an index rebuilt as it was): running them changes no table definition.
 */
const DATA_STATEMENTS: ReadonlySet<string> = new Set([
  'VacuumStmt',
  'RefreshMatViewStmt',
  'ReindexStmt',
  'ClusterStmt',
  'CheckPointStmt',
  'DiscardStmt',
  'ExplainStmt',
  'ListenStmt',
  'UnlistenStmt',
  'InsertStmt',
  'SelectStmt',
  'MergeStmt',
  'CopyStmt',
  'VariableSetStmt',
  'VariableShowStmt',
  'NotifyStmt',
  'LockStmt',
  'TransactionStmt',
]);

/** `{ object }` for the one of `objects` with `key` (all of them when no key is asked), else nothing. */
function objectOf(
  objects: readonly (SchemaObject | undefined)[] | undefined,
  key?: string,
): { object?: SchemaObject } {
  const object = objects?.find((o) => o !== undefined && (key === undefined || o.key === key));
  return object ? { object } : {};
}

function alterTableCmdOp(
  cmd: Obj | undefined,
  table: string | undefined,
  schema: string | undefined,
  rel: string,
  make: (kind: SchemaOpKind, extra?: Partial<SchemaOp>) => SchemaOp,
): SchemaOp {
  const column = typeof cmd?.name === 'string' ? cmd.name : undefined;
  switch (cmd?.subtype) {
    case 'AT_DropColumn':
      return make('drop_column', { table, column });
    case 'AT_AddColumn': {
      const facts = columnDefFacts(asObj(asObj(cmd.def)?.ColumnDef));
      const def = asObj(asObj(cmd.def)?.ColumnDef);
      const type = plainColumnType(def);
      return make('add_column', {
        table,
        column: facts.name,
        notNull: facts.notNull,
        hasDefault: facts.hasDefault,
        ...addColumnFacts(asObj(asObj(cmd.def)?.ColumnDef)),
        ...(type ? { columnType: type } : {}),
        everyColumnType: facts.name ? everyColumnTypeOf({ tableElts: [cmd.def] }) : [],
      });
    }
    case 'AT_SetNotNull':
      return make('set_not_null', { table, column });
    case 'AT_AlterColumnType': {
      const def = asObj(asObj(cmd.def)?.ColumnDef);
      const type = sqlTypeName(asObj(def?.typeName));
      const using = def?.raw_default !== undefined;
      const collate = def?.collClause !== undefined; // a new collation: its indexes are rebuilt
      return make('alter_column_type', {
        table,
        column,
        ...(type ? { columnType: type } : {}),
        ...(using ? { using: true as const } : {}),
        ...(collate ? { collate: true as const } : {}),
      });
    }
    default: {
      const { kind, ...step } = alterCmdFacts(cmd);
      const toggles = settingToggles(cmd, rel);
      if (toggles) return make(kind, { table, toggles, ...step });
      const object = constraintObject(cmd, table, schema);
      if (object) return make(kind, { table, ...step, object });
      // DROP NOT NULL names its column, which the message names too.
      return make(kind, kind === 'drop_not_null' && column ? { table, column, ...step } : { table, ...step });
    }
  }
}
