import type { SyntaxNode } from '@lezer/common';
import { holdsOnPostgres } from '../migrations/dialect-guard.js';
import { parsePythonText } from '../migrations/python-parser.js';
import {
  type CallArgs,
  callArgs,
  calleePath,
  keywordBool,
  staticString,
} from '../migrations/python-syntax.js';
import { LineIndex } from '../text-position.js';
import { ident, NotRendered, renderColumn, renderDefault, renderNames, renderType } from './render-column.js';
import { indexTail, renderIndexColumns } from './render-index.js';
import { renderTableConstraint } from './render-table-constraint.js';
import type { NotTraced, PlannedStatement } from './plan-types.js';

/**
 * An Alembic migration's `upgrade()` rendered as the PostgreSQL DDL its `op.*` calls run, in
 * order, each statement at the line of its call. Only what Slipway understands is rendered;
 * everything else (Python logic, helpers, data migrations, types it does not know) is listed as
 * not traced, with the reason, never silently skipped.
 */
export interface RenderedModule {
  statements: PlannedStatement[];
  notTraced: NotTraced[];
}

interface Walk {
  file: string;
  src: string;
  lines: LineIndex;
  out: RenderedModule;
  autocommit: boolean;
  batchTable?: string;
  /** The module's functions, for dialect tests made through a helper (`if is_postgres():`). */
  functions: Map<string, SyntaxNode>;
  /** Set at a `return` PostgreSQL reaches: what follows does not run there. */
  exit: { returned: boolean };
}

export function renderAlembicUpgrade(file: string, src: string): RenderedModule {
  const out: RenderedModule = { statements: [], notTraced: [] };
  const tree = parsePythonText(src);
  const lines = new LineIndex(src);
  const functions = new Map<string, SyntaxNode>();
  for (let s = tree.topNode.firstChild; s; s = s.nextSibling) {
    const def = s.name === 'DecoratedStatement' ? s.getChild('FunctionDefinition') : s;
    const name = def?.name === 'FunctionDefinition' ? def.getChild('VariableName') : null;
    if (def && name) functions.set(src.slice(name.from, name.to), def);
  }
  const upgrade = functions.get('upgrade');
  const body = upgrade?.getChild('Body');
  if (!body) {
    out.notTraced.push({ file, line: 1, reason: 'no upgrade() function' });
    return out;
  }
  walkBody(body, { file, src, lines, out, autocommit: false, functions, exit: { returned: false } });
  return out;
}

function walkBody(body: SyntaxNode, w: Walk): void {
  for (let s = body.firstChild; s; s = s.nextSibling) {
    if (s.name === ':' || s.name === 'Comment' || s.name === 'PassStatement') continue;
    const line = w.lines.position(s.from).line + 1;
    // Only bodies PostgreSQL runs are walked: a `return` in one ends the migration there.
    if (w.exit.returned) {
      w.out.notTraced.push({ file: w.file, line, reason: 'after a return PostgreSQL reaches: not run' });
      continue;
    }
    if (s.name === 'ReturnStatement') {
      w.exit.returned = true;
      continue;
    }
    const call = s.name === 'ExpressionStatement' ? s.firstChild : null;
    if (call?.name === 'CallExpression') renderCall(call, line, w);
    else if (s.name === 'WithStatement') renderWith(s, line, w);
    else if (s.name === 'IfStatement') renderIf(s, line, w);
    else if (s.name === 'ExpressionStatement' && s.firstChild?.name === 'String')
      continue; // a docstring
    else
      w.out.notTraced.push({ file: w.file, line, reason: `Python ${describe(s.name)} Slipway does not run` });
  }
}

function describe(node: string): string {
  return (
    node
      .replace(/Statement$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase() + ' statement'
  );
}

/**
 * An `if` on the dialect (`if bind.dialect.name == "mysql": ... else: ...`, see dialect-guard.ts):
 * the branch PostgreSQL runs is traced, each other branch is listed as not run on PostgreSQL. A
 * condition that cannot be decided before the branch that runs leaves the whole statement
 * untraced, as any Python logic.
 */
function renderIf(node: SyntaxNode, line: number, w: Walk): void {
  const branches: { at: number; holds: boolean | undefined; body: SyntaxNode }[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'if' && c.name !== 'elif' && c.name !== 'else') continue;
    const cond = c.name === 'else' ? undefined : c.nextSibling;
    const body = (cond ?? c).nextSibling;
    if (body?.name !== 'Body') break;
    const holds = cond ? holdsOnPostgres(cond, w.src, (name) => w.functions.get(name)) : true;
    branches.push({ at: w.lines.position(c.from).line + 1, holds, body });
  }
  const runs = branches.findIndex((b) => b.holds !== false);
  if (runs < 0 ? branches.length === 0 : branches[runs]?.holds !== true) {
    w.out.notTraced.push({ file: w.file, line, reason: 'Python if statement Slipway does not run' });
    return;
  }
  branches.forEach((b, i) => {
    if (i === runs) walkBody(b.body, w);
    else
      w.out.notTraced.push({
        file: w.file,
        line: b.at,
        reason: 'a branch for another database: PostgreSQL does not run it',
      });
  });
}

