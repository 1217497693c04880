import type { SyntaxNode } from '@lezer/common';
import { arg, type CallArgs, callArgs, calleePath, keywordBool, str } from '../migrations/python-syntax.js';
import { ident, NotRendered, renderColumn, renderDefault, renderNames } from './render-column.js';
import { indexTail, renderIndexColumns, renderTableIndex } from './render-index.js';
import { renderTableConstraint } from './render-table-constraint.js';
import { STAND_IN_TYPE, type StandInColumn, typeOrStandIn } from './stand-in-type.js';

/** Argument i (or keyword `kw`) as the literal string it must be for the SQL to be written. */
function literalArg(args: CallArgs, i: number, kw: string, src: string): string {
  const v = str(arg(args, i, kw), src);
  if (v === undefined)
    throw new NotRendered(`argument ${kw} is not a literal string`, 'a name that is not a literal string');
  return v;
}

function qualified(args: CallArgs, table: string, src: string, kw = 'schema'): string {
  const schema = args.keywords.get(kw);
  const s = str(schema, src);
  return s === undefined ? ident(table) : `${ident(s)}.${ident(table)}`;
}

/** An op's statements, and the columns among them that ran with a stand-in type. */
export interface RenderedOp {
  sql: string[];
  standIns: StandInColumn[];
}

/**
 * One `op.*` (or, in a batch, `batch_op.*`) call as the PostgreSQL statements it runs, from its
 * arguments (names already read as the strings they stand for). `batchTable`: the table of the
 * enclosing `batch_alter_table`, for `batch_op` calls. Throws NotRendered for what it cannot render.
 */
export function renderOp(method: string, a: CallArgs, src: string, batchTable?: string): RenderedOp {
  const standIns: StandInColumn[] = [];
  const sql = renderStatements(method, a, src, standIns, batchTable);
  return { sql, standIns };
}

