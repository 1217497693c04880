type Obj = Record<string, unknown>;

/**
 * The names of what a statement makes, and of what a PostgreSQL error says is missing, in one
 * form, so that a step that failed only because an earlier one was not traced (`relation "users"
 * does not exist`) is told from one that failed on its own. Relations (tables, indexes, views,
 * sequences) and constraints by name (`app.users` when schema-qualified), columns as
 * `table.column`, and `type x`, `function f`, `schema s`, `extension e`.
 */

const rangeVar = (v: unknown): string | undefined => {
  const r = v as Obj | undefined;
  if (typeof r?.relname !== 'string') return undefined;
  return typeof r.schemaname === 'string' ? `${r.schemaname}.${r.relname}` : r.relname;
};

const lastName = (list: unknown): string | undefined => {
  const items = list as Obj[] | undefined;
  const last = items?.[items.length - 1]?.String as Obj | undefined;
  return typeof last?.sval === 'string' ? last.sval : undefined;
};

/** A column or a constraint among a table's elements (CREATE TABLE, ALTER TABLE ADD). */
function elementNames(table: string, element: Obj | undefined): string[] {
  const column = element?.ColumnDef as Obj | undefined;
  if (typeof column?.colname === 'string') return [`${table}.${column.colname}`];
  const constraint = element?.Constraint as Obj | undefined;
  return typeof constraint?.conname === 'string' ? [constraint.conname] : [];
}

/** What a statement makes, from its parse tree (libpg-query's JSON); empty when it makes nothing named. */
export function namesMade(kind: string, node: Obj): string[] {
  const names = (...n: (string | undefined)[]) => n.filter((x): x is string => x !== undefined);
  switch (kind) {
    case 'CreateStmt': {
      const table = rangeVar(node.relation);
      if (table === undefined) return [];
      return [table, ...((node.tableElts as Obj[] | undefined) ?? []).flatMap((e) => elementNames(table, e))];
    }
    case 'AlterTableStmt': {
      const table = rangeVar(node.relation);
      if (table === undefined) return [];
      return ((node.cmds as Obj[] | undefined) ?? []).flatMap((c) => {
        const cmd = c.AlterTableCmd as Obj | undefined;
        return cmd?.subtype === 'AT_AddColumn' || cmd?.subtype === 'AT_AddConstraint'
          ? elementNames(table, cmd.def as Obj)
          : [];
      });
    }
    case 'IndexStmt':
      return names(typeof node.idxname === 'string' ? node.idxname : undefined);
    case 'RenameStmt': {
      if (typeof node.newname !== 'string') return [];
      const table = rangeVar(node.relation);
      return node.renameType === 'OBJECT_COLUMN' && table !== undefined
        ? [`${table}.${node.newname}`]
        : [node.newname];
    }
    case 'CreateSeqStmt':
      return names(rangeVar(node.sequence));
    case 'ViewStmt':
      return names(rangeVar(node.view));
    case 'CreateTableAsStmt':
      return names(rangeVar((node.into as Obj | undefined)?.rel));
    case 'CreateEnumStmt':
    case 'CompositeTypeStmt':
    case 'CreateRangeStmt': {
      const type = lastName(node.typeName) ?? rangeVar(node.typevar);
      return type === undefined ? [] : [`type ${type}`];
    }
    case 'CreateDomainStmt': {
      const type = lastName(node.domainname);
      return type === undefined ? [] : [`type ${type}`];
    }
    case 'CreateFunctionStmt': {
      const fn = lastName(node.funcname);
      return fn === undefined ? [] : [`function ${fn}`];
    }
    case 'CreateSchemaStmt':
      return typeof node.schemaname === 'string' ? [`schema ${node.schemaname}`] : [];
    case 'CreateExtensionStmt':
      return typeof node.extname === 'string' ? [`extension ${node.extname}`] : [];
    default:
      return [];
  }
}

/** What a PostgreSQL error says is missing, in the form namesMade gives; undefined for any other error. */
export function missingName(error: string): string | undefined {
  const column = /^column "([^"]+)" of relation "([^"]+)" does not exist/.exec(error);
  if (column) return `${column[2]}.${column[1]}`;
  const named =
    /^(?:relation|table|index|view|sequence|constraint) "([^"]+)"(?: of relation "[^"]+")? does not exist/.exec(
      error,
    );
  if (named) return named[1];
  const other = /^(type|schema) "([^"]+)" does not exist/.exec(error);
  if (other) return `${other[1]} ${other[2]}`;
  const fn = /^function ([^(\s]+)\(/.exec(error);
  if (fn && / does not exist/.test(error)) return `function ${fn[1]?.split('.').pop()}`;
  return undefined;
}

/**
 * A column an error names without its table (`column "user_id" referenced in foreign key
 * constraint does not exist`): matched against every table's column of that name.
 */
export function missingColumn(error: string): string | undefined {
  return /^column "([^"]+)" (?:referenced in foreign key constraint|named in key) does not exist/.exec(
    error,
  )?.[1];
}

/** The extension an error says the server lacks (`extension "postgis" is not available`). */
export function missingExtension(error: string): string | undefined {
  return (
    /^extension "([^"]+)" is not available/.exec(error)?.[1] ??
    /^could not open extension control file ".*\/([^/"]+)\.control"/.exec(error)?.[1]
  );
}