function renderWith(node: SyntaxNode, line: number, w: Walk): void {
  const item = node.getChild('CallExpression');
  const path = item ? calleePath(item, w.src) : undefined;
  const body = node.getChild('Body');
  if (!item || !path || !body) {
    w.out.notTraced.push({ file: w.file, line, reason: 'a with-block Slipway does not understand' });
    return;
  }
  if (path[path.length - 1] === 'autocommit_block') walkBody(body, { ...w, autocommit: true });
  else if (path.join('.') === 'op.batch_alter_table') {
    const t = callArgs(item, w.src).positional[0];
    const table = t ? staticString(t, w.src)?.value : undefined;
    if (table === undefined)
      w.out.notTraced.push({
        file: w.file,
        line,
        reason: 'batch_alter_table on a table name that is not a literal',
      });
    else walkBody(body, { ...w, batchTable: table });
  } else w.out.notTraced.push({ file: w.file, line, reason: `with ${path.join('.')}(...)` });
}

function renderCall(call: SyntaxNode, line: number, w: Walk): void {
  const path = calleePath(call, w.src) ?? [];
  const method = path[path.length - 1] ?? '';
  const onOp =
    path.length === 2 && (path[0] === 'op' || (w.batchTable !== undefined && path[0] === 'batch_op'));
  if (!onOp) {
    w.out.notTraced.push({
      file: w.file,
      line,
      reason: `${path.join('.') || 'a call'}(...) is Python Slipway does not run`,
    });
    return;
  }
  try {
    const sql = renderOp(method, callArgs(call, w.src), w, path[0] !== 'op');
    const endLine = w.lines.position(call.to).line + 1;
    for (const s of sql)
      w.out.statements.push({ file: w.file, line, endLine, sql: s, outsideTransaction: w.autocommit });
  } catch (error) {
    if (!(error instanceof NotRendered)) throw error;
    w.out.notTraced.push({ file: w.file, line, reason: `${path.join('.')}: ${error.message}` });
  }
}

function str(args: CallArgs, i: number, kw: string, src: string): string {
  const n = args.positional[i] ?? args.keywords.get(kw);
  const v = n ? staticString(n, src)?.value : undefined;
  if (v === undefined) throw new NotRendered(`argument ${kw} is not a literal string`);
  return v;
}

function qualified(args: CallArgs, table: string, src: string, kw = 'schema'): string {
  const schema = args.keywords.get(kw);
  const s = schema ? staticString(schema, src)?.value : undefined;
  return s === undefined ? ident(table) : `${ident(s)}.${ident(table)}`;
}