function renderStatements(
  method: string,
  a: CallArgs,
  src: string,
  standIns: StandInColumn[],
  batchTable?: string,
): string[] {
  const batch = batchTable !== undefined;
  const shift = batch ? 1 : 0;
  const table = () =>
    batch ? ident(batchTable as string) : qualified(a, literalArg(a, 0, 'table_name', src), src);
  // The table as written (`app.users`), which names a stand-in column.
  const writtenTable = () => {
    if (batch) return batchTable as string;
    const schema = a.keywords.get('schema');
    const s = str(schema, src);
    const t = literalArg(a, 0, 'table_name', src);
    return s === undefined ? t : `${s}.${t}`;
  };
  const column = (node: Parameters<typeof renderColumn>[0], compositeKey = false) => {
    const c = renderColumn(node, src, compositeKey);
    if (c.standInFor !== undefined)
      standIns.push({ table: writtenTable(), column: c.name, type: c.standInFor, ranAs: STAND_IN_TYPE });
    return c;
  };
  const conTable = () =>
    batch ? ident(batchTable as string) : qualified(a, literalArg(a, 1, 'table_name', src), src);
  const notValid = () => (keywordBool(a, 'postgresql_not_valid', src) === true ? ' NOT VALID' : '');
  const concurrently = () => (keywordBool(a, 'postgresql_concurrently', src) === true ? ' CONCURRENTLY' : '');
  // Alembic 1.13's if_exists= (and if_not_exists= on the create side), rendered as SQLAlchemy does.
  const ifExists = () => (keywordBool(a, 'if_exists', src) === true ? ' IF EXISTS' : '');
  const ifNotExists = () => (keywordBool(a, 'if_not_exists', src) === true ? ' IF NOT EXISTS' : '');
  switch (method) {
    case 'execute': {
      const n = a.positional[0] ?? a.keywords.get('sqltext');
      const sql = str(n, src);
      if (sql === undefined) throw new NotRendered('SQL that is not a literal string');
      return [sql];
    }
    case 'create_table': {
      // Two or more primary_key=True columns are one key, as SQLAlchemy renders it: PRIMARY KEY (a, b).
      const parts = a.positional.slice(1);
      const composite = parts.filter((c) => primaryKeyColumn(c, src)).length > 1;
      const keys: string[] = [];
      // An sa.Index among them is created after the table, as SQLAlchemy does.
      const indexes: string[] = [];
      const elements = parts.flatMap((c) => {
        const index = renderTableIndex(c, table(), src);
        if (index !== undefined) {
          indexes.push(index);
          return [];
        }
        const constraint = renderTableConstraint(c, src);
        if (constraint !== undefined) return [constraint];
        const col = column(c, composite);
        if (col.primaryKey) keys.push(ident(col.name));
        return [col.sql];
      });
      if (composite) elements.push(`PRIMARY KEY (${keys.join(', ')})`);
      return [`CREATE TABLE${ifNotExists()} ${table()} (${elements.join(', ')})`, ...indexes];
    }
    case 'drop_table':
      return [`DROP TABLE${ifExists()} ${table()}`];
    case 'rename_table':
      return [`ALTER TABLE ${table()} RENAME TO ${ident(literalArg(a, 1, 'new_table_name', src))}`];
    case 'add_column':
      return [
        `ALTER TABLE ${table()} ADD COLUMN ${column(a.positional[1 - shift] ?? a.keywords.get('column')).sql}`,
      ];
    case 'drop_column':
      return [`ALTER TABLE ${table()} DROP COLUMN ${ident(literalArg(a, 1 - shift, 'column_name', src))}`];
    case 'alter_column': {
      const name = literalArg(a, 1 - shift, 'column_name', src);
      const sql = alterColumn(a, table(), ident(name), src);
      if (sql.standInFor !== undefined)
        standIns.push({ table: writtenTable(), column: name, type: sql.standInFor, ranAs: STAND_IN_TYPE });
      return sql.statements;
    }
    case 'create_index': {
      const unique = keywordBool(a, 'unique', src) === true ? 'UNIQUE ' : '';
      const on = batch ? ident(batchTable as string) : qualified(a, literalArg(a, 1, 'table_name', src), src);
      const cols = renderIndexColumns(a.positional[2 - shift] ?? a.keywords.get('columns'), src);
      return [
        `CREATE ${unique}INDEX${concurrently()}${ifNotExists()} ${ident(literalArg(a, 0, 'index_name', src))} ON ${on}${indexTail(a, cols, src)}`,
      ];
    }
    case 'drop_index':
      return [`DROP INDEX${concurrently()}${ifExists()} ${ident(literalArg(a, 0, 'index_name', src))}`];
    case 'create_foreign_key': {
      const ref = ident(literalArg(a, 2 - shift, 'referent_table', src));
      const local = renderNames(a.positional[3 - shift] ?? a.keywords.get('local_cols'), src);
      const remote = renderNames(a.positional[4 - shift] ?? a.keywords.get('remote_cols'), src);
      const from = batch
        ? ident(batchTable as string)
        : qualified(a, literalArg(a, 1, 'source_table', src), src, 'source_schema');
      return [
        `ALTER TABLE ${from} ADD CONSTRAINT ${ident(literalArg(a, 0, 'constraint_name', src))} FOREIGN KEY (${local}) REFERENCES ${ref} (${remote})${notValid()}`,
      ];
    }
    case 'create_check_constraint':
      return [
        `ALTER TABLE ${conTable()} ADD CONSTRAINT ${ident(literalArg(a, 0, 'constraint_name', src))} CHECK (${literalArg(a, 2 - shift, 'condition', src)})${notValid()}`,
      ];
    case 'create_unique_constraint':
    case 'create_primary_key': {
      const kind = method === 'create_unique_constraint' ? 'UNIQUE' : 'PRIMARY KEY';
      const cols = renderNames(a.positional[2 - shift] ?? a.keywords.get('columns'), src);
      return [
        `ALTER TABLE ${conTable()} ADD CONSTRAINT ${ident(literalArg(a, 0, 'constraint_name', src))} ${kind} (${cols})`,
      ];
    }
    case 'drop_constraint':
      return [`ALTER TABLE ${conTable()} DROP CONSTRAINT ${ident(literalArg(a, 0, 'constraint_name', src))}`];
    default:
      throw new NotRendered('not an op Slipway renders');
  }
}

/** An `sa.Column(..., primary_key=True)`. */
function primaryKeyColumn(node: SyntaxNode, src: string): boolean {
  return (
    node.name === 'CallExpression' &&
    calleePath(node, src)?.at(-1) === 'Column' &&
    keywordBool(callArgs(node, src), 'primary_key', src) === true
  );
}

function alterColumn(
  a: CallArgs,
  table: string,
  column: string,
  src: string,
): { statements: string[]; standInFor?: string } {
  const out: string[] = [];
  const typeNode = a.keywords.get('type_');
  const type = typeNode ? typeOrStandIn(typeNode, src) : undefined;
  if (type) out.push(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${type.sql}`);
  const nullable = keywordBool(a, 'nullable', src);
  if (nullable === false) out.push(`ALTER TABLE ${table} ALTER COLUMN ${column} SET NOT NULL`);
  if (nullable === true) out.push(`ALTER TABLE ${table} ALTER COLUMN ${column} DROP NOT NULL`);
  const def = a.keywords.get('server_default');
  if (def) out.push(`ALTER TABLE ${table} ALTER COLUMN ${column} SET DEFAULT ${renderDefault(def, src)}`);
  const rename = a.keywords.get('new_column_name');
  const to = str(rename, src);
  if (to !== undefined) out.push(`ALTER TABLE ${table} RENAME COLUMN ${column} TO ${ident(to)}`);
  if (out.length === 0) throw new NotRendered('alter_column with nothing Slipway renders');
  return type?.standInFor === undefined
    ? { statements: out }
    : { statements: out, standInFor: type.standInFor };
}