function renderOp(method: string, a: CallArgs, w: Walk, batch: boolean): string[] {
  const src = w.src;
  const shift = batch ? 1 : 0;
  const table = () =>
    batch ? ident(w.batchTable as string) : qualified(a, str(a, 0, 'table_name', src), src);
  const conTable = () =>
    batch ? ident(w.batchTable as string) : qualified(a, str(a, 1, 'table_name', src), src);
  const notValid = () => (keywordBool(a, 'postgresql_not_valid', src) === true ? ' NOT VALID' : '');
  const concurrently = () => (keywordBool(a, 'postgresql_concurrently', src) === true ? ' CONCURRENTLY' : '');
  // Alembic 1.13's if_exists= (and if_not_exists= on the create side), rendered as SQLAlchemy does.
  const ifExists = () => (keywordBool(a, 'if_exists', src) === true ? ' IF EXISTS' : '');
  const ifNotExists = () => (keywordBool(a, 'if_not_exists', src) === true ? ' IF NOT EXISTS' : '');
  switch (method) {
    case 'execute': {
      const n = a.positional[0] ?? a.keywords.get('sqltext');
      const sql = n ? staticString(n, src)?.value : undefined;
      if (sql === undefined) throw new NotRendered('SQL that is not a literal string');
      return [sql];
    }
    case 'create_table': {
      const elements = a.positional
        .slice(1)
        .map((c) => renderTableConstraint(c, src) ?? renderColumn(c, src).sql);
      return [`CREATE TABLE${ifNotExists()} ${table()} (${elements.join(', ')})`];
    }
    case 'drop_table':
      return [`DROP TABLE${ifExists()} ${table()}`];
    case 'rename_table':
      return [`ALTER TABLE ${table()} RENAME TO ${ident(str(a, 1, 'new_table_name', src))}`];
    case 'add_column':
      return [
        `ALTER TABLE ${table()} ADD COLUMN ${renderColumn(a.positional[1 - shift] ?? a.keywords.get('column'), src).sql}`,
      ];
    case 'drop_column':
      return [`ALTER TABLE ${table()} DROP COLUMN ${ident(str(a, 1 - shift, 'column_name', src))}`];
    case 'alter_column':
      return alterColumn(a, table(), ident(str(a, 1 - shift, 'column_name', src)), src);
    case 'create_index': {
      const unique = keywordBool(a, 'unique', src) === true ? 'UNIQUE ' : '';
      const on = batch ? ident(w.batchTable as string) : qualified(a, str(a, 1, 'table_name', src), src);
      const cols = renderIndexColumns(a.positional[2 - shift] ?? a.keywords.get('columns'), src);
      return [
        `CREATE ${unique}INDEX${concurrently()}${ifNotExists()} ${ident(str(a, 0, 'index_name', src))} ON ${on}${indexTail(a, cols, src)}`,
      ];
    }
    case 'drop_index':
      return [`DROP INDEX${concurrently()}${ifExists()} ${ident(str(a, 0, 'index_name', src))}`];
    case 'create_foreign_key': {
      const ref = ident(str(a, 2 - shift, 'referent_table', src));
      const local = renderNames(a.positional[3 - shift] ?? a.keywords.get('local_cols'), src);
      const remote = renderNames(a.positional[4 - shift] ?? a.keywords.get('remote_cols'), src);
      const from = batch
        ? ident(w.batchTable as string)
        : qualified(a, str(a, 1, 'source_table', src), src, 'source_schema');
      return [
        `ALTER TABLE ${from} ADD CONSTRAINT ${ident(str(a, 0, 'constraint_name', src))} FOREIGN KEY (${local}) REFERENCES ${ref} (${remote})${notValid()}`,
      ];
    }
    case 'create_check_constraint':
      return [
        `ALTER TABLE ${conTable()} ADD CONSTRAINT ${ident(str(a, 0, 'constraint_name', src))} CHECK (${str(a, 2 - shift, 'condition', src)})${notValid()}`,
      ];
    case 'create_unique_constraint':
    case 'create_primary_key': {
      const kind = method === 'create_unique_constraint' ? 'UNIQUE' : 'PRIMARY KEY';
      const cols = renderNames(a.positional[2 - shift] ?? a.keywords.get('columns'), src);
      return [
        `ALTER TABLE ${conTable()} ADD CONSTRAINT ${ident(str(a, 0, 'constraint_name', src))} ${kind} (${cols})`,
      ];
    }
    case 'drop_constraint':
      return [`ALTER TABLE ${conTable()} DROP CONSTRAINT ${ident(str(a, 0, 'constraint_name', src))}`];
    default:
      throw new NotRendered('not an op Slipway renders');
  }
}

function alterColumn(a: CallArgs, table: string, column: string, src: string): string[] {
  const out: string[] = [];
  const type = a.keywords.get('type_');
  if (type) out.push(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${renderType(type, src)}`);
  const nullable = keywordBool(a, 'nullable', src);
  if (nullable === false) out.push(`ALTER TABLE ${table} ALTER COLUMN ${column} SET NOT NULL`);
  if (nullable === true) out.push(`ALTER TABLE ${table} ALTER COLUMN ${column} DROP NOT NULL`);
  const def = a.keywords.get('server_default');
  if (def) out.push(`ALTER TABLE ${table} ALTER COLUMN ${column} SET DEFAULT ${renderDefault(def, src)}`);
  const rename = a.keywords.get('new_column_name');
  const to = rename ? staticString(rename, src)?.value : undefined;
  if (to !== undefined) out.push(`ALTER TABLE ${table} RENAME COLUMN ${column} TO ${ident(to)}`);
  if (out.length === 0) throw new NotRendered('alter_column with nothing Slipway renders');
  return out;
}
